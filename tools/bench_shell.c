/*
 * vitrine-bench-shell: the foundation's figures, measured on the real
 * program running headless on the sample content.
 *
 *   startup   process start to the first home frame (the kiosk logs the
 *             time from main(); fork-to-exit of a run that quits at once
 *             is shown beside it), median of RUNS runs
 *   memory    peak RSS of a run that shows the home screen for 10 s
 *   idle CPU  user + system CPU over those 10 s, less what start-up took
 *
 * Usage: vitrine-bench-shell [PATH-TO-VITRINE] [WxH]
 * Prints a Markdown table; the figures drift with the machine's load.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    RUNS = 9,
    IDLE_MS = 10000,
};

struct run_result {
    double wall_ms;
    double cpu_ms;
    long max_rss_kb;
    double first_frame_ms; /* from the kiosk's own log, -1 if absent */
};

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
    return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (!f)
        return false;
    fputs(text, f);
    return fclose(f) == 0;
}

static double first_frame_from_log(const char *log_path)
{
    char line[512];
    FILE *f = fopen(log_path, "r");
    double ms = -1;

    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f)) {
        const char *p = strstr(line, "first frame (home) ");

        if (p && sscanf(p, "first frame (home) %lf ms", &ms) == 1)
            break;
    }
    fclose(f);
    return ms;
}

static bool run_kiosk(char **argv, const char *log_path, struct run_result *out)
{
    struct rusage usage;
    double start = now_ms();
    int status;
    pid_t pid = fork();

    if (pid < 0)
        return false;
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        dup2(fd, STDERR_FILENO);
        dup2(fd, STDOUT_FILENO);
        execv(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed, see %s\n", argv[0], log_path);
        return false;
    }
    out->wall_ms = now_ms() - start;
    out->cpu_ms = tv_ms(usage.ru_utime) + tv_ms(usage.ru_stime);
    out->max_rss_kb = usage.ru_maxrss;
    out->first_frame_ms = first_frame_from_log(log_path);
    return true;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), compare_doubles);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    const char *bin = argc > 1 ? argv[1] : "build/bin/vitrine";
    const char *size = argc > 2 ? argv[2] : "1920x1080";
    char dir[] = "/tmp/vitrine-bench-XXXXXX";
    char quit_path[64], idle_path[64], log_path[64], data[64];
    char idle_script[64];
    double walls[RUNS], frames[RUNS], cpus[RUNS];
    struct run_result r, idle;

    if (!mkdtemp(dir))
        return 1;
    snprintf(quit_path, sizeof(quit_path), "%s/quit.txt", dir);
    snprintf(idle_path, sizeof(idle_path), "%s/idle.txt", dir);
    snprintf(log_path, sizeof(log_path), "%s/log.txt", dir);
    snprintf(data, sizeof(data), "%s/data", dir);
    snprintf(idle_script, sizeof(idle_script), "wait %d\nquit\n", IDLE_MS);
    if (!write_text(quit_path, "quit\n") || !write_text(idle_path, idle_script))
        return 1;

    char *quit_argv[] = {(char *)bin,
                         "--headless",
                         "--windowed",
                         (char *)size,
                         "--start-screen",
                         "home",
                         "--data-dir",
                         data,
                         "--screenshot-dir",
                         dir,
                         "--script",
                         quit_path,
                         NULL};
    char *idle_argv[] = {(char *)bin,
                         "--headless",
                         "--windowed",
                         (char *)size,
                         "--start-screen",
                         "home",
                         "--data-dir",
                         data,
                         "--screenshot-dir",
                         dir,
                         "--script",
                         idle_path,
                         NULL};

    for (int i = 0; i < RUNS; i++) {
        if (!run_kiosk(quit_argv, log_path, &r))
            return 1;
        walls[i] = r.wall_ms;
        frames[i] = r.first_frame_ms;
        cpus[i] = r.cpu_ms;
    }
    if (!run_kiosk(idle_argv, log_path, &idle))
        return 1;

    printf("| figure (headless %s, SDL_VIDEODRIVER=%s) | value |\n", size,
           getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "offscreen");
    printf("|---|---|\n");
    printf("| main() to first home frame, median of %d | %.1f ms |\n", RUNS,
           median(frames, RUNS));
    printf("| fork to exit of a run that quits after that frame, median "
           "| %.1f ms |\n",
           median(walls, RUNS));
    printf("| peak RSS showing the home screen for %d s | %.1f MiB |\n",
           IDLE_MS / 1000, (double)idle.max_rss_kb / 1024.0);
    printf("| CPU while idle on the home screen (%d s, start-up CPU "
           "taken out) | %.2f %% of one core |\n",
           IDLE_MS / 1000,
           100.0 * (idle.cpu_ms - median(cpus, RUNS)) / IDLE_MS);
    printf("| CPU of the whole 10 s run, start-up included | %.0f ms |\n",
           idle.cpu_ms);
    unlink(quit_path);
    unlink(idle_path);
    unlink(log_path);
    rmdir(data);
    rmdir(dir);
    return 0;
}
