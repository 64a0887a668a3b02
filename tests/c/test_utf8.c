/* UTF-8 decoding, encoding and checking, byte by byte. */
#include "clio.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define S(lit) (const unsigned char *)(lit), sizeof(lit) - 1

typedef struct piece {
    int len;
    int32_t cp;
    int problem;
} piece;

/* Decodes the whole buffer the way a repairing reader would. */
static size_t decode_all(const unsigned char *s, size_t n, piece *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        piece p;
        p.len = clio_utf8_decode(s + i, n - i, &p.cp, &p.problem);
        cr_assert(p.len >= 1 && p.len <= 4 && (size_t)p.len <= n - i, "len %d at %zu", p.len, i);
        if (p.problem == CLIO_UTF8_VALID)
            cr_assert(p.cp >= 0);
        else
            cr_assert_eq(p.cp, -1);
        out[k++] = p;
        i += (size_t)p.len;
    }
    return k;
}

static void expect_one(const unsigned char *s, size_t n, int32_t cp)
{
    piece p[8];
    size_t k = decode_all(s, n, p, 8);
    cr_assert_eq(k, 1, "expected one sequence, got %zu", k);
    cr_assert_eq(p[0].len, (int)n);
    cr_assert_eq(p[0].problem, CLIO_UTF8_VALID);
    cr_assert_eq(p[0].cp, cp, "U+%04X != U+%04X", (unsigned)p[0].cp, (unsigned)cp);
}

/* Expects: first an invalid piece of len `len` with `problem`, then `rest` more pieces. */
static void expect_bad(const unsigned char *s, size_t n, int len, int problem, size_t total)
{
    piece p[8];
    size_t k = decode_all(s, n, p, 8);
    cr_assert_eq(p[0].problem, problem, "problem %d (%s) != %d (%s)", p[0].problem,
                 clio_utf8_problem_text(p[0].problem), problem,
                 clio_utf8_problem_text(problem));
    cr_assert_eq(p[0].len, len, "len %d != %d", p[0].len, len);
    cr_assert_eq(k, total, "%zu pieces, expected %zu", k, total);
}

Test(decode, boundaries)
{
    expect_one(S("\x00"), 0);
    expect_one(S("A"), 'A');
    expect_one(S("\x7F"), 0x7F);
    expect_one(S("\xC2\x80"), 0x80);
    expect_one(S("\xDF\xBF"), 0x7FF);
    expect_one(S("\xE0\xA0\x80"), 0x800);
    expect_one(S("\xED\x9F\xBF"), 0xD7FF);
    expect_one(S("\xEE\x80\x80"), 0xE000);
    expect_one(S("\xEF\xBB\xBF"), 0xFEFF);
    expect_one(S("\xEF\xBF\xBD"), 0xFFFD);
    expect_one(S("\xEF\xBF\xBF"), 0xFFFF);
    expect_one(S("\xF0\x90\x80\x80"), 0x10000);
    expect_one(S("\xF4\x8F\xBF\xBF"), 0x10FFFF);
    expect_one(S("\xF0\x9F\x98\x80"), 0x1F600);
}

Test(decode, too_large)
{
    expect_bad(S("\xF4\x90\x80\x80"), 1, CLIO_UTF8_TOO_LARGE, 4); /* U+110000 */
    expect_bad(S("\xF4\xBF\xBF\xBF"), 1, CLIO_UTF8_TOO_LARGE, 4);
    expect_bad(S("\xF5\x80\x80\x80"), 1, CLIO_UTF8_TOO_LARGE, 4);
    expect_bad(S("\xF7\xBF\xBF\xBF"), 1, CLIO_UTF8_TOO_LARGE, 4);
    expect_bad(S("\xF8\x88\x80\x80\x80"), 1, CLIO_UTF8_TOO_LARGE, 5);
    expect_bad(S("\xFE"), 1, CLIO_UTF8_TOO_LARGE, 1);
    expect_bad(S("\xFF"), 1, CLIO_UTF8_TOO_LARGE, 1);
}

