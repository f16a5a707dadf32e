#include "i18n.h"

#include <stdio.h>
#include <string.h>

struct entry {
    const char *text[LANG_COUNT];
};

/* The language switch names the language it switches to. */
static const struct entry table[STR_COUNT] = {
    [STR_LANG_SWITCH] = {{"EN", "中文"}},
    [STR_TOUCH_TO_START] = {{"轻触屏幕，开始探索",
                             "Touch the screen to start"}},
    [STR_ATTRACT_TAGLINE] =
        {{"360° 全景看内饰 · 扫码关注 · 预约试驾",
          "360° interiors · Follow us · Book a test drive"}},
    [STR_HOME_TITLE] = {{"探索在售车型", "Explore our models"}},
    [STR_HOME_SUBTITLE] = {{"轻触车型，360° 环顾内饰",
                            "Tap a model to look around its interior"}},
    [STR_FOLLOW_US] = {{"关注公众号", "Follow us"}},
    [STR_BOOK_TEST_DRIVE] = {{"预约试驾", "Book a test drive"}},
    [STR_VIEW_360] = {{"360° 看内饰", "360° interior"}},
    [STR_SCENES_ONE] = {{"{} 个 360° 全景场景", "{} interior view in 360°"}},
    [STR_SCENES_MANY] = {{"{} 个 360° 全景场景", "{} interior views in 360°"}},
    [STR_BACK] = {{"返回", "Back"}},
    [STR_COMING_SOON] = {{"即将推出", "Coming soon"}},
    [STR_VIEWER_TITLE] = {{"360° 内饰", "360° interior"}},
    [STR_VIEWER_SOON] = {{"360° 全景内饰即将上线",
                          "The 360° interior viewer is on its way"}},
    [STR_VIEWER_DETAIL] = {{"在这里，您将可以用手指环顾{}的内饰，"
                            "在前排、后排和后备箱之间自由切换。",
                            "Here you will look around the interior of the "
                            "{} with one finger, and move between the front "
                            "seats, the rear seats and the boot."}},
    [STR_BOOKING_TITLE] = {{"预约试驾", "Book a test drive"}},
    [STR_BOOKING_SOON] = {{"在线预约即将上线",
                           "Booking at the kiosk is on its way"}},
    [STR_BOOKING_DETAIL] = {{"在这里，您将可以为{}选择日期和时段，"
                             "留下称呼和手机号码，一分钟完成预约。",
                             "Here you will pick a day and time to drive the "
                             "{}, leave your name and mobile number, and be "
                             "booked in under a minute."}},
    [STR_FOLLOW_TITLE] = {{"关注我们", "Follow us"}},
    [STR_FOLLOW_SOON] = {{"扫码关注即将上线", "Scan to follow is on its way"}},
    [STR_FOLLOW_DETAIL] = {{"在这里，您将可以用微信扫描二维码，"
                            "关注{}的公众号，获取新车资讯与到店礼遇。",
                            "Here you will scan a QR code with WeChat to "
                            "follow {} for news of new models and showroom "
                            "offers."}},
    [STR_STAFF_TITLE] = {{"员工面板", "Staff panel"}},
    [STR_STAFF_SOON] = {{"员工面板即将上线", "The staff panel is on its way"}},
    [STR_STAFF_DETAIL] = {{"在这里，销售顾问输入 PIN 码后，可以开启或停止"
                           "演示模式，查看预约是否已送达总部系统，并立即同步。",
                           "Here sales staff will enter their PIN, start or "
                           "stop demo mode, see that bookings reached the "
                           "backend and force a sync."}},
    [STR_IMAGE_UNAVAILABLE] = {{"图片暂不可用", "Image unavailable"}},
};

const char *i18n_get(enum lang lang, enum str_id id)
{
    if ((unsigned)id >= STR_COUNT || (unsigned)lang >= LANG_COUNT)
        return "";
    return table[id].text[lang] ? table[id].text[lang] : "";
}

const char *i18n_format(enum lang lang, enum str_id id, const char *arg,
                        char *out, size_t out_size)
{
    const char *text = i18n_get(lang, id);
    const char *mark = strstr(text, "{}");

    if (!mark)
        snprintf(out, out_size, "%s", text);
    else
        snprintf(out, out_size, "%.*s%s%s", (int)(mark - text), text, arg,
                 mark + 2);
    return out;
}

/* 239800 -> "239,800" */
static void group_thousands(int64_t value, char *out, size_t out_size)
{
    char digits[32];
    size_t n, used = 0;

    snprintf(digits, sizeof(digits), "%lld", (long long)value);
    n = strlen(digits);
    for (size_t i = 0; i < n && used + 2 < out_size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[used++] = ',';
        out[used++] = digits[i];
    }
    out[used] = '\0';
}

/* 23980000 fen -> "23.98" (wan yuan), trailing zeros dropped. */
static void format_wan(int64_t price_fen, char *out, size_t out_size)
{
    /* 1 wan yuan is 1,000,000 fen, so 0.01 wan is 10,000 fen. */
    int64_t hundredths = (price_fen + 5000) / 10000;
    size_t n;

    snprintf(out, out_size, "%lld.%02lld", (long long)(hundredths / 100),
             (long long)(hundredths % 100));
    n = strlen(out);
    while (n > 0 && out[n - 1] == '0')
        out[--n] = '\0';
    if (n > 0 && out[n - 1] == '.')
        out[--n] = '\0';
}

const char *i18n_price(enum lang lang, int64_t price_fen, char *out,
                       size_t out_size)
{
    char amount[40];

    if (lang == LANG_ZH_CN && price_fen >= 1000000) {
        format_wan(price_fen, amount, sizeof(amount));
        snprintf(out, out_size, "¥%s万起", amount);
    } else if (lang == LANG_ZH_CN) {
        group_thousands(price_fen / 100, amount, sizeof(amount));
        snprintf(out, out_size, "¥%s起", amount);
    } else {
        group_thousands(price_fen / 100, amount, sizeof(amount));
        snprintf(out, out_size, "From ¥%s", amount);
    }
    return out;
}
