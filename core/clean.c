/* Cleaning rules: scraping artifacts are found and recorded as gaps, never deleted.
 *
 * A rules file has one rule per line, `NAME KIND [TEXT]`, '#' starting a comment:
 *   marker TEXT  a literal artifact. A run of spaces in TEXT matches any run of white
 *                space, "..." and "…" match each other, ASCII letters match either case.
 *   cut-start    an excerpt that begins inside a word: an ellipsis glued to a lowercase
 *                fragment at the start of the document ("...ense of worth").
 *   cut-end      an excerpt that ends inside a word: a word glued to an ellipsis at the
 *                end of the document or just before another gap ("Bukha...").
 * A bare ellipsis separated from a gap only by white space belongs to that gap. */
#include "clio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum rule_kind { RULE_MARKER, RULE_CUT_START, RULE_CUT_END };

/* A marker compiles to units: literal bytes, white space runs and ellipses. */
enum unit_kind { UNIT_BYTE, UNIT_SPACE, UNIT_ELLIPSIS };

typedef struct {
    unsigned char kind, byte;
} unit;

typedef struct {
    char *name;
    int kind;
    unit *units;
    size_t nunits;
} rule;

struct clio_clean_rules {
    rule *v;
    size_t n, cap;
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of an ellipsis at text[i] ("..." or "…"), 0 when none. */
static size_t ellipsis_at(const char *text, int64_t i, int64_t end)
{
    if (i + 3 <= end && memcmp(text + i, "\xE2\x80\xA6", 3) == 0)
        return 3;
    if (i + 3 <= end && memcmp(text + i, "...", 3) == 0) {
        size_t n = 3;
        while (i + (int64_t)n < end && text[i + n] == '.')
            n++;
        return n;
    }
    return 0;
}

/* Length of an ellipsis ending just before text[i], 0 when none. */
static size_t ellipsis_before(const char *text, int64_t i, int64_t start)
{
    if (i - 3 >= start && memcmp(text + i - 3, "\xE2\x80\xA6", 3) == 0)
        return 3;
    size_t n = 0;
    while (i - (int64_t)n > start && text[i - n - 1] == '.')
        n++;
    return n >= 3 ? n : 0;
}

/* Bytes of a word character: ASCII letters and any non-ASCII byte (a letter of another
 * script, for this purpose); digits are not word fragments. */
static int is_word_byte(unsigned char c)
{
    return isalpha(c) || c >= 0x80;
}

static int compile_marker(const char *text, size_t n, rule *r)
{
    r->units = malloc((n ? n : 1) * sizeof *r->units);
    if (!r->units)
        return CLIO_ENOMEM;
    size_t i = 0;
    while (i < n) {
        unit u = {UNIT_BYTE, (unsigned char)tolower((unsigned char)text[i])};
        size_t len = ellipsis_at(text, (int64_t)i, (int64_t)n);
        if (len) {
            u.kind = UNIT_ELLIPSIS;
            i += len;
        } else if (is_space((unsigned char)text[i])) {
            u.kind = UNIT_SPACE;
            while (i < n && is_space((unsigned char)text[i]))
                i++;
        } else {
            i++;
        }
        r->units[r->nunits++] = u;
    }
    return 0;
}

/* End of a match of r's units at text[i], or -1. */
static int64_t match_marker(const rule *r, const char *text, int64_t i, int64_t end)
{
    for (size_t k = 0; k < r->nunits; k++) {
        const unit *u = &r->units[k];
        if (u->kind == UNIT_ELLIPSIS) {
            size_t len = ellipsis_at(text, i, end);
            if (!len)
                return -1;
            i += (int64_t)len;
        } else if (u->kind == UNIT_SPACE) {
            if (i >= end || !is_space((unsigned char)text[i]))
                return -1;
            while (i < end && is_space((unsigned char)text[i]))
                i++;
        } else {
            if (i >= end || tolower((unsigned char)text[i]) != u->byte)
                return -1;
            i++;
        }
    }
    return i;
}

static void free_rule(rule *r)
{
    free(r->name);
    free(r->units);
}

void clio_clean_rules_free(clio_clean_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free_rule(&r->v[i]);
    free(r->v);
    free(r);
}

static size_t span_len(const char *s, size_t n, int space)
{
    size_t i = 0;
    while (i < n && (is_space((unsigned char)s[i]) != 0) == space && s[i] != '\n')
        i++;
    return i;
}

static int parse_line(clio_clean_rules *rs, const char *s, size_t n, const char *name,
                      int64_t line, int64_t offset, clio_error *err)
{
    size_t i = span_len(s, n, 1);
    if (i == n || s[i] == '#')
        return 0;
    size_t name_len = span_len(s + i, n - i, 0);
    const char *rname = s + i;
    i += name_len;
    i += span_len(s + i, n - i, 1);
    size_t kind_len = span_len(s + i, n - i, 0);
    const char *kind = s + i;
    i += kind_len;
    i += span_len(s + i, n - i, 1);
    size_t text_len = n - i;
    while (text_len && is_space((unsigned char)s[i + text_len - 1]))
        text_len--;

    rule r = {0};
    if (kind_len == 6 && memcmp(kind, "marker", 6) == 0)
        r.kind = RULE_MARKER;
    else if (kind_len == 9 && memcmp(kind, "cut-start", 9) == 0)
        r.kind = RULE_CUT_START;
    else if (kind_len == 7 && memcmp(kind, "cut-end", 7) == 0)
        r.kind = RULE_CUT_END;
    else {
        clio_error_set(err, CLIO_EFORMAT, name,
                       "unknown rule kind '%.*s' (expected marker, cut-start or cut-end)",
                       (int)kind_len, kind);
        if (err) {
            err->line = line;
            err->offset = offset + (int64_t)(kind - s);
        }
        return CLIO_EFORMAT;
    }
    if ((r.kind == RULE_MARKER) != (text_len > 0)) {
        clio_error_set(err, CLIO_EFORMAT, name,
                       r.kind == RULE_MARKER ? "marker rule '%.*s' has no text"
                                             : "rule '%.*s' takes no text",
                       (int)name_len, rname);
        if (err) {
            err->line = line;
            err->offset = offset;
        }
        return CLIO_EFORMAT;
    }
    r.name = strndup(rname, name_len);
    if (!r.name || (r.kind == RULE_MARKER && compile_marker(s + i, text_len, &r)) ||
        clio_grow((void **)&rs->v, &rs->cap, rs->n + 1, sizeof *rs->v)) {
        free_rule(&r);
        return CLIO_ENOMEM;
    }
    rs->v[rs->n++] = r;
    return 0;
}

int clio_clean_rules_parse(const char *src, size_t n, const char *name,
                           clio_clean_rules **out, clio_error *err)
{
    clio_clean_rules *rs = calloc(1, sizeof *rs);
    if (!rs)
        return CLIO_ENOMEM;
    size_t i = 0;
    int64_t line = 1;
    while (i < n) {
        const char *nl = memchr(src + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (src + i)) : n - i;
        int rc = parse_line(rs, src + i, len, name, line, (int64_t)i, err);
        if (rc) {
            clio_clean_rules_free(rs);
            return rc;
        }
        i += len + 1;
        line++;
    }
    *out = rs;
    return 0;
}

size_t clio_clean_rules_count(const clio_clean_rules *r)
{
    return r ? r->n : 0;
}

const char *clio_clean_rule_name(const clio_clean_rules *r, uint32_t i)
{
    return r && i < r->n ? r->v[i].name : "";
}

const clio_gap *clio_gaps_inside(const clio_gaps *g, int64_t pos)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) { /* the first gap that ends after pos */
        size_t mid = lo + (hi - lo) / 2;
        if (g->v[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->n && g->v[lo].start < pos ? &g->v[lo] : NULL;
}

static int add_gap(clio_gaps *g, int64_t s, int64_t e, uint32_t rule)
{
    if (clio_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v))
        return CLIO_ENOMEM;
    g->v[g->n++] = (clio_gap){s, e, rule, 0};
    return 0;
}

static int cmp_gap(const void *a, const void *b)
{
    const clio_gap *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static int64_t skip_space_back(const char *text, int64_t i, int64_t start)
{
    while (i > start && is_space((unsigned char)text[i - 1]))
        i--;
    return i;
}

static int64_t skip_space(const char *text, int64_t i, int64_t end)
{
    while (i < end && is_space((unsigned char)text[i]))
        i++;
    return i;
}

/* A word glued to an ellipsis that ends at `at`: the start of the word, or -1. */
static int64_t cut_word_before(const char *text, int64_t at, int64_t start)
{
    size_t el = ellipsis_before(text, at, start);
    if (!el)
        return -1;
    int64_t w = at - (int64_t)el;
    while (w > start && is_word_byte((unsigned char)text[w - 1]))
        w--;
    return w < at - (int64_t)el ? w : -1;
}

/* Widens each gap over bare ellipses beside it, then over a cut word before it. */
static void widen_gaps(clio_gap *v, size_t n, const char *text, int64_t start, int64_t end,
                       int cut_end)
{
    for (size_t k = 0; k < n; k++) {
        int64_t lo = k ? v[k - 1].end : start, hi = k + 1 < n ? v[k + 1].start : end;
        for (;;) {
            int64_t p = skip_space(text, v[k].end, hi);
            size_t el = ellipsis_at(text, p, hi);
            int64_t after = p + (int64_t)el;
            if (!el || (after < hi && !is_space((unsigned char)text[after])))
                break;
            v[k].end = after;
        }
        for (;;) {
            int64_t p = skip_space_back(text, v[k].start, lo);
            if (cut_end) {
                int64_t w = cut_word_before(text, p, lo);
                if (w >= 0) {
                    v[k].start = w;
                    continue;
                }
            }
            size_t el = ellipsis_before(text, p, lo);
            int64_t before = p - (int64_t)el;
            if (!el || (before > lo && !is_space((unsigned char)text[before - 1])))
                break;
            v[k].start = before;
        }
    }
}

int clio_clean_find(const clio_clean_rules *r, const char *text, int64_t start, int64_t end,
                    clio_gaps *out)
{
    if (!r || start >= end)
        return 0;
    size_t first = out->n;
    int cut_end = -1, cut_start = -1;
    unsigned char first_byte[256] = {0};
    for (size_t k = 0; k < r->n; k++) {
        if (r->v[k].kind == RULE_CUT_END)
            cut_end = (int)k;
        if (r->v[k].kind == RULE_CUT_START)
            cut_start = (int)k;
        if (r->v[k].kind != RULE_MARKER || !r->v[k].nunits)
            continue;
        const unit *u = &r->v[k].units[0];
        if (u->kind == UNIT_ELLIPSIS)
            first_byte['.'] = first_byte[0xE2] = 1;
        else if (u->kind == UNIT_SPACE)
            first_byte[' '] = first_byte['\t'] = first_byte['\n'] = first_byte['\r'] = 1;
        else
            first_byte[u->byte] = first_byte[toupper(u->byte)] = 1;
    }

    for (int64_t i = start; i < end;) {
        if (!first_byte[(unsigned char)text[i]]) {
            i++;
            continue;
        }
        int64_t m = -1;
        uint32_t k;
        for (k = 0; k < r->n && m < 0; k++)
            if (r->v[k].kind == RULE_MARKER)
                m = match_marker(&r->v[k], text, i, end);
        if (m > i) {
            if (add_gap(out, i, m, k - 1))
                return CLIO_ENOMEM;
            i = m;
        } else {
            i++;
        }
    }

    /* an excerpt cut at either end */
    int64_t s = skip_space(text, start, end);
    size_t el = ellipsis_at(text, s, end);
    if (cut_start >= 0 && el && s + (int64_t)el < end &&
        islower((unsigned char)text[s + el])) {
        int64_t w = s + (int64_t)el;
        while (w < end && is_word_byte((unsigned char)text[w]))
            w++;
        if (add_gap(out, s, w, (uint32_t)cut_start))
            return CLIO_ENOMEM;
    }
    int64_t e = skip_space_back(text, end, start);
    int64_t w = cut_end >= 0 ? cut_word_before(text, e, start) : -1;
    if (w >= 0 && !(out->n > first && out->v[out->n - 1].end >= e)) {
        if (add_gap(out, w, e, (uint32_t)cut_end))
            return CLIO_ENOMEM;
    }

    size_t n = out->n - first;
    if (n == 0)
        return 0;
    clio_gap *v = out->v + first;
    qsort(v, n, sizeof *v, cmp_gap);
    widen_gaps(v, n, text, start, end, cut_end >= 0);
    /* widening may make neighbours touch: fold them into one */
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (kept && v[k].start <= v[kept - 1].end) {
            if (v[k].end > v[kept - 1].end)
                v[kept - 1].end = v[k].end;
            continue;
        }
        v[kept++] = v[k];
    }
    out->n = first + kept;
    return 0;
}