Test(decode, overlong)
{
    expect_bad(S("\xC0\x80"), 1, CLIO_UTF8_OVERLONG, 2);
    expect_bad(S("\xC0\xAF"), 1, CLIO_UTF8_OVERLONG, 2);
    expect_bad(S("\xC1\xBF"), 1, CLIO_UTF8_OVERLONG, 2);
    expect_bad(S("\xC1"), 1, CLIO_UTF8_OVERLONG, 1);
    expect_bad(S("\xE0\x80\x80"), 1, CLIO_UTF8_OVERLONG, 3);
    expect_bad(S("\xE0\x9F\xBF"), 1, CLIO_UTF8_OVERLONG, 3);
    expect_bad(S("\xF0\x80\x80\x80"), 1, CLIO_UTF8_OVERLONG, 4);
    expect_bad(S("\xF0\x8F\xBF\xBF"), 1, CLIO_UTF8_OVERLONG, 4);
}

Test(decode, surrogates)
{
    expect_bad(S("\xED\xA0\x80"), 1, CLIO_UTF8_SURROGATE, 3); /* U+D800 */
    expect_bad(S("\xED\xAF\xBF"), 1, CLIO_UTF8_SURROGATE, 3); /* U+DBFF */
    expect_bad(S("\xED\xB0\x80"), 1, CLIO_UTF8_SURROGATE, 3); /* U+DC00 */
    expect_bad(S("\xED\xBF\xBF"), 1, CLIO_UTF8_SURROGATE, 3); /* U+DFFF */
    /* A CESU-8 pair is two surrogates, each lead one problem, each trail two. */
    expect_bad(S("\xED\xA0\xBD\xED\xB8\x80"), 1, CLIO_UTF8_SURROGATE, 6);
}

Test(decode, truncated)
{
    expect_bad(S("\xC3"), 1, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xC3\x41"), 1, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xE2"), 1, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xE2\x82"), 2, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xE2\x82\x41"), 2, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xE2\x82\xE2\x82\xAC"), 2, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xE0\xA0"), 2, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xE0\x41"), 1, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xED\x41"), 1, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xF0"), 1, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xF0\x9F"), 2, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xF0\x9F\x98"), 3, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xF0\x9F\x98\x41"), 3, CLIO_UTF8_TRUNCATED, 2);
    expect_bad(S("\xF4\x8F\xBF"), 3, CLIO_UTF8_TRUNCATED, 1);
    expect_bad(S("\xF4\x41"), 1, CLIO_UTF8_TRUNCATED, 2);
}

Test(decode, truncated_at_buffer_end_reads_nothing_past_n)
{
    /* An exact-size heap copy: ASan catches any read past n. */
    const unsigned char src[] = {'a', 0xF0, 0x9F, 0x98};
    unsigned char *b = malloc(sizeof src);
    memcpy(b, src, sizeof src);
    int32_t cp;
    int problem;
    cr_assert_eq(clio_utf8_decode(b + 1, 3, &cp, &problem), 3);
    cr_assert_eq(problem, CLIO_UTF8_TRUNCATED);
    cr_assert_eq(cp, -1);
    cr_assert_eq(clio_utf8_decode(b + 3, 1, &cp, &problem), 1);
    cr_assert_eq(problem, CLIO_UTF8_STRAY);
    free(b);
}

Test(decode, stray)
{
    expect_bad(S("\x80"), 1, CLIO_UTF8_STRAY, 1);
    expect_bad(S("\xBF"), 1, CLIO_UTF8_STRAY, 1);
    expect_bad(S("\x80\x80\x80\x80"), 1, CLIO_UTF8_STRAY, 4);
    expect_bad(S("\xA9"), 1, CLIO_UTF8_STRAY, 1); /* Latin-1 © */
}

