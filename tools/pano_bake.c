/*
 * pano-bake IN OUTDIR: bakes an equirectangular JPEG or PNG into the cube
 * tiles the kiosk shows (see panorama/pano_bake.h), with a progress bar on
 * stderr, then prints what it wrote, how long it took and the peak RSS.
 *
 * pano-bake --faces FRONT RIGHT BACK LEFT UP DOWN OUTDIR does the same
 * from six cube-face pictures (oriented as panorama/pano_input.h says).
 *
 * Exit status: 0 done, 2 bad usage or bad input (the message says why),
 * 1 anything else (a full disk, no memory).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pano_bake.h"
#include "pano_input.h"

enum {
    EXIT_FAILED = 1,
    EXIT_BAD_INPUT = 2,
    BAR_WIDTH = 40,
    PLAIN_STEP_PERCENT = 10,
    KIB_PER_MIB = 1024,
};

struct progress {
    bool tty;
    int last_percent;
};

static void draw_bar(int percent)
{
    char bar[BAR_WIDTH + 1];
    int filled = percent * BAR_WIDTH / 100;

    memset(bar, '#', (size_t)filled);
    memset(bar + filled, '.', (size_t)(BAR_WIDTH - filled));
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\rbaking [%s] %3d%%", bar, percent);
    if (percent == 100)
        fputc('\n', stderr);
}

static void on_progress(void *user, double fraction)
{
    struct progress *p = user;
    int percent = (int)(fraction * 100);

    if (percent == p->last_percent)
        return;
    if (p->tty) {
        draw_bar(percent);
    } else if (percent == 100 || percent / PLAIN_STEP_PERCENT !=
                                     p->last_percent / PLAIN_STEP_PERCENT) {
        fprintf(stderr, "pano-bake: %d%%\n", percent);
    }
    p->last_percent = percent;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static double peak_rss_mib(void)
{
    struct rusage usage;

    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_maxrss / KIB_PER_MIB; /* Linux: KiB */
}

static void print_summary(const char *in, const char *out,
                          const struct pano_bake_summary *s, double seconds)
{
    const struct pano_manifest *m = &s->manifest;
    const char *kind =
        m->source_kind == PANO_INPUT_FACES ? "six faces of " : "";

    printf("%s (%s%dx%d) -> %s\n", in, kind, m->source_width, m->source_height,
           out);
    printf("face size %d px, %d level%s:", m->levels[0].face_size,
           m->level_count, m->level_count == 1 ? "" : "s");
    for (int k = 0; k < m->level_count; k++)
        printf(" L%d %d px (%dx%d tiles)", k, m->levels[k].face_size,
               m->levels[k].tiles_per_side, m->levels[k].tiles_per_side);
    printf("\n%d tiles of up to %d px + %d px gutter, 6 faces\n",
           s->tiles_written, m->tile_size, m->gutter);
    printf("time %.2f s, peak RSS %.1f MiB\n", seconds, peak_rss_mib());
}

static void usage(void)
{
    fprintf(stderr, "usage: pano-bake IN.jpg|IN.png OUTDIR\n"
                    "       pano-bake --faces FRONT RIGHT BACK LEFT UP DOWN "
                    "OUTDIR\n"
                    "  IN is an equirectangular picture (2:1); the faces are "
                    "six square\n"
                    "  JPEG or PNG files of one size, each seen from inside, "
                    "upright;\n"
                    "  UP has its top towards the back, DOWN towards the "
                    "front.\n");
}

/* Fills in *in and *out_dir from the arguments; false on bad usage. */
static bool parse_args(int argc, char **argv, struct pano_input *in,
                       const char **out_dir)
{
    *in = (struct pano_input){0};
    if (argc == 3 && argv[1][0] != '-') {
        in->equirect = argv[1];
        *out_dir = argv[2];
        return true;
    }
    if (argc != 2 + PANO_FACE_COUNT + 1 || strcmp(argv[1], "--faces") != 0)
        return false;
    for (int i = 0; i < PANO_FACE_COUNT; i++)
        in->faces[pano_input_face_order[i]] = argv[2 + i];
    *out_dir = argv[argc - 1];
    return true;
}

int main(int argc, char **argv)
{
    struct pano_input in;
    const char *out_dir;

    if (!parse_args(argc, argv, &in, &out_dir)) {
        usage();
        return EXIT_BAD_INPUT;
    }

    struct progress progress = {isatty(STDERR_FILENO) != 0, -1};
    struct pano_bake_options options = {.progress = on_progress,
                                        .user = &progress};
    struct pano_bake_summary summary;
    struct pano_err err;
    struct timespec start;

    clock_gettime(CLOCK_MONOTONIC, &start);
    enum pano_result r =
        pano_bake_input(&in, out_dir, &options, &summary, &err);
    if (r != PANO_OK) {
        if (progress.tty && progress.last_percent >= 0)
            fputc('\n', stderr);
        fprintf(stderr, "pano-bake: %s\n", err.msg);
        return r == PANO_E_INPUT ? EXIT_BAD_INPUT : EXIT_FAILED;
    }
    print_summary(pano_input_label(&in), out_dir, &summary,
                  seconds_since(&start));
    return 0;
}
