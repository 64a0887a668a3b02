/* Ranked lists over an index: frequency lists and keyness, computed and sorted here so
 * that the bindings only push the rows. Sorting carries its context through qsort_r,
 * never a static, so worker states may rank at the same time. */
#include "index.h"

#include <stdlib.h>
#include <string.h>

static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* The bytes of term id of ix, or "" when the index cannot give them (the damage is
 * reported by the caller's next read). */
static const char *term_bytes(clio_index *ix, uint32_t id, size_t *n)
{
    const char *s;
    if (clio_index_term(ix, id, &s, n)) {
        *n = 0;
        return "";
    }
    return s;
}

static int cmp_count(const void *x, const void *y, void *ctx)
{
    const clio_term_count *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    size_t an, bn;
    const char *as = term_bytes(ctx, a->term, &an), *bs = term_bytes(ctx, b->term, &bn);
    return bytes_cmp(as, an, bs, bn);
}

int clio_index_freq(clio_index *ix, const clio_freq_opts *o, clio_term_count **out,
                    size_t *nout, uint64_t *total)
{
    if (!ix || !o || !out || !nout || !total)
        return CLIO_EARG;
    *out = NULL;
    *nout = 0;
    uint32_t V = clio_index_nterms(ix);
    uint64_t *counts = NULL;
    int rc = 0;
    if (o->docs) {
        if (!(counts = malloc((V ? V : 1) * sizeof *counts)))
            return CLIO_ENOMEM;
        if ((rc = clio_index_count_terms(ix, o->docs, counts, total))) {
            free(counts);
            return rc;
        }
    } else {
        *total = clio_index_ntokens(ix);
    }
    clio_term_count *v = malloc((V ? V : 1) * sizeof *v);
    if (!v) {
        free(counts);
        return CLIO_ENOMEM;
    }
    size_t n = 0;
    for (uint32_t id = 0; id < V; id++) {
        uint64_t c = counts ? counts[id] : clio_index_term_count(ix, id);
        if (c == 0 || c < o->min || (o->skip && o->skip[id]) ||
            !(o->kinds & (1u << clio_index_term_kind(ix, id))))
            continue;
        v[n++] = (clio_term_count){id, c};
    }
    free(counts);
    /* ids are corpus-wide frequency ranks: only a subset needs sorting */
    if (o->docs && n > 1)
        qsort_r(v, n, sizeof *v, cmp_count, ix);
    if (o->limit && n > o->limit)
        n = o->limit;
    *out = v;
    *nout = n;
    return 0;
}

typedef struct {
    clio_index *a, *b;
} keyness_ctx;

static const char *keyword_term(const keyness_ctx *k, const clio_keyword *w, size_t *n)
{
    return term_bytes(w->only_b ? k->b : k->a, w->term, n);
}

static int cmp_keyword(const void *x, const void *y, void *ctx)
{
    const clio_keyword *a = x, *b = y;
    if (a->ll != b->ll)
        return a->ll > b->ll ? -1 : 1;
    size_t an, bn;
    const char *as = keyword_term(ctx, a, &an), *bs = keyword_term(ctx, b, &bn);
    return bytes_cmp(as, an, bs, bn);
}

static int counted_kind(int k)
{
    return k == CLIO_TOK_WORD || k == CLIO_TOK_NUMBER;
}

int clio_index_keyness_list(clio_index *a, const unsigned char *da, clio_index *b,
                            const unsigned char *db, uint64_t min, size_t limit,
                            clio_keyword **out, size_t *nout, uint64_t *na, uint64_t *nb)
{
    if (!a || !b || !out || !nout || !na || !nb)
        return CLIO_EARG;
    *out = NULL;
    *nout = 0;
    uint32_t VA = clio_index_nterms(a), VB = clio_index_nterms(b);
    uint64_t *ca = malloc((VA ? VA : 1) * sizeof *ca), *cb = malloc((VB ? VB : 1) * sizeof *cb);
    uint64_t *bb = calloc(VA ? VA : 1, sizeof *bb); /* B's counts by A's ids */
    clio_keyword *v = malloc(((size_t)VA + VB + 1) * sizeof *v);
    int rc = !ca || !cb || !bb || !v ? CLIO_ENOMEM : 0;
    if (!rc)
        rc = clio_index_count_terms(a, da, ca, na);
    if (!rc)
        rc = clio_index_count_terms(b, db, cb, nb);
    if (!rc && (!*na || !*nb))
        rc = CLIO_EARG;
    size_t n = 0;
    for (uint32_t id = 0; !rc && id < VB; id++) {
        if (!cb[id])
            continue;
        uint32_t aid;
        size_t len;
        const char *s;
        if (b == a) {
            bb[id] = cb[id];
            continue;
        }
        if ((rc = clio_index_term(b, id, &s, &len)))
            break;
        int found = clio_index_find(a, s, len, &aid);
        if (found == 0)
            bb[aid] = cb[id];
        else if (found != CLIO_ENOTFOUND)
            rc = found;
        else if (cb[id] >= min && counted_kind(clio_index_term_kind(b, id))) {
            clio_keyword *w = &v[n++];
            *w = (clio_keyword){.term = id, .only_b = 1, .a = 0, .b = cb[id]};
            clio_keyness(0, cb[id], *na, *nb, &w->ll, &w->log_ratio);
        }
    }
    for (uint32_t id = 0; !rc && id < VA; id++) {
        if (ca[id] + bb[id] < min || ca[id] + bb[id] == 0 ||
            !counted_kind(clio_index_term_kind(a, id)))
            continue;
        clio_keyword *w = &v[n++];
        *w = (clio_keyword){.term = id, .only_b = 0, .a = ca[id], .b = bb[id]};
        clio_keyness(ca[id], bb[id], *na, *nb, &w->ll, &w->log_ratio);
    }
    free(ca);
    free(cb);
    free(bb);
    if (rc) {
        free(v);
        return rc;
    }
    keyness_ctx k = {a, b};
    if (n > 1)
        qsort_r(v, n, sizeof *v, cmp_keyword, &k);
    if (limit && n > limit)
        n = limit;
    *out = v;
    *nout = n;
    return 0;
}

typedef struct {
    const clio_vocab *v;
    const int64_t *freq;
} vocab_ctx;

static int cmp_vocab_count(const void *x, const void *y, void *ctx)
{
    const vocab_ctx *k = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (k->freq[a] != k->freq[b])
        return k->freq[a] > k->freq[b] ? -1 : 1;
    size_t an, bn;
    const char *as = clio_vocab_term(k->v, a, &an), *bs = clio_vocab_term(k->v, b, &bn);
    return bytes_cmp(as ? as : "", as ? an : 0, bs ? bs : "", bs ? bn : 0);
}

size_t clio_vocab_rank(const clio_vocab *v, const int64_t *freq, size_t n, int64_t min,
                       uint32_t *out)
{
    if (!v || !freq || !out)
        return 0;
    size_t k = 0;
    for (size_t t = 0; t < n; t++)
        if (freq[t] > 0 && freq[t] >= min)
            out[k++] = (uint32_t)t;
    vocab_ctx ctx = {v, freq};
    if (k > 1)
        qsort_r(out, k, sizeof *out, cmp_vocab_count, &ctx);
    return k;
}