Test(decode, unicode_table_3_8_maximal_subparts)
{
    /* Unicode 15 §3.9, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
    static const unsigned char s[] = {0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2,
                                      0x62, 0x80, 0x63, 0x80, 0xBF, 0x64};
    static const int lens[] = {1, 3, 2, 1, 1, 1, 1, 1, 1, 1};
    static const int32_t cps[] = {'a', -1, -1, -1, 'b', -1, 'c', -1, -1, 'd'};
    piece p[16];
    size_t k = decode_all(s, sizeof s, p, 16);
    cr_assert_eq(k, 10);
    for (size_t i = 0; i < k; i++) {
        cr_assert_eq(p[i].len, lens[i], "piece %zu", i);
        cr_assert_eq(p[i].cp, cps[i], "piece %zu", i);
    }
    /* Table 3-9, 3-10, 3-11 in one: C0 AF E0 80 BF F0 81 82 41 → 8 × U+FFFD then A */
    static const unsigned char t[] = {0xC0, 0xAF, 0xE0, 0x80, 0xBF, 0xF0, 0x81, 0x82, 0x41};
    k = decode_all(t, sizeof t, p, 16);
    cr_assert_eq(k, 9);
    for (size_t i = 0; i < 8; i++)
        cr_assert_eq(p[i].len, 1);
    cr_assert_eq(p[8].cp, 'A');
    /* ED A0 80 ED BF BF ED AF 41 → 8 × U+FFFD then A */
    static const unsigned char u[] = {0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF, 0xED, 0xAF, 0x41};
    k = decode_all(u, sizeof u, p, 16);
    cr_assert_eq(k, 9);
    cr_assert_eq(p[8].cp, 'A');
    /* F4 91 92 93 FF 41 80 BF 42 → 5 × U+FFFD, A, 2 × U+FFFD, B */
    static const unsigned char v[] = {0xF4, 0x91, 0x92, 0x93, 0xFF, 0x41, 0x80, 0xBF, 0x42};
    k = decode_all(v, sizeof v, p, 16);
    cr_assert_eq(k, 9);
    cr_assert_eq(p[5].cp, 'A');
    cr_assert_eq(p[8].cp, 'B');
    /* E1 80 E2 F0 91 92 F1 BF 41 → 4 × U+FFFD, then A */
    static const unsigned char w[] = {0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41};
    k = decode_all(w, sizeof w, p, 16);
    cr_assert_eq(k, 5);
    cr_assert_eq(p[0].len, 2);
    cr_assert_eq(p[1].len, 1);
    cr_assert_eq(p[2].len, 3);
    cr_assert_eq(p[3].len, 2);
    cr_assert_eq(p[4].cp, 'A');
}

Test(decode, null_pointers_and_empty)
{
    cr_assert_eq(clio_utf8_decode((const unsigned char *)"\xC3\xA9", 2, NULL, NULL), 2);
    int32_t cp = 7;
    int problem = 0;
    cr_assert_eq(clio_utf8_decode((const unsigned char *)"", 0, &cp, &problem), 0);
    cr_assert_eq(cp, -1);
}

/* Every 1-, 2- and 3-byte string agrees with utf8proc_iterate on validity and value. */
Test(decode, agrees_with_utf8proc_on_all_three_byte_strings)
{
    unsigned char s[4] = {0};
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c++) {
                s[0] = (unsigned char)a, s[1] = (unsigned char)b, s[2] = (unsigned char)c;
                int32_t cp, ref;
                int problem;
                int len = clio_utf8_decode(s, 3, &cp, &problem);
                utf8proc_ssize_t rl = utf8proc_iterate(s, 3, &ref);
                if (rl > 0) {
                    if (len != rl || cp != ref)
                        cr_assert_fail("%02X %02X %02X: %d U+%X vs utf8proc %zd U+%X", a, b, c,
                                 len, (unsigned)cp, (ssize_t)rl, (unsigned)ref);
                } else if (problem == CLIO_UTF8_VALID) {
                    cr_assert_fail("%02X %02X %02X: valid here, not for utf8proc", a, b, c);
                }
            }
}

