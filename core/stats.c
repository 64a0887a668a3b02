/* Statistics over an index: term counts of a subcorpus, n-grams, collocates, keyness.
 * Formulas in docs/index.md. Everything walks the token blocks in C. */
#include "index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 256

static int counted_kind(int k)
{
    return k == CLIO_TOK_WORD || k == CLIO_TOK_NUMBER;
}

int clio_index_count_terms(clio_index *ix, const unsigned char *docs, uint64_t *counts,
                           uint64_t *total)
{
    uint32_t V = clio_index_nterms(ix);
    memset(counts, 0, (size_t)V * sizeof *counts);
    *total = 0;
    clio_index_token t[CHUNK];
    for (uint64_t d = 0; d < clio_index_ndocs(ix); d++) {
        if (docs && !docs[d])
            continue;
        clio_index_doc info;
        int rc = clio_index_doc_info(ix, d, &info);
        if (rc)
            return rc;
        for (uint64_t p = 0; p < info.ntokens; p += CHUNK) {
            size_t n = info.ntokens - p < CHUNK ? (size_t)(info.ntokens - p) : CHUNK;
            if ((rc = clio_index_tokens(ix, info.first_token + p, n, t)))
                return rc;
            for (size_t i = 0; i < n; i++)
                counts[t[i].term]++;
            *total += n;
        }
    }
    return 0;
}

/* ---- n-grams: an open-addressing table of term tuples ------------------------------ */

typedef struct {
    clio_ngram *v;
    size_t cap, n;
    int len;
} gram_table;

static uint64_t gram_hash(const uint32_t *t, int n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < n; i++) {
        h ^= t[i];
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return h;
}

static int gram_add(gram_table *g, const uint32_t *t)
{
    if (g->n * 2 >= g->cap) {
        size_t ncap = g->cap ? g->cap * 2 : 1 << 8; /* small: often one document's */
        clio_ngram *nv = calloc(ncap, sizeof *nv);
        if (!nv)
            return CLIO_ENOMEM;
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->v[i].count)
                continue;
            size_t j = gram_hash(g->v[i].terms, g->len) & (ncap - 1);
            while (nv[j].count)
                j = (j + 1) & (ncap - 1);
            nv[j] = g->v[i];
        }
        free(g->v);
        g->v = nv;
        g->cap = ncap;
    }
    size_t j = gram_hash(t, g->len) & (g->cap - 1);
    while (g->v[j].count) {
        if (memcmp(g->v[j].terms, t, (size_t)g->len * 4) == 0) {
            g->v[j].count++;
            return 0;
        }
        j = (j + 1) & (g->cap - 1);
    }
    memset(&g->v[j], 0, sizeof g->v[j]);
    memcpy(g->v[j].terms, t, (size_t)g->len * 4);
    g->v[j].count = 1;
    g->n++;
    return 0;
}

static int cmp_gram(const void *x, const void *y)
{
    const clio_ngram *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return memcmp(a->terms, b->terms, sizeof a->terms);
}

int clio_index_ngrams(clio_index *ix, int n, uint64_t min, const unsigned char *docs,
                      clio_ngram **out, size_t *nout)
{
    if (n < 2 || n > 5)
        return CLIO_EARG;
    uint32_t V = clio_index_nterms(ix);
    unsigned char *kinds = malloc(V ? V : 1);
    if (!kinds)
        return CLIO_ENOMEM;
    for (uint32_t id = 0; id < V; id++)
        kinds[id] = (unsigned char)clio_index_term_kind(ix, id);
    gram_table g = {.len = n};
    int rc = 0;
    clio_index_token t[CHUNK];
    for (uint64_t d = 0; d < clio_index_ndocs(ix) && !rc; d++) {
        if (docs && !docs[d])
            continue;
        clio_index_doc info;
        if ((rc = clio_index_doc_info(ix, d, &info)))
            break;
        uint64_t pos = info.first_token, end = info.first_token + info.ntokens;
        uint32_t win[5];
        int have = 0;
        uint64_t sent_end = pos;
        while (pos < end && !rc) {
            if (pos >= sent_end) { /* n-grams stop at a sentence's end */
                uint32_t s;
                uint64_t a;
                if ((rc = clio_index_sentence_of(ix, pos, &s, &a, &sent_end)))
                    break;
                if (sent_end <= pos)
                    sent_end = end;
                have = 0;
            }
            uint64_t stop = sent_end < end ? sent_end : end;
            size_t k = stop - pos < CHUNK ? (size_t)(stop - pos) : CHUNK;
            if ((rc = clio_index_tokens(ix, pos, k, t)))
                break;
            for (size_t i = 0; i < k && !rc; i++) {
                int kind = kinds[t[i].term];
                if (!counted_kind(kind) && kind != CLIO_TOK_CLITIC) {
                    have = 0; /* punctuation breaks an n-gram */
                    continue;
                }
                if (have == n) {
                    memmove(win, win + 1, (size_t)(n - 1) * 4);
                    have--;
                }
                win[have++] = t[i].term;
                if (have == n)
                    rc = gram_add(&g, win);
            }
            pos += k;
        }
    }
    free(kinds);
    if (rc == CLIO_EARG) /* ranges taken from the index's own records that it refuses */
        rc = clio_index_mark_damaged(ix, "document, sentence and token records disagree");
    if (rc) {
        free(g.v);
        return rc;
    }
    size_t k = 0;
    for (size_t i = 0; i < g.cap; i++)
        if (g.v[i].count >= (min ? min : 1))
            g.v[k++] = g.v[i];
    if (k > 1)
        qsort(g.v, k, sizeof *g.v, cmp_gram);
    *out = g.v;
    *nout = k;
    return 0;
}

/* ---- collocates ------------------------------------------------------------------ */

