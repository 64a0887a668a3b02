/* UTF-8: strict decoding (RFC 3629), encoding, and a fast whole-buffer check.
 *
 * clio_utf8_decode always returns how many bytes the sequence covers (1..4; 0 only when
 * n == 0). A valid sequence stores its code point in *cp and CLIO_UTF8_VALID in
 * *problem; an invalid one stores -1 in *cp and the reason in *problem, and covers its
 * maximal subpart (Unicode 15 §3.9, "U+FFFD substitution of maximal subparts"), so a
 * repairing reader emits one U+FFFD per call and advances by the return value.
 * NUL decodes as U+0000: it is valid UTF-8; only clio_utf8_check counts it as a problem. */
#include "clio.h"

#include <string.h>

#define HI8 0x8080808080808080ull
#define LO8 0x0101010101010101ull

const char *clio_utf8_problem_text(int problem)
{
    switch (problem) {
    case CLIO_UTF8_VALID: return "valid";
    case CLIO_UTF8_TRUNCATED: return "truncated sequence";
    case CLIO_UTF8_OVERLONG: return "overlong encoding";
    case CLIO_UTF8_SURROGATE: return "encoded surrogate";
    case CLIO_UTF8_TOO_LARGE: return "code point past U+10FFFF";
    case CLIO_UTF8_STRAY: return "unexpected continuation byte";
    case CLIO_UTF8_NUL: return "NUL byte";
    default: return "unknown problem";
    }
}

static inline int bad(int32_t *cp, int *problem, int why, int len)
{
    *cp = -1;
    *problem = why;
    return len;
}

/* s[0] >= 0x80 and n >= 1. */
static inline int decode_multi(const unsigned char *s, size_t n, int32_t *cp, int *problem)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    int32_t v;

    if (c < 0xC0)
        return bad(cp, problem, CLIO_UTF8_STRAY, 1);
    if (c < 0xC2) /* C0, C1 could only encode U+0000..U+007F */
        return bad(cp, problem, CLIO_UTF8_OVERLONG, 1);
    if (c < 0xE0) {
        need = 1;
        v = c & 0x1F;
    } else if (c < 0xF0) {
        need = 2;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        need = 3;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return bad(cp, problem, CLIO_UTF8_TOO_LARGE, 1);
    }

    if (n < 2)
        return bad(cp, problem, CLIO_UTF8_TRUNCATED, 1);
    unsigned c1 = s[1];
    if (c1 < lo || c1 > hi) {
        /* The lead alone is the maximal subpart: E0 80 is no prefix of anything valid. */
        if ((c1 & 0xC0) != 0x80)
            return bad(cp, problem, CLIO_UTF8_TRUNCATED, 1);
        if (c == 0xE0 || c == 0xF0)
            return bad(cp, problem, CLIO_UTF8_OVERLONG, 1);
        if (c == 0xED)
            return bad(cp, problem, CLIO_UTF8_SURROGATE, 1);
        return bad(cp, problem, CLIO_UTF8_TOO_LARGE, 1); /* F4 90..BF */
    }
    v = (v << 6) | (int32_t)(c1 & 0x3F);
    for (size_t i = 2; i <= need; i++) {
        if (i >= n || (s[i] & 0xC0) != 0x80)
            return bad(cp, problem, CLIO_UTF8_TRUNCATED, (int)i);
        v = (v << 6) | (int32_t)(s[i] & 0x3F);
    }
    *cp = v;
    *problem = CLIO_UTF8_VALID;
    return (int)need + 1;
}

int clio_utf8_decode(const unsigned char *s, size_t n, int32_t *cp, int *problem)
{
    int32_t dcp;
    int dproblem;
    if (!cp)
        cp = &dcp;
    if (!problem)
        problem = &dproblem;
    if (n == 0)
        return bad(cp, problem, CLIO_UTF8_TRUNCATED, 0);
    if (s[0] < 0x80) {
        *cp = s[0];
        *problem = CLIO_UTF8_VALID;
        return 1;
    }
    return decode_multi(s, n, cp, problem);
}

int clio_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD; /* never emit invalid UTF-8 */
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Nonzero when some byte of w is >= 0x80 or == 0x00. Once no high bit is set, the
 * zero-byte test only needs (w - 0x01..) & 0x80..; borrows can only follow a real zero. */
static inline uint64_t not_plain_ascii(uint64_t w)
{
    return (w | (w - LO8)) & HI8;
}

/* Line and column of off, given that s[0..off) is valid and s[off] is no line break. */
static void locate(const unsigned char *s, size_t n, size_t off, int64_t *line,
                   int64_t *column)
{
    int64_t ln = 1;
    size_t ls = 0;
    const unsigned char *p = s, *end = s + off;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        ln++;
        p++;
        ls = (size_t)(p - s);
    }
    /* Lone CRs: each one not followed by LF is a break too. */
    p = s;
    while (p < end && (p = memchr(p, '\r', (size_t)(end - p)))) {
        size_t i = (size_t)(p - s);
        if (i + 1 >= n || s[i + 1] != '\n') {
            ln++;
            if (i + 1 > ls)
                ls = i + 1;
        }
        p++;
    }
    int64_t col = 1;
    for (size_t i = ls; i < off; i++)
        col += (s[i] & 0xC0) != 0x80;
    *line = ln;
    *column = col;
}

int clio_utf8_check(const char *text, size_t n, clio_utf8_report *report)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, first = SIZE_MAX;
    int64_t nbad = 0;
    int first_problem = CLIO_UTF8_VALID;

    while (i < n) {
        /* ASCII without NUL: 32 bytes, then 8, at a time. */
        while (i + 32 <= n) {
            uint64_t a = load64(s + i), b = load64(s + i + 8), c = load64(s + i + 16),
                     d = load64(s + i + 24);
            if (not_plain_ascii(a) | not_plain_ascii(b) | not_plain_ascii(c) |
                not_plain_ascii(d))
                break;
            i += 32;
        }
        while (i + 8 <= n && !not_plain_ascii(load64(s + i)))
            i += 8;

        /* Byte by byte for a while, then back to the fast path. */
        size_t stop = n - i > 16 ? i + 16 : n;
        while (i < stop) {
            unsigned c = s[i];
            if (c - 1u < 0x7Fu) {
                i++;
                continue;
            }
            int problem;
            int len;
            if (c == 0) {
                problem = CLIO_UTF8_NUL;
                len = 1;
            } else {
                int32_t cp;
                len = decode_multi(s + i, n - i, &cp, &problem);
            }
            if (problem != CLIO_UTF8_VALID) {
                if (!report)
                    return 0;
                if (nbad++ == 0) {
                    first = i;
                    first_problem = problem;
                }
            }
            i += (size_t)len;
        }
    }

    if (report) {
        report->bad = nbad;
        report->problem = first_problem;
        if (nbad) {
            report->offset = (int64_t)first;
            locate(s, n, first, &report->line, &report->column);
        } else {
            report->offset = report->line = report->column = -1;
        }
    }
    return nbad == 0;
}