Test(decode, agrees_with_utf8proc_on_four_byte_leads)
{
    static const unsigned char tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                          0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
    unsigned char s[4];
    for (unsigned a = 0xF0; a < 0x100; a++)
        for (unsigned b = 0; b < 256; b++)
            for (size_t c = 0; c < sizeof tails; c++)
                for (size_t d = 0; d < sizeof tails; d++) {
                    s[0] = (unsigned char)a, s[1] = (unsigned char)b;
                    s[2] = tails[c], s[3] = tails[d];
                    int32_t cp, ref;
                    int problem;
                    int len = clio_utf8_decode(s, 4, &cp, &problem);
                    utf8proc_ssize_t rl = utf8proc_iterate(s, 4, &ref);
                    if (rl > 0) {
                        if (len != rl || cp != ref)
                            cr_assert_fail("%02X %02X %02X %02X differ", s[0], s[1], s[2], s[3]);
                    } else if (problem == CLIO_UTF8_VALID) {
                        cr_assert_fail("%02X %02X %02X %02X valid here only", s[0], s[1], s[2],
                                 s[3]);
                    }
                }
}

Test(encode, round_trips_every_scalar_value)
{
    char buf[4];
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        int len = clio_utf8_encode(cp, buf);
        int expect = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (len != expect)
            cr_assert_fail("U+%X: length %d", (unsigned)cp, len);
        int32_t back;
        int problem;
        if (clio_utf8_decode((unsigned char *)buf, 4, &back, &problem) != len || back != cp)
            cr_assert_fail("U+%X does not round-trip", (unsigned)cp);
    }
}

Test(encode, invalid_code_points_become_replacement)
{
    char buf[4];
    const int32_t bad[] = {-1, 0xD800, 0xDFFF, 0x110000, 0x7FFFFFFF};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_assert_eq(clio_utf8_encode(bad[i], buf), 3);
        cr_assert_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
    }
}

Test(problem_text, names)
{
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_OVERLONG), "overlong encoding");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_SURROGATE), "encoded surrogate");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_TOO_LARGE), "code point past U+10FFFF");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_TRUNCATED), "truncated sequence");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_STRAY), "unexpected continuation byte");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_NUL), "NUL byte");
    cr_assert_str_eq(clio_utf8_problem_text(CLIO_UTF8_VALID), "valid");
    cr_assert_str_eq(clio_utf8_problem_text(99), "unknown problem");
}

/* ---- clio_utf8_check ---------------------------------------------------------- */

static clio_utf8_report check(const char *s, size_t n, int expect_clean)
{
    clio_utf8_report r;
    memset(&r, 0x55, sizeof r);
    /* An exact-size heap copy so ASan sees any over-read. */
    char *b = malloc(n ? n : 1);
    memcpy(b, s, n);
    int clean = clio_utf8_check(b, n, &r);
    cr_assert_eq(clean, expect_clean);
    cr_assert_eq(clio_utf8_check(b, n, NULL), expect_clean);
    free(b);
    return r;
}

#define CHECK_BAD(lit, nbad, off, ln, col, prob)                                        \
    do {                                                                              \
        clio_utf8_report r_ = check(lit, sizeof(lit) - 1, 0);                         \
        cr_assert_eq(r_.bad, nbad, "bad %lld", (long long)r_.bad);                    \
        cr_assert_eq(r_.offset, off, "offset %lld", (long long)r_.offset);            \
        cr_assert_eq(r_.line, ln, "line %lld", (long long)r_.line);                   \
        cr_assert_eq(r_.column, col, "column %lld", (long long)r_.column);            \
        cr_assert_eq(r_.problem, prob, "problem %s", clio_utf8_problem_text(r_.problem)); \
    } while (0)

Test(check, clean_text)
{
    clio_utf8_report r = check("", 0, 1);
    cr_assert_eq(r.bad, 0);
    cr_assert_eq(r.offset, -1);
    cr_assert_eq(r.line, -1);
    cr_assert_eq(r.column, -1);
    cr_assert_eq(r.problem, CLIO_UTF8_VALID);
    check("plain ASCII text\n", 17, 1);
    const char mixed[] = "Trótsky — Ioseb Dzhugashvili, “Koba”, 1879–1953 😀\r\n";
    check(mixed, sizeof mixed - 1, 1);
}

Test(check, bom_is_valid)
{
    const char s[] = "\xEF\xBB\xBFThe war began in 1914.\n";
    check(s, sizeof s - 1, 1);
}

Test(check, boundary_code_points_are_valid)
{
    const char s[] = "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    check(s, sizeof s - 1, 1);
    CHECK_BAD("ok \xF4\x90\x80\x80", 4, 3, 1, 4, CLIO_UTF8_TOO_LARGE);
}

