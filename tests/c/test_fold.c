/* Folding: NFC/NFKC, case folding, mark stripping, punctuation, repair. */
#include "clio.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Folds an exact-size heap copy (ASan sees over-reads); returns a malloc'd string. */
static char *fold_n(const char *s, size_t n, unsigned flags)
{
    char *copy = malloc(n ? n : 1);
    memcpy(copy, s, n);
    clio_buf out = {0};
    cr_assert_eq(clio_fold(copy, n, flags, &out), 0);
    free(copy);
    char *r = strndup(out.data ? out.data : "", out.len);
    if (out.data)
        cr_assert_eq(out.data[out.len], '\0', "output not NUL-terminated");
    clio_buf_free(&out);
    return r;
}

#define EXPECT_FOLD(in, flags, want)                                                   \
    do {                                                                             \
        char *got_ = fold_n(in, sizeof(in) - 1, flags);                              \
        cr_assert_str_eq(got_, want, "fold(\"%s\", %u)", in, (unsigned)(flags));     \
        free(got_);                                                                  \
    } while (0)

Test(fold, nfc_only_by_default)
{
    EXPECT_FOLD("e\xCC\x81", 0, "\xC3\xA9");             /* e + U+0301 → é */
    EXPECT_FOLD("Tro\xCC\x81tsky", 0, "Trótsky");
    EXPECT_FOLD("Trótsky", 0, "Trótsky");
    EXPECT_FOLD("\xEF\xAC\x81", 0, "\xEF\xAC\x81");      /* ﬁ survives NFC */
    EXPECT_FOLD("“War”", 0, "“War”");
    EXPECT_FOLD("A\xE1\xBA\x9E", 0, "A\xE1\xBA\x9E");    /* ẞ kept: no case flag */
    /* canonical reordering: U+0323 (ccc 220) before U+0307 (ccc 230) → ṩ */
    EXPECT_FOLD("s\xCC\x87\xCC\xA3", 0, "\xE1\xB9\xA9");
}

Test(fold, case_folding)
{
    EXPECT_FOLD("Stalin", CLIO_FOLD_CASE, "stalin");
    EXPECT_FOLD("STRASSE", CLIO_FOLD_CASE, "strasse");
    EXPECT_FOLD("Straße", CLIO_FOLD_CASE, "strasse");        /* ß → ss */
    EXPECT_FOLD("\xE1\xBA\x9E", CLIO_FOLD_CASE, "ss");       /* ẞ → ss */
    EXPECT_FOLD("ÉCOLE", CLIO_FOLD_CASE, "école");
    EXPECT_FOLD("ΣΊΣΥΦΟΣ", CLIO_FOLD_CASE, "σίσυφοσ");       /* final sigma folds to σ */
    EXPECT_FOLD("Привет", CLIO_FOLD_CASE, "привет");
}

Test(fold, turkish_dotted_i_standard_not_turkic)
{
    EXPECT_FOLD("\xC4\xB0", CLIO_FOLD_CASE, "i\xCC\x87");    /* İ → i + U+0307 */
    EXPECT_FOLD("\xC4\xB0stanbul", CLIO_FOLD_CASE, "i\xCC\x87stanbul");
    EXPECT_FOLD("\xC4\xB1", CLIO_FOLD_CASE, "\xC4\xB1");     /* ı stays dotless */
    EXPECT_FOLD("I", CLIO_FOLD_CASE, "i");                   /* not ı */
    EXPECT_FOLD("\xC4\xB0", CLIO_FOLD_CASE | CLIO_FOLD_MARKS, "i");
}

Test(fold, compatibility)
{
    EXPECT_FOLD("\xEF\xAC\x81nal", CLIO_FOLD_COMPAT, "final");               /* ﬁ */
    EXPECT_FOLD("\xEF\xAC\x80", CLIO_FOLD_COMPAT, "ff");                     /* ﬀ */
    EXPECT_FOLD("\xEF\xBC\xA1\xEF\xBC\xA2", CLIO_FOLD_COMPAT, "AB");         /* ＡＢ */
    EXPECT_FOLD("\xEF\xBC\xA1\xEF\xBC\xA2", CLIO_FOLD_COMPAT | CLIO_FOLD_CASE, "ab");
    EXPECT_FOLD("\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x94", CLIO_FOLD_COMPAT, "1914");
    EXPECT_FOLD("x\xC2\xB2", CLIO_FOLD_COMPAT, "x2");                        /* x² */
    EXPECT_FOLD("\xEF\xAC\x81", CLIO_FOLD_CASE, "fi");  /* case folding alone unfolds ﬁ */
}

