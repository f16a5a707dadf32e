/*
 * The booking form's rules: which step may follow which, what each step
 * needs, what typing does to the name and phone, and that a wipe leaves
 * nothing behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "booking_form.h"

static void fill_to_review(struct booking_form *f)
{
    booking_form_start(f, "aurora-ev", FORM_NAME_SURNAME);
    f->slot_start = 1800000000;
    f->slot_minutes = 60;
    assert_true(booking_form_next(f));
    f->surname = 0; /* 王 */
    f->title = 0;   /* 先生 */
    assert_true(booking_form_next(f));
    booking_form_type(f, "13812345678");
    assert_true(booking_form_next(f));
    f->consent_processing = true;
    assert_true(booking_form_next(f));
    assert_int_equal(f->step, FORM_REVIEW);
}

static void test_preselected_model_starts_at_the_slot(void **state)
{
    struct booking_form f;

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    assert_int_equal(f.step, FORM_SLOT);
    assert_string_equal(f.model_id, "aurora-ev");
    booking_form_start(&f, NULL, FORM_NAME_SURNAME);
    assert_int_equal(f.step, FORM_MODEL);
    assert_false(booking_form_next(&f));
}

static void test_next_waits_for_each_step(void **state)
{
    struct booking_form f;

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    assert_false(booking_form_next(&f)); /* no slot yet */
    f.slot_start = 1800000000;
    assert_true(booking_form_next(&f));
    f.surname = 3;
    assert_false(booking_form_next(&f)); /* surname without a title */
    f.title = 1;
    assert_true(booking_form_next(&f));
    booking_form_type(&f, "1381234567");
    assert_false(booking_form_next(&f)); /* ten digits */
    booking_form_type(&f, "8");
    assert_true(booking_form_next(&f));
    assert_false(booking_form_next(&f)); /* consent not ticked */
    f.consent_processing = true;
    assert_true(booking_form_next(&f));
    assert_false(booking_form_next(&f)); /* review submits instead */
}

static void test_surname_and_title_make_the_name(void **state)
{
    struct booking_form f;
    char name[BOOKING_NAME_MAX];

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    f.step = FORM_NAME;
    f.surname = 1; /* 李 */
    f.title = 1;   /* 女士 */
    assert_true(booking_form_name(&f, name, sizeof(name)));
    assert_string_equal(name, "李女士");
}

static void test_typed_name_is_trimmed_and_deleted_by_character(void **state)
{
    struct booking_form f;
    char name[BOOKING_NAME_MAX];

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    f.step = FORM_NAME;
    booking_form_type(&f, "  Li Wei  ");
    assert_int_equal(f.name_mode, FORM_NAME_TYPED);
    assert_true(booking_form_name(&f, name, sizeof(name)));
    assert_string_equal(name, "Li Wei");
    booking_form_clear_field(&f);
    booking_form_type(&f, "张三");
    booking_form_delete(&f);
    assert_string_equal(f.typed, "张");
    booking_form_delete(&f);
    booking_form_delete(&f);
    assert_string_equal(f.typed, "");
    assert_false(booking_form_name(&f, name, sizeof(name)));
}

static void test_phone_keeps_digits_only_up_to_eleven(void **state)
{
    struct booking_form f;

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    f.step = FORM_PHONE;
    booking_form_type(&f, "138-1234");
    assert_string_equal(f.phone, "1381234");
    booking_form_type(&f, "5678999");
    assert_string_equal(f.phone, "13812345678");
    booking_form_delete(&f);
    assert_string_equal(f.phone, "1381234567");
}

static void test_pasted_number_with_country_code_is_taken_whole(void **state)
{
    struct booking_form f;
    char digits[PHONE_DIGITS + 1];

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    f.step = FORM_PHONE;
    booking_form_type(&f, "+86 139 0000 1111");
    assert_true(booking_form_phone(&f, digits, sizeof(digits)));
    assert_string_equal(digits, "13900001111");
}

static void test_wrong_number_is_flagged_only_when_complete(void **state)
{
    struct booking_form f;

    (void)state;
    booking_form_start(&f, "aurora-ev", FORM_NAME_SURNAME);
    f.step = FORM_PHONE;
    booking_form_type(&f, "1281234567");
    assert_false(booking_form_phone_wrong(&f));
    booking_form_type(&f, "8");
    assert_true(booking_form_phone_wrong(&f));
    assert_false(booking_form_next(&f));
}

static void test_back_walks_to_the_first_step(void **state)
{
    struct booking_form f;

    (void)state;
    fill_to_review(&f);
    for (int i = 0; i < 4; i++)
        assert_true(booking_form_back(&f));
    assert_int_equal(f.step, FORM_SLOT); /* the model came preset */
    assert_false(booking_form_back(&f));
    assert_string_equal(f.phone, "13812345678"); /* kept while going back */
    booking_form_start(&f, NULL, FORM_NAME_SURNAME);
    f.model_id[0] = 'x';
    assert_true(booking_form_next(&f));
    assert_true(booking_form_back(&f));
    assert_int_equal(f.step, FORM_MODEL);
    assert_false(booking_form_back(&f));
}

static void test_complete_form_gives_the_booking(void **state)
{
    struct booking_form f;
    struct booking b;

    (void)state;
    fill_to_review(&f);
    f.consent_marketing = true;
    assert_true(booking_form_to_booking(&f, "zh-CN", 1700000000, &b));
    assert_string_equal(b.model_id, "aurora-ev");
    assert_string_equal(b.name, "王先生");
    assert_string_equal(b.phone, "13812345678");
    assert_int_equal(b.slot_start, 1800000000);
    assert_int_equal(b.slot_minutes, 60);
    assert_true(b.consent_processing);
    assert_true(b.consent_marketing);
    assert_string_equal(b.language, "zh-CN");
    assert_int_equal(b.created_at, 1700000000);
}

static void test_incomplete_form_gives_no_booking(void **state)
{
    struct booking_form f;
    struct booking b;

    (void)state;
    fill_to_review(&f);
    f.consent_processing = false;
    assert_false(booking_form_to_booking(&f, "en", 1, &b));
}

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        if (b[i] != 0)
            return false;
    }
    return true;
}

static void test_wipe_leaves_no_name_or_number(void **state)
{
    struct booking_form f;

    (void)state;
    fill_to_review(&f);
    booking_form_type(&f, "x");
    f.step = FORM_NAME;
    booking_form_type(&f, "Zhang");
    booking_form_wipe(&f);
    assert_true(all_zero(f.typed, sizeof(f.typed)));
    assert_true(all_zero(f.phone, sizeof(f.phone)));
    assert_int_equal(f.surname, -1);
    assert_int_equal(f.title, -1);
    assert_false(booking_form_has_entries(&f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preselected_model_starts_at_the_slot),
        cmocka_unit_test(test_next_waits_for_each_step),
        cmocka_unit_test(test_surname_and_title_make_the_name),
        cmocka_unit_test(test_typed_name_is_trimmed_and_deleted_by_character),
        cmocka_unit_test(test_phone_keeps_digits_only_up_to_eleven),
        cmocka_unit_test(test_pasted_number_with_country_code_is_taken_whole),
        cmocka_unit_test(test_wrong_number_is_flagged_only_when_complete),
        cmocka_unit_test(test_back_walks_to_the_first_step),
        cmocka_unit_test(test_complete_form_gives_the_booking),
        cmocka_unit_test(test_incomplete_form_gives_no_booking),
        cmocka_unit_test(test_wipe_leaves_no_name_or_number),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