Test(check, each_problem_class)
{
    CHECK_BAD("a\xC0\x80", 2, 1, 1, 2, CLIO_UTF8_OVERLONG);
    CHECK_BAD("ab\xE0\x80\xAF", 3, 2, 1, 3, CLIO_UTF8_OVERLONG);
    CHECK_BAD("abc\xF0\x8F\xBF\xBF", 4, 3, 1, 4, CLIO_UTF8_OVERLONG);
    CHECK_BAD("\xED\xA0\x80", 3, 0, 1, 1, CLIO_UTF8_SURROGATE);
    CHECK_BAD("x\xF5\x80\x80\x80", 4, 1, 1, 2, CLIO_UTF8_TOO_LARGE);
    CHECK_BAD("xy\x80", 1, 2, 1, 3, CLIO_UTF8_STRAY);
    CHECK_BAD("caf\xC3", 1, 3, 1, 4, CLIO_UTF8_TRUNCATED);
    CHECK_BAD("caf\xC3 x", 1, 3, 1, 4, CLIO_UTF8_TRUNCATED);
    CHECK_BAD("hello\0world", 1, 5, 1, 6, CLIO_UTF8_NUL);
    CHECK_BAD("\0", 1, 0, 1, 1, CLIO_UTF8_NUL);
}

Test(check, four_byte_sequence_truncated_at_the_very_end)
{
    CHECK_BAD("abc\xF0\x9F\x98", 1, 3, 1, 4, CLIO_UTF8_TRUNCATED);
    CHECK_BAD("abc\xF0\x9F", 1, 3, 1, 4, CLIO_UTF8_TRUNCATED);
    CHECK_BAD("abc\xF0", 1, 3, 1, 4, CLIO_UTF8_TRUNCATED);
    /* Past the 8-byte fast path: 40 ASCII bytes then a cut emoji. */
    CHECK_BAD("0123456789012345678901234567890123456789\xF0\x9F\x98", 1, 40, 1, 41,
              CLIO_UTF8_TRUNCATED);
}

Test(check, counts_every_problem_reports_the_first)
{
    CHECK_BAD("\xFF\xFE ok \xC0\x80 \0", 5, 0, 1, 1, CLIO_UTF8_TOO_LARGE);
    CHECK_BAD("fine\nfine\n\x80 \x80 \x80", 3, 10, 3, 1, CLIO_UTF8_STRAY);
}

Test(check, columns_count_code_points)
{
    CHECK_BAD("é€😀\x80", 1, 9, 1, 4, CLIO_UTF8_STRAY);
    CHECK_BAD("line one\nПривет\xFF", 1, 21, 2, 7, CLIO_UTF8_TOO_LARGE);
}

Test(check, line_breaks)
{
    CHECK_BAD("ab\ncd\r\nef\rgh\xFF", 1, 12, 4, 3, CLIO_UTF8_TOO_LARGE);
    CHECK_BAD("a\r\n\r\nb\xC0", 1, 6, 3, 2, CLIO_UTF8_OVERLONG);  /* CRLF counts once */
    CHECK_BAD("a\r\r\nb\xC0", 1, 5, 3, 2, CLIO_UTF8_OVERLONG);    /* CR then CRLF */
    CHECK_BAD("a\r\xFF", 1, 2, 2, 1, CLIO_UTF8_TOO_LARGE);        /* lone CR just before */
    CHECK_BAD("a\n\xFF", 1, 2, 2, 1, CLIO_UTF8_TOO_LARGE);
    CHECK_BAD("\n\n\n\n\0", 1, 4, 5, 1, CLIO_UTF8_NUL);
    CHECK_BAD("\r\r\r\0", 1, 3, 4, 1, CLIO_UTF8_NUL);
    CHECK_BAD("a\n\rb\xFF", 1, 4, 3, 2, CLIO_UTF8_TOO_LARGE);     /* LF CR is two breaks */
}

