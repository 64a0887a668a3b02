/* Shared by the format readers (format_tei.c, format_rows.c, format_jsonl.c): errors
 * that name a place, markup gaps, metadata lists. Internal to core/, not API. */
#ifndef CLIO_FORMAT_COMMON_H
#define CLIO_FORMAT_COMMON_H

#include "clio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fails with CLIO_EFORMAT at byte `at` of bytes: err gets line, column (code points)
 * and offset, and the message ends with "at line L, column C, byte B". */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static inline int fmt_fail(clio_error *err, const char *path, const char *bytes, int64_t at,
                           const char *fmt, ...)
{
    if (!err)
        return CLIO_EFORMAT;
    int64_t line = 1, line_start = 0;
    for (const char *p = bytes, *end = bytes + at;
         p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) {
        line++;
        line_start = p - bytes + 1;
    }
    int64_t column = 1;
    for (int64_t k = line_start; k < at; k++)
        column += ((unsigned char)bytes[k] & 0xC0) != 0x80;
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    clio_error_set(err, CLIO_EFORMAT, path, "%s at line %lld, column %lld, byte %lld", what,
                   (long long)line, (long long)column, (long long)at);
    err->line = line;
    err->column = column;
    err->offset = at;
    return CLIO_EFORMAT;
}

/* Appends the markup gap [start, end) of kind CLIO_GAP_MARKUP or CLIO_GAP_BREAK,
 * merged with the previous one when they touch (a break wins). */
static inline int fmt_gap_kind(clio_gaps *g, int64_t start, int64_t end, uint32_t kind)
{
    if (end <= start)
        return 0;
    if (g->n && g->v[g->n - 1].end >= start) {
        if (end > g->v[g->n - 1].end)
            g->v[g->n - 1].end = end;
        if (kind == CLIO_GAP_BREAK)
            g->v[g->n - 1].rule = CLIO_GAP_BREAK;
        return 0;
    }
    if (clio_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v))
        return CLIO_ENOMEM;
    g->v[g->n++] = (clio_gap){start, end, kind, 0};
    return 0;
}

static inline int fmt_gap(clio_gaps *g, int64_t start, int64_t end)
{
    return fmt_gap_kind(g, start, end, CLIO_GAP_MARKUP);
}

/* Metadata the reader owns until it hands it to the sink (which copies it). */
typedef struct {
    clio_meta *v;
    size_t n, cap;
} fmt_meta;

static inline int fmt_meta_add(fmt_meta *m, const char *key, size_t klen, const char *value,
                               size_t vlen)
{
    if (clio_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v))
        return CLIO_ENOMEM;
    char *k = malloc(klen + 1), *v = malloc(vlen + 1);
    if (!k || !v) {
        free(k);
        free(v);
        return CLIO_ENOMEM;
    }
    memcpy(k, key, klen);
    k[klen] = '\0';
    if (vlen)
        memcpy(v, value, vlen);
    v[vlen] = '\0';
    m->v[m->n++] = (clio_meta){k, v};
    return 0;
}

static inline void fmt_meta_clear(fmt_meta *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free((char *)m->v[i].key);
        free((char *)m->v[i].value);
    }
    m->n = 0;
}

static inline void fmt_meta_free(fmt_meta *m)
{
    fmt_meta_clear(m);
    free(m->v);
    m->v = NULL;
    m->cap = 0;
}

/* Appends code point cp as UTF-8 (U+FFFD for surrogates and values past U+10FFFF). */
static inline int fmt_put_utf8(clio_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return clio_buf_append(b, u, n);
}

/* What the sink's failures mean to a reader's caller. */
static inline int fmt_sink_failed(clio_error *err, const char *path, int rc)
{
    return clio_error_set(err, rc, path, "%s", rc == CLIO_ENOMEM ? "out of memory"
                                                                : "document range out of the file");
}

/* Bytes to skip at the start: a UTF-8 byte-order mark. */
static inline int64_t fmt_bom(const char *bytes, int64_t size)
{
    return size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

#endif