Test(fold, punctuation)
{
    /* ‘ ’ ‛ ʼ ′ ` ´ */
    EXPECT_FOLD("\xE2\x80\x98\xE2\x80\x99\xE2\x80\x9B\xCA\xBC\xE2\x80\xB2`\xC2\xB4",
                CLIO_FOLD_PUNCT, "'''''''");
    /* “ ” „ ″ « » */
    EXPECT_FOLD("\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x9E\xE2\x80\xB3\xC2\xAB\xC2\xBB",
                CLIO_FOLD_PUNCT, "\"\"\"\"\"\"");
    /* ‐ ‑ ‒ – — ― − ﹘ ﹣ － */
    EXPECT_FOLD("\xE2\x80\x90\xE2\x80\x91\xE2\x80\x92\xE2\x80\x93\xE2\x80\x94\xE2\x80\x95"
                "\xE2\x88\x92\xEF\xB9\x98\xEF\xB9\xA3\xEF\xBC\x8D",
                CLIO_FOLD_PUNCT, "----------");
    EXPECT_FOLD("don’t", CLIO_FOLD_PUNCT, "don't");
    EXPECT_FOLD("1879–1953", CLIO_FOLD_PUNCT, "1879-1953");
    EXPECT_FOLD("`quoted'", CLIO_FOLD_PUNCT, "'quoted'");                 /* ASCII path */
    EXPECT_FOLD("“War”", 0, "“War”");                                     /* off by default */
}

Test(fold, punctuation_survives_compatibility_decomposition)
{
    /* Under NFKC ´ would become space + U+0301 and ″ two primes; they must still unify. */
    EXPECT_FOLD("\xC2\xB4", CLIO_FOLD_DEFAULT, "'");
    EXPECT_FOLD("\xE2\x80\xB3", CLIO_FOLD_DEFAULT, "\"");
    EXPECT_FOLD("\xE2\x80\xB4", CLIO_FOLD_DEFAULT, "'''");                /* ‴ */
    EXPECT_FOLD("\xEF\xB8\xB1", CLIO_FOLD_DEFAULT, "-");                  /* ︱ → — → - */
    EXPECT_FOLD("Don’t “Stop” — ﬁne", CLIO_FOLD_DEFAULT, "don't \"stop\" - fine");
}

Test(fold, strip_marks)
{
    EXPECT_FOLD("Trótsky", CLIO_FOLD_CASE | CLIO_FOLD_MARKS, "trotsky");
    EXPECT_FOLD("Tro\xCC\x81tsky", CLIO_FOLD_CASE | CLIO_FOLD_MARKS, "trotsky");
    EXPECT_FOLD("Ioseb", CLIO_FOLD_MARKS, "Ioseb");
    EXPECT_FOLD("Ñandú", CLIO_FOLD_MARKS, "Nandu");
    EXPECT_FOLD("Łódź", CLIO_FOLD_MARKS, "Łodz");   /* Ł has no decomposition */
    EXPECT_FOLD("Trótsky", CLIO_FOLD_CASE, "trótsky");  /* marks kept without the flag */
}