Test(check, every_position_in_and_around_the_fast_path)
{
    char buf[130];
    for (size_t len = 1; len <= sizeof buf; len++) {
        for (size_t pos = 0; pos < len; pos++) {
            memset(buf, 'a', len);
            buf[pos] = '\0';
            clio_utf8_report r = check(buf, len, 0);
            cr_assert_eq(r.offset, (int64_t)pos);
            cr_assert_eq(r.column, (int64_t)pos + 1);
            cr_assert_eq(r.problem, CLIO_UTF8_NUL);
            buf[pos] = (char)0x80;
            r = check(buf, len, 0);
            cr_assert_eq(r.offset, (int64_t)pos);
            cr_assert_eq(r.bad, 1);
            cr_assert_eq(r.problem, CLIO_UTF8_STRAY);
        }
        /* A valid 3-byte sequence straddling every position stays clean. */
        for (size_t pos = 0; pos + 3 <= len; pos++) {
            memset(buf, 'a', len);
            memcpy(buf + pos, "\xE2\x80\x94", 3);
            check(buf, len, 1);
        }
    }
}

Test(check, offsets_past_64k_are_int64)
{
    cr_assert_eq(sizeof(((clio_utf8_report *)0)->offset), 8);
    size_t n = 200000;
    char *b = malloc(n);
    for (size_t i = 0; i < n; i++)
        b[i] = (i % 100 == 99) ? '\n' : 'x';
    /* a bit of non-ASCII early on keeps the slow path honest */
    memcpy(b + 10, "\xC3\xA9", 2);
    size_t bad = 70001; /* line 701, column 2 */
    b[bad] = (char)0xFF;
    b[150000] = (char)0xC0;
    clio_utf8_report r;
    cr_assert_eq(clio_utf8_check(b, n, &r), 0);
    cr_assert_eq(r.bad, 2);
    cr_assert_eq(r.offset, 70001);
    cr_assert_eq(r.line, 701);
    cr_assert_eq(r.column, 2);
    cr_assert_eq(r.problem, CLIO_UTF8_TOO_LARGE);
    free(b);
}

/* The naive reference: decode everything, track lines, columns. */
static void reference(const unsigned char *s, size_t n, clio_utf8_report *r)
{
    int64_t line = 1, col = 1;
    r->bad = 0;
    r->offset = r->line = r->column = -1;
    r->problem = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int problem;
        int len = clio_utf8_decode(s + i, n - i, &cp, &problem);
        if (cp == 0)
            problem = CLIO_UTF8_NUL;
        if (problem) {
            if (r->bad++ == 0) {
                r->offset = (int64_t)i, r->line = line, r->column = col;
                r->problem = problem;
            }
        }
        if (cp == '\n' || (cp == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
            line++, col = 1;
        else
            col++;
        i += (size_t)len;
    }
}

Test(check, agrees_with_a_naive_reference_on_random_text)
{
    static const char *const frags[] = {
        "the ", "war ", "\n", "\r\n", "\r", "é", "—", "😀", "Ж", "\xEF\xBB\xBF", "abcdefghijklmnop",
        "\x80", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xF0\x9F\x98", "\0",
        "\xFF", "\xC3"};
    srand(1914);
    unsigned char buf[4096];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        size_t want = (size_t)(rand() % 400);
        while (n < want) {
            /* mostly clean fragments, sometimes a bad one */
            size_t k = (size_t)rand() % 100 < 97 ? (size_t)rand() % 11 : (size_t)rand() % 20;
            const char *f = frags[k];
            size_t fl = k == 17 ? 1 : strlen(f);
            memcpy(buf + n, f, fl);
            n += fl;
        }
        clio_utf8_report got, want_r;
        int clean = clio_utf8_check((const char *)buf, n, &got);
        reference(buf, n, &want_r);
        cr_assert_eq(clean, want_r.bad == 0);
        cr_assert_eq(got.bad, want_r.bad, "round %d", round);
        cr_assert_eq(got.offset, want_r.offset, "round %d", round);
        cr_assert_eq(got.line, want_r.line, "round %d", round);
        cr_assert_eq(got.column, want_r.column, "round %d", round);
        cr_assert_eq(got.problem, want_r.problem, "round %d", round);
    }
}