static double xlogx_ratio(double o, double e)
{
    return o > 0 && e > 0 ? o * log(o / e) : 0.0;
}

/* Log-likelihood (G2) of a 2x2 table with o11 and margins. */
static double g2(double o11, double r1, double c1, double n)
{
    double o12 = r1 - o11, o21 = c1 - o11, o22 = n - r1 - c1 + o11;
    if (o12 < 0)
        o12 = 0;
    if (o21 < 0)
        o21 = 0;
    if (o22 < 0)
        o22 = 0;
    double r2 = n - r1, c2 = n - c1;
    return 2 * (xlogx_ratio(o11, r1 * c1 / n) + xlogx_ratio(o12, r1 * c2 / n) +
                xlogx_ratio(o21, r2 * c1 / n) + xlogx_ratio(o22, r2 * c2 / n));
}

static int cmp_colloc(const void *x, const void *y)
{
    const clio_colloc *a = x, *b = y;
    if (a->ll != b->ll)
        return a->ll > b->ll ? -1 : 1;
    return (a->term > b->term) - (a->term < b->term);
}

int clio_index_collocates(clio_index *ix, const clio_hits *node, int left, int right,
                          uint64_t min, clio_colloc **out, size_t *nout, uint64_t *window_total)
{
    uint32_t V = clio_index_nterms(ix);
    uint64_t *obs = calloc(V ? V : 1, sizeof *obs);
    unsigned char *kinds = malloc(V ? V : 1);
    if (!obs || !kinds) {
        free(obs);
        free(kinds);
        return CLIO_ENOMEM;
    }
    uint64_t N = 0, W = 0;
    for (uint32_t id = 0; id < V; id++) {
        kinds[id] = (unsigned char)clio_index_term_kind(ix, id);
        if (counted_kind(kinds[id]))
            N += clio_index_term_count(ix, id);
    }
    int rc = 0;
    clio_index_token t[64];
    /* each corpus position counts once, however many windows reach it, and never
     * when it is part of a hit (the node itself) */
    uint64_t next_free = 0;
    for (size_t i = 0; i < node->n && !rc; i++) {
        const clio_hit *h = &node->v[i];
        clio_index_doc info;
        if ((rc = clio_index_doc_info(ix, clio_index_doc_of(ix, h->pos), &info)))
            break;
        uint64_t lo = h->pos - info.first_token > (uint64_t)left ? h->pos - (uint64_t)left
                                                                 : info.first_token;
        uint64_t last = info.first_token + info.ntokens;
        uint64_t hi = h->end_pos + (uint64_t)right < last ? h->end_pos + (uint64_t)right : last;
        for (int side = 0; side < 2 && !rc; side++) {
            uint64_t a = side ? h->end_pos : lo, b = side ? hi : h->pos;
            if (a < next_free)
                a = next_free;
            if (b <= a)
                continue;
            size_t k = (size_t)(b - a);
            if (k > 64)
                k = 64;
            if ((rc = clio_index_tokens(ix, a, k, t)))
                break;
            for (size_t j = 0; j < k; j++) {
                uint64_t p = a + j;
                int in_hit = 0;
                for (size_t q = i + 1; q < node->n && node->v[q].pos <= p && !in_hit; q++)
                    in_hit = p < node->v[q].end_pos;
                if (!in_hit && counted_kind(kinds[t[j].term])) {
                    obs[t[j].term]++;
                    W++;
                }
            }
            next_free = side ? b : h->end_pos;
        }
        if (next_free < h->end_pos)
            next_free = h->end_pos;
    }
    free(kinds);
    if (rc == CLIO_EARG) /* ranges taken from the index's own records that it refuses */
        rc = clio_index_mark_damaged(ix, "document, sentence and token records disagree");
    if (rc) {
        free(obs);
        return rc;
    }
    size_t n = 0;
    for (uint32_t id = 0; id < V; id++)
        n += obs[id] >= (min ? min : 1);
    clio_colloc *c = malloc((n ? n : 1) * sizeof *c);
    if (!c) {
        free(obs);
        return CLIO_ENOMEM;
    }
    size_t k = 0;
    for (uint32_t id = 0; id < V; id++) {
        if (obs[id] < (min ? min : 1))
            continue;
        uint64_t freq = clio_index_term_count(ix, id);
        double o = (double)obs[id], f = (double)freq;
        double e = N ? f * (double)W / (double)N : 0;
        clio_colloc *x = &c[k++];
        x->term = id;
        x->observed = obs[id];
        x->freq = freq; /* not through the double: 2^64-1 rounds past the range */
        x->expected = e;
        x->mi = e > 0 ? log2(o / e) : 0;
        x->t = (o - e) / sqrt(o);
        x->ll = N ? g2(o, (double)W, f, (double)N) : 0;
        if (o < e)
            x->ll = -x->ll;
    }
    free(obs);
    qsort(c, k, sizeof *c, cmp_colloc);
    *out = c;
    *nout = k;
    if (window_total)
        *window_total = W;
    return 0;
}

/* ---- keyness --------------------------------------------------------------------- */

void clio_keyness(uint64_t a, uint64_t b, uint64_t na, uint64_t nb, double *ll, double *lr)
{
    double A = (double)a, B = (double)b, NA = (double)na, NB = (double)nb;
    double e1 = NA * (A + B) / (NA + NB), e2 = NB * (A + B) / (NA + NB);
    double g = 2 * (xlogx_ratio(A, e1) + xlogx_ratio(B, e2));
    /* log ratio with 0.5 for a zero count (Hardie 2014) */
    double ra = (A ? A : 0.5) / NA, rb = (B ? B : 0.5) / NB;
    *lr = log2(ra / rb);
    *ll = A / NA >= B / NB ? g : -g;
}