Test(fold, invalid_input_becomes_replacement)
{
    EXPECT_FOLD("a\xFF" "b", 0, "a\xEF\xBF\xBD" "b");
    EXPECT_FOLD("A\xFF" "B", CLIO_FOLD_CASE, "a\xEF\xBF\xBD" "b");
    EXPECT_FOLD("\xC0\x80", CLIO_FOLD_DEFAULT, "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_FOLD("\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_FOLD("É\xE2\x82", CLIO_FOLD_CASE, "é\xEF\xBF\xBD");
    EXPECT_FOLD("\xF0\x9F\x98", CLIO_FOLD_DEFAULT, "\xEF\xBF\xBD");
    EXPECT_FOLD("Ж\x80", CLIO_FOLD_CASE | CLIO_FOLD_MARKS, "ж\xEF\xBF\xBD");
}

Test(fold, never_reads_past_n)
{
    /* "é" cut after its lead byte: only n bytes are given. */
    char *got = fold_n("\xC3\xA9", 1, CLIO_FOLD_DEFAULT);
    cr_assert_str_eq(got, "\xEF\xBF\xBD");
    free(got);
    got = fold_n("Abc", 2, CLIO_FOLD_CASE);
    cr_assert_str_eq(got, "ab");
    free(got);
}

Test(fold, nul_bytes_pass_through)
{
    clio_buf out = {0};
    cr_assert_eq(clio_fold("A\0B", 3, CLIO_FOLD_CASE, &out), 0);
    cr_assert_eq(out.len, 3);
    cr_assert_eq(memcmp(out.data, "a\0b", 3), 0);
    out.len = 0;
    cr_assert_eq(clio_fold("É\0É", 5, CLIO_FOLD_CASE, &out), 0);
    cr_assert_eq(out.len, 5);
    cr_assert_eq(memcmp(out.data, "é\0é", 5), 0);
    clio_buf_free(&out);
}

Test(fold, appends_to_existing_output)
{
    clio_buf out = {0};
    cr_assert_eq(clio_buf_append(&out, "x:", 2), 0);
    cr_assert_eq(clio_fold("ABC", 3, CLIO_FOLD_CASE, &out), 0);
    cr_assert_eq(clio_fold("É", 2, CLIO_FOLD_CASE, &out), 0);
    cr_assert_eq(clio_fold("", 0, CLIO_FOLD_CASE, &out), 0);
    cr_assert_str_eq(out.data, "x:abcé");
    clio_buf_free(&out);

    clio_buf empty = {0};
    cr_assert_eq(clio_fold("", 0, 0, &empty), 0);
    cr_assert_eq(empty.len, 0);
    cr_assert_str_eq(empty.data, "");
    clio_buf_free(&empty);
}

Test(fold, long_inputs_use_the_heap_path)
{
    size_t reps = 3000;
    char *in = malloc(reps * 2), *want = malloc(reps * 2 + 1);
    for (size_t i = 0; i < reps; i++) {
        memcpy(in + 2 * i, "É", 2);
        memcpy(want + 2 * i, "é", 2);
    }
    want[reps * 2] = '\0';
    char *got = fold_n(in, reps * 2, CLIO_FOLD_CASE);
    cr_assert_str_eq(got, want);
    free(got);

    /* invalid bytes beyond the stack buffer for repairs */
    memset(in, 0xFF, reps);
    got = fold_n(in, reps, CLIO_FOLD_DEFAULT);
    cr_assert_eq(strlen(got), reps * 3);
    for (size_t i = 0; i < reps; i++)
        cr_assert_eq(memcmp(got + 3 * i, "\xEF\xBF\xBD", 3), 0);
    free(got);

    /* U+FDFA expands to 18 code points under NFKC */
    for (size_t i = 0; i < 200; i++)
        memcpy(in + 3 * i, "\xEF\xB7\xBA", 3);
    got = fold_n(in, 600, CLIO_FOLD_COMPAT);
    char *one = fold_n("\xEF\xB7\xBA", 3, CLIO_FOLD_COMPAT);
    cr_assert_eq(strlen(got), 200 * strlen(one));
    cr_assert_gt(strlen(one), 18);
    free(one);
    free(got);
    free(in);
    free(want);
}

/* The ASCII fast path must agree with utf8proc itself. */
static char *utf8proc_reference(const char *s, size_t n, unsigned flags)
{
    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & CLIO_FOLD_COMPAT)
        opts |= UTF8PROC_COMPAT;
    if (flags & CLIO_FOLD_CASE)
        opts |= UTF8PROC_CASEFOLD;
    if (flags & CLIO_FOLD_MARKS)
        opts |= UTF8PROC_STRIPMARK;
    utf8proc_uint8_t *r = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r, opts);
    cr_assert_geq(len, 0);
    if (flags & CLIO_FOLD_PUNCT)
        for (utf8proc_ssize_t i = 0; i < len; i++)
            if (r[i] == '`')
                r[i] = '\'';
    return (char *)r;
}

Test(fold, ascii_fast_path_equals_slow_path)
{
    srand(1812);
    char buf[300], mixed[310];
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(rand() % 250) + 1;
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)(1 + rand() % 127); /* NUL-free so utf8proc_map sees it all */
        buf[n] = '\0';
        for (unsigned flags = 0; flags < 16; flags++) {
            char *fast = fold_n(buf, n, flags);
            char *ref = utf8proc_reference(buf, n, flags);
            cr_assert_str_eq(fast, ref, "flags %u", flags);
            /* The same ASCII with "é" appended takes the utf8proc path. */
            memcpy(mixed, buf, n);
            memcpy(mixed + n, "\xC3\xA9", 2);
            char *slow = fold_n(mixed, n + 2, flags);
            char *tail = fold_n("\xC3\xA9", 2, flags);
            cr_assert_eq(strlen(slow), strlen(fast) + strlen(tail), "flags %u", flags);
            cr_assert_eq(memcmp(slow, fast, strlen(fast)), 0, "flags %u", flags);
            cr_assert_str_eq(slow + strlen(fast), tail);
            free(fast);
            free(ref);
            free(slow);
            free(tail);
        }
    }
}
