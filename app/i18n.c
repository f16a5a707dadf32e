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
    [STR_VIEWER_PREPARING] = {{"正在准备 360° 画面",
                               "Preparing the 360° view"}},
    [STR_VIEWER_HINT] = {{"拖动环顾四周 · 双指缩放 · 双击放大",
                          "Drag to look around · pinch or double-tap to "
                          "zoom"}},
    [STR_VIEWER_UNAVAILABLE_DETAIL] = {{"请看看其他场景，或向销售顾问咨询。",
                                        "Try another view, or ask our "
                                        "staff."}},
    [STR_BOOKING_TITLE] = {{"预约试驾", "Book a test drive"}},
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
                           "演示模式，查看预约是否已送达总部系统，"
                           "并立即同步。",
                           "Here sales staff will enter their PIN, start or "
                           "stop demo mode, see that bookings reached the "
                           "backend and force a sync."}},
    [STR_IMAGE_UNAVAILABLE] = {{"图片暂不可用", "Image unavailable"}},
    [STR_FORM_STEP] = {{"第 {} 步", "Step {}"}},
    [STR_FORM_NEXT] = {{"下一步", "Next"}},
    [STR_FORM_CANCEL] = {{"取消预约", "Cancel"}},
    [STR_FORM_MODEL_Q] = {{"您想试驾哪款车型？",
                           "Which model would you like to drive?"}},
    [STR_FORM_SLOT_Q] = {{"选择试驾日期和时间", "Pick a day and a time"}},
    [STR_FORM_NO_SLOTS] = {{"近期暂无可预约的时段，请咨询我们的销售顾问。",
                            "No times are open in the coming days; please "
                            "ask our staff."}},
    [STR_FORM_TODAY] = {{"今天", "Today"}},
    [STR_FORM_TOMORROW] = {{"明天", "Tomorrow"}},
    [STR_FORM_NAME_Q] = {{"我们该如何称呼您？", "How should we address you?"}},
    [STR_FORM_NAME_HINT] = {{"选择姓氏和称谓，或用键盘输入",
                             "Type your name, or pick a surname"}},
    [STR_FORM_SURNAMES] = {{"选择姓氏", "Surnames"}},
    [STR_FORM_KEYBOARD] = {{"键盘输入", "Keyboard"}},
    [STR_FORM_SPACE] = {{"空格", "Space"}},
    [STR_FORM_DELETE] = {{"删除", "Delete"}},
    [STR_FORM_CLEAR] = {{"清空", "Clear"}},
    [STR_FORM_NAME_BAD] = {{"请输入 1 到 20 个字的称呼，只用中文或字母",
                            "Use 1 to 20 letters or Chinese characters"}},
    [STR_FORM_PHONE_Q] = {{"您的手机号码", "Your mobile number"}},
    [STR_FORM_PHONE_HINT] = {{"销售顾问会致电确认您的预约",
                              "Our staff will call to confirm the booking"}},
    [STR_FORM_PHONE_BAD] = {{"这不是有效的手机号码，请检查后重新输入",
                             "That is not a valid mainland mobile number; "
                             "please check it"}},
    [STR_FORM_CONSENT_Q] = {{"个人信息说明", "Your details"}},
    [STR_FORM_CONSENT_MAIN] = {{"我同意{}为安排本次试驾处理我的称呼和手机号码",
                                "I agree that {} uses my name and mobile "
                                "number to arrange this test drive"}},
    [STR_FORM_CONSENT_MARKETING] = {{"我愿意接收新车资讯和优惠活动（可选）",
                                     "Send me news of new models and offers "
                                     "(optional)"}},
    [STR_FORM_NOTICE_LINK] = {{"查看个人信息处理说明",
                               "Read how we use your details"}},
    [STR_FORM_NOTICE_TITLE] = {{"个人信息处理说明", "How we use your details"}},
    [STR_FORM_NOTICE_BODY] =
        {{"收集者：{}。\n"
          "用途：仅用于安排和确认本次试驾；只有勾选第二项，"
          "我们才会向您发送新车资讯。\n"
          "保存期限：预约送达总部系统后 {} 天内删除您的称呼和"
          "手机号码，只保留不含个人信息的统计。\n"
          "删除请求：请联系展厅销售顾问或拨打展厅电话，"
          "我们会删除您的信息。",
          "Who collects it: {}.\n"
          "Why: only to arrange and confirm this test "
          "drive; we send news only if you tick the second "
          "box.\n"
          "How long: your name and number are erased {} "
          "days after the booking reaches our central "
          "system; only counts without personal details "
          "stay.\n"
          "Deletion: ask any of our staff or call the "
          "showroom and we will erase your details."}},
    [STR_FORM_CLOSE] = {{"关闭", "Close"}},
    [STR_FORM_REVIEW_Q] = {{"请确认您的预约", "Please check your booking"}},
    [STR_FORM_MODEL] = {{"车型", "Model"}},
    [STR_FORM_SLOT] = {{"时间", "Time"}},
    [STR_FORM_NAME] = {{"称呼", "Name"}},
    [STR_FORM_PHONE] = {{"手机", "Mobile"}},
    [STR_FORM_NEWS] = {{"新车资讯", "News"}},
    [STR_FORM_MARKETING_YES] = {{"接收", "Yes, send me news"}},
    [STR_FORM_MARKETING_NO] = {{"不接收", "No"}},
    [STR_FORM_SUBMIT] = {{"确认预约", "Confirm booking"}},
    [STR_FORM_SAVE_FAILED] = {{"预约未能保存，请联系我们的工作人员。",
                               "We could not save your booking; please ask "
                               "our staff."}},
    [STR_FORM_SLOT_GONE] = {{"这个时段已不可预约，请重新选择时间。",
                             "That time is no longer open; please pick "
                             "another."}},
    [STR_FORM_DONE_TITLE] = {{"预约成功", "You are booked"}},
    [STR_FORM_DONE_REF] = {{"预约编号", "Booking reference"}},
    [STR_FORM_DONE_HINT] = {{"到店时向销售顾问出示此编号即可。",
                             "Show this reference to our staff when you "
                             "arrive."}},
    [STR_FORM_DONE_QR] = {{"扫码保存预约（即将推出）",
                           "Scan to keep your booking (coming soon)"}},
    [STR_FORM_FINISH] = {{"完成", "Done"}},
    [STR_FORM_STILL_THERE] = {{"您还在吗？", "Still there?"}},
    [STR_FORM_STILL_THERE_HINT] = {{"{} 秒后将清除已填写的内容",
                                    "What you entered is cleared in {} s"}},
    [STR_FORM_CONTINUE] = {{"继续填写", "Continue"}},
};

const char *i18n_get(enum lang lang, enum str_id id)
{
    if ((unsigned)id >= STR_COUNT || (unsigned)lang >= LANG_COUNT)
        return "";
    return table[id].text[lang] ? table[id].text[lang] : "";
}

const char *i18n_format_n(enum lang lang, enum str_id id,
                          const char *const *args, int n, char *out,
                          size_t out_size)
{
    const char *text = i18n_get(lang, id);
    size_t used = 0;
    int next = 0;

    if (out_size == 0)
        return out;
    out[0] = '\0';
    while (*text && used + 1 < out_size) {
        const char *mark = strstr(text, "{}");
        size_t lit = mark ? (size_t)(mark - text) : strlen(text);
        int wrote = snprintf(out + used, out_size - used, "%.*s%s", (int)lit,
                             text, mark && next < n ? args[next] : "");

        if (wrote < 0)
            break;
        used += (size_t)wrote;
        if (used >= out_size)
            used = out_size - 1;
        if (!mark)
            break;
        next++;
        text = mark + 2;
    }
    return out;
}

const char *i18n_format(enum lang lang, enum str_id id, const char *arg,
                        char *out, size_t out_size)
{
    return i18n_format_n(lang, id, &arg, 1, out, out_size);
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
