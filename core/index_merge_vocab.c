/* The union vocabulary of index segments: each segment lists its terms in byte order
 * (its SORTED section), so a k-way merge of those lists (a heap of one cursor per
 * segment) meets every distinct term once, in byte order, without holding a string.
 * Counts add up; ranks then sort by count with ties in byte order, which is the union
 * id itself: the ids one build over the whole corpus gives. */
#include "index_merge.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t rank;        /* the cursor's position in the segment's byte order */
    const char *s;        /* its term */
    size_t n;
    uint32_t id;
} cursor;

typedef struct {
    cursor *cur;          /* per segment */
    uint32_t *heap;       /* segment numbers, the smallest term (then segment) on top */
    size_t len;
} heap;

static int term_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

static int less(const heap *h, uint32_t a, uint32_t b)
{
    int c = term_cmp(h->cur[a].s, h->cur[a].n, h->cur[b].s, h->cur[b].n);
    return c ? c < 0 : a < b;
}

static void sift_down(heap *h, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->len && less(h, h->heap[l], h->heap[m]))
            m = l;
        if (r < h->len && less(h, h->heap[r], h->heap[m]))
            m = r;
        if (m == i)
            return;
        uint32_t t = h->heap[i];
        h->heap[i] = h->heap[m];
        h->heap[m] = t;
        i = m;
    }
}

static void sift_up(heap *h, size_t i)
{
    while (i && less(h, h->heap[i], h->heap[(i - 1) / 2])) {
        uint32_t t = h->heap[i];
        h->heap[i] = h->heap[(i - 1) / 2];
        h->heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

/* Loads the term at the cursor's rank; 1 when there is one, 0 at the end, -1 on
 * damage (an id out of range, or terms not strictly in byte order). */
static int load(mstate *m, heap *h, uint32_t s, clio_error *err)
{
    mseg *g = &m->seg[s];
    cursor *c = &h->cur[s];
    if (c->rank >= g->h->nterms)
        return 0;
    uint32_t id = clio_index_sorted(g->ix, c->rank);
    const char *t;
    size_t n;
    if (id >= g->h->nterms || clio_index_term(g->ix, id, &t, &n)) {
        ix_merge_bad(g, err, "a sorted term id out of range");
        return -1;
    }
    if (c->rank && term_cmp(c->s, c->n, t, n) >= 0) {
        ix_merge_bad(g, err, "its terms are not in byte order");
        return -1;
    }
    c->s = t;
    c->n = n;
    c->id = id;
    return 1;
}

static int grow_union(mstate *m, size_t *cap, uint32_t u)
{
    if (u < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 4096;
    uint64_t *count = realloc(m->count, ncap * sizeof *count);
    if (count)
        m->count = count;
    uint8_t *kind = realloc(m->kind, ncap);
    if (kind)
        m->kind = kind;
    uint64_t *first = realloc(m->first, (ncap + 1) * sizeof *first);
    if (first)
        m->first = first;
    if (!count || !kind || !first)
        return CLIO_ENOMEM;
    *cap = ncap;
    return 0;
}

static int by_count(const void *x, const void *y, void *ctx)
{
    const uint64_t *count = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (count[a] != count[b])
        return count[a] > count[b] ? -1 : 1;
    return (a > b) - (a < b); /* union ids are in byte order */
}

/* Walks the heap: every distinct term once, with its pairs in segment order. */
static int union_terms(mstate *m, heap *h, clio_error *err)
{
    size_t cap = 0, pcap = 0, npairs = 0;
    uint32_t u = 0;
    while (h->len) {
        if (u == UINT32_MAX || grow_union(m, &cap, u))
            return clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
        m->first[u] = npairs;
        m->count[u] = 0;
        const char *t = h->cur[h->heap[0]].s;
        size_t tn = h->cur[h->heap[0]].n;
        while (h->len && term_cmp(h->cur[h->heap[0]].s, h->cur[h->heap[0]].n, t, tn) == 0) {
            uint32_t s = h->heap[0];
            mseg *g = &m->seg[s];
            cursor *c = &h->cur[s];
            uint64_t n = clio_index_term_count(g->ix, c->id);
            if (!n || n > g->h->ntokens)
                return ix_merge_bad(g, err, "a term's count is out of range");
            m->count[u] += n;
            m->kind[u] = (uint8_t)clio_index_term_kind(g->ix, c->id); /* the last part's, as a build */
            if (clio_index_damaged(g->ix))
                return ix_merge_bad(g, err, NULL);
            if (clio_grow((void **)&m->pairs, &pcap, npairs + 1, sizeof *m->pairs))
                return clio_error_set(err, CLIO_ENOMEM, g->path, "out of memory");
            m->pairs[npairs++] = (mpair){s, c->id};
            c->rank++;
            /* t may point into this segment: it stays mapped, so the next load keeps it valid */
            int got = load(m, h, s, err);
            if (got < 0)
                return CLIO_EFORMAT;
            if (got) {
                sift_down(h, 0);
            } else {
                h->heap[0] = h->heap[--h->len];
                sift_down(h, 0);
            }
        }
        u++;
    }
    if (grow_union(m, &cap, u))
        return clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
    m->first[u] = npairs;
    m->nterms = u;
    return 0;
}

int ix_merge_vocab(mstate *m, clio_error *err)
{
    heap h = {0};
    h.cur = calloc(m->nseg + 1, sizeof *h.cur);
    h.heap = calloc(m->nseg + 1, sizeof *h.heap);
    int rc = h.cur && h.heap ? 0 : clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
    for (uint32_t s = 0; !rc && s < m->nseg; s++) {
        int got = load(m, &h, s, err);
        if (got < 0)
            rc = CLIO_EFORMAT;
        else if (got) {
            h.heap[h.len++] = s;
            sift_up(&h, h.len - 1);
        }
    }
    if (!rc)
        rc = union_terms(m, &h, err);
    free(h.cur);
    free(h.heap);
    if (rc)
        return rc;
    uint32_t V = m->nterms;
    m->byrank = malloc(((size_t)V + 1) * sizeof *m->byrank);
    m->rank = malloc(((size_t)V + 1) * sizeof *m->rank);
    if (!m->byrank || !m->rank)
        return clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
    for (uint32_t u = 0; u < V; u++)
        m->byrank[u] = u;
    qsort_r(m->byrank, V, sizeof *m->byrank, by_count, m->count);
    for (uint32_t r = 0; r < V; r++)
        m->rank[m->byrank[r]] = r;
    /* each segment's ids to the merged ones; every id of a segment met once above */
    for (size_t s = 0; s < m->nseg; s++) {
        m->seg[s].tofinal = malloc(((size_t)m->seg[s].h->nterms + 1) * sizeof(uint32_t));
        if (!m->seg[s].tofinal)
            return clio_error_set(err, CLIO_ENOMEM, m->seg[s].path, "out of memory");
    }
    for (uint32_t u = 0; u < V; u++)
        for (uint64_t p = m->first[u]; p < m->first[u + 1]; p++)
            m->seg[m->pairs[p].seg].tofinal[m->pairs[p].id] = m->rank[u];
    return 0;
}
