/* Keyword in context: the window cut around a hit (tokens or characters each side,
 * never past its document), the order of a concordance sorted by what precedes or
 * follows its hits, and context text as a concordance line shows it. The bindings
 * only push what these compute. */
#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c) { return c == '\n' || c == '\r' || c == '\t' || c == ' '; }

/* The index's own account of why a read failed, copied for the caller. */
static int index_failed(clio_index *ix, clio_error *err)
{
    if (err)
        *err = *clio_index_error(ix);
    return CLIO_EFORMAT;
}

/* [ls, re): width characters (code points) before start and after end, inside
 * [lo, hi) of the document's bytes. */
static void char_window(const char *src, int64_t lo, int64_t hi, int64_t start, int64_t end,
                        uint64_t width, int64_t *ls, int64_t *re)
{
    int64_t l = start;
    for (uint64_t c = 0; c < width && l > lo;) {
        l--;
        if (((unsigned char)src[l] & 0xC0) != 0x80)
            c++;
    }
    int64_t r = end;
    for (uint64_t c = 0; c < width && r < hi; c++) {
        r++;
        while (r < hi && ((unsigned char)src[r] & 0xC0) == 0x80)
            r++;
    }
    *ls = l;
    *re = r;
}

int clio_kwic_window(clio_index *ix, const clio_hit *h, const clio_kwic_opts *o,
                     clio_kwic_line *out, clio_error *err)
{
    if (!ix || !h || !o || !out || h->end_pos <= h->pos)
        return clio_error_set(err, CLIO_EARG, "", "a KWIC window needs a hit of one token or more");
    memset(out, 0, sizeof *out);
    clio_index_token a, b;
    uint64_t s0, s1;
    out->doc = clio_index_doc_of(ix, h->pos);
    clio_index_doc info;
    if (clio_index_tokens(ix, h->pos, 1, &a) || clio_index_tokens(ix, h->end_pos - 1, 1, &b) ||
        clio_index_sentence_of(ix, h->pos, &out->sentence, &s0, &s1) ||
        clio_index_doc_info(ix, out->doc, &info))
        return index_failed(ix, err);
    out->start = a.start;
    out->end = b.end;
    size_t size;
    if (!(out->src = clio_index_source(ix, out->doc, &size, err)))
        return err ? err->code : CLIO_EIO;
    int64_t ls = out->start, re = out->end;
    if (o->by_chars) {
        char_window(out->src, info.start, info.end, out->start, out->end, o->width, &ls, &re);
    } else {
        uint64_t first = info.first_token, last = info.first_token + info.ntokens;
        uint64_t lp = h->pos - first > o->width ? h->pos - o->width : first;
        uint64_t rp = h->end_pos + o->width < last ? h->end_pos + o->width : last;
        clio_index_token t;
        if (lp < h->pos) {
            if (clio_index_tokens(ix, lp, 1, &t))
                return index_failed(ix, err);
            ls = t.start;
        }
        if (rp > h->end_pos) {
            if (clio_index_tokens(ix, rp - 1, 1, &t))
                return index_failed(ix, err);
            re = t.end;
        }
    }
    if (ls < 0 || re > (int64_t)size || ls > out->start || re < out->end || out->start > out->end) {
        char path[1024];
        snprintf(path, sizeof path, "%.*s", (int)info.path_len, info.path);
        return clio_error_set(err, CLIO_EFORMAT, path, "the index does not match its source");
    }
    out->left = ls;
    out->right = re;
    out->space_before = ls < out->start && is_space(out->src[out->start - 1]);
    out->space_after = re > out->end && is_space(out->src[out->end]);
    return 0;
}

/* ---- sorting by context ------------------------------------------------------------ */

/* The sort key of a hit: the folded terms of up to three tokens, each ended by \x01 so
 * that "stalin" sorts before "stalinist". */
typedef struct {
    size_t hit;
    char key[96];
} kwic_key;

static int cmp_key(const void *x, const void *y)
{
    const kwic_key *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->hit > b->hit) - (a->hit < b->hit);
}

/* The key of h: tokens after it (side > 0) or before it, nearest first. */
static int sort_key(clio_index *ix, const clio_hit *h, int side, kwic_key *k)
{
    clio_index_doc info;
    if (clio_index_doc_info(ix, clio_index_doc_of(ix, h->pos), &info))
        return CLIO_EFORMAT;
    size_t len = 0;
    k->key[0] = 0;
    for (uint64_t i = 0; i < 3; i++) {
        uint64_t p;
        if (side > 0) {
            p = h->end_pos + i;
            if (p >= info.first_token + info.ntokens)
                break;
        } else {
            if (h->pos < info.first_token + i + 1)
                break;
            p = h->pos - i - 1;
        }
        clio_index_token t;
        const char *s;
        size_t n;
        if (clio_index_tokens(ix, p, 1, &t) || clio_index_term(ix, t.term, &s, &n))
            return CLIO_EFORMAT;
        if (len + n + 2 >= sizeof k->key)
            break;
        memcpy(k->key + len, s, n);
        len += n;
        k->key[len++] = '\x01';
        k->key[len] = 0;
    }
    return 0;
}

int clio_kwic_order(clio_index *ix, const clio_hit *hits, size_t n, int side, size_t *order,
                    clio_error *err)
{
    if (!ix || (n && (!hits || !order)))
        return clio_error_set(err, CLIO_EARG, "", "clio_kwic_order needs an index, hits and room");
    if (!side) {
        for (size_t i = 0; i < n; i++)
            order[i] = i;
        return 0;
    }
    kwic_key *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys)
        return clio_error_set(err, CLIO_ENOMEM, "", "out of memory sorting %zu hits", n);
    for (size_t i = 0; i < n; i++) {
        keys[i].hit = i;
        if (sort_key(ix, &hits[i], side, &keys[i])) {
            free(keys);
            return index_failed(ix, err);
        }
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    for (size_t i = 0; i < n; i++)
        order[i] = keys[i].hit;
    free(keys);
    return 0;
}

size_t clio_kwic_text(const char *s, size_t n, char *out)
{
    size_t len = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_space(c)) {
            space = 1;
            continue;
        }
        if (space && len)
            out[len++] = ' ';
        space = 0;
        out[len++] = c;
    }
    return len;
}
