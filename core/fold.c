/* Folding: NFC/NFKC, case folding, mark stripping and punctuation unification through
 * utf8proc. It runs once per token, so pure ASCII (the bulk of most corpora) never
 * reaches utf8proc, and short tokens never touch the heap. */
#include "clio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define STACK_CPS 256   /* code points decomposed on the stack */
#define STACK_BYTES 512 /* bytes of repaired input on the stack */

static inline int32_t punct_map(int32_t c)
{
    switch (c) {
    case 0x0060: case 0x00B4: case 0x02BC: case 0x2018: case 0x2019: case 0x201B:
    case 0x2032:
        return '\'';
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x2033:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return c;
    }
}

/* Before decomposition, so that NFKC cannot turn ´ into space + U+0301 first. */
static utf8proc_int32_t punct_before(utf8proc_int32_t c, void *data)
{
    (void)data;
    return punct_map(c);
}

static int fold_ascii(const unsigned char *s, size_t n, unsigned flags, clio_buf *out)
{
    if (clio_buf_reserve(out, n))
        return CLIO_ENOMEM;
    unsigned char *o = (unsigned char *)out->data + out->len;
    int lower = (flags & CLIO_FOLD_CASE) != 0, punct = (flags & CLIO_FOLD_PUNCT) != 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (lower && c - 'A' < 26u)
            c += 'a' - 'A';
        else if (punct && c == '`')
            c = '\'';
        o[i] = (unsigned char)c;
    }
    out->len += n;
    out->data[out->len] = '\0';
    return 0;
}

static int map_error(utf8proc_ssize_t r)
{
    return r == UTF8PROC_ERROR_NOMEM || r == UTF8PROC_ERROR_OVERFLOW ? CLIO_ENOMEM : CLIO_EARG;
}

/* Decomposes (with the custom mapping), maps punctuation again because decomposition
 * can produce it (‴ → ′′′, U+FE31 → —, U+1FFD → ´), composes and appends.
 * src must be valid UTF-8. */
static int fold_utf8proc(const unsigned char *src, size_t n, unsigned flags, clio_buf *out)
{
    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & CLIO_FOLD_COMPAT)
        opts |= UTF8PROC_COMPAT;
    if (flags & CLIO_FOLD_CASE)
        opts |= UTF8PROC_CASEFOLD;
    if (flags & CLIO_FOLD_MARKS)
        opts |= UTF8PROC_STRIPMARK;
    utf8proc_custom_func custom = (flags & CLIO_FOLD_PUNCT) ? punct_before : NULL;

    if (n > (size_t)(PTRDIFF_MAX / 8))
        return CLIO_ENOMEM;

    utf8proc_int32_t stack[STACK_CPS], *buf = stack, *heap = NULL;
    /* One slot spare: utf8proc_reencode needs a byte more than the code points use. */
    utf8proc_ssize_t cap = STACK_CPS - 1;
    utf8proc_ssize_t r = utf8proc_decompose_custom(src, (utf8proc_ssize_t)n, buf, cap, opts,
                                                   custom, NULL);
    if (r > cap) {
        heap = malloc(((size_t)r + 1) * sizeof *heap);
        if (!heap)
            return CLIO_ENOMEM;
        buf = heap;
        cap = r;
        r = utf8proc_decompose_custom(src, (utf8proc_ssize_t)n, buf, cap, opts, custom, NULL);
    }
    int rc = 0;
    if (r < 0 || r > cap) {
        rc = r < 0 ? map_error(r) : CLIO_ENOMEM;
        goto done;
    }
    if (custom) {
        for (utf8proc_ssize_t i = 0; i < r; i++)
            if (buf[i] >= 0x60)
                buf[i] = punct_map(buf[i]);
    }
    r = utf8proc_reencode(buf, r, opts);
    if (r < 0) {
        rc = map_error(r);
        goto done;
    }
    rc = clio_buf_append(out, buf, (size_t)r);
done:
    free(heap);
    return rc;
}

int clio_fold(const char *text, size_t n, unsigned flags, clio_buf *out)
{
    const unsigned char *s = (const unsigned char *)text;
    if (n == 0)
        return clio_buf_append(out, "", 0); /* still NUL-terminates */

    /* Find the first non-ASCII byte, 8 at a time. */
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    if (i == n)
        return fold_ascii(s, n, flags, out);

    /* utf8proc refuses invalid input: repair it first (each bad subpart → U+FFFD). */
    size_t j = i;
    while (j < n) {
        int32_t cp;
        int problem;
        int len = clio_utf8_decode(s + j, n - j, &cp, &problem);
        if (cp < 0)
            break;
        j += (size_t)len;
    }
    if (j == n)
        return fold_utf8proc(s, n, flags, out);

    if (n > SIZE_MAX / 3)
        return CLIO_ENOMEM;
    unsigned char stack[STACK_BYTES], *fixed = stack, *heap = NULL;
    if (3 * n > sizeof stack) {
        heap = malloc(3 * n);
        if (!heap)
            return CLIO_ENOMEM;
        fixed = heap;
    }
    memcpy(fixed, s, j);
    size_t m = j;
    while (j < n) {
        int32_t cp;
        int problem;
        int len = clio_utf8_decode(s + j, n - j, &cp, &problem);
        if (cp < 0) {
            memcpy(fixed + m, "\xEF\xBF\xBD", 3);
            m += 3;
        } else {
            memcpy(fixed + m, s + j, (size_t)len);
            m += (size_t)len;
        }
        j += (size_t)len;
    }
    int rc = fold_utf8proc(fixed, m, flags, out);
    free(heap);
    return rc;
}
