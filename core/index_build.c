/* Building an index: two workers tokenize halves of the corpus into compressed local
 * streams (varint term ids of their own vocabularies, offset codes, sentence starts),
 * then one merge ranks the union vocabulary by frequency, remaps the streams into
 * token blocks, inverts them into postings and writes every section through a writer
 * that checksums 4 KiB blocks (written a megabyte at a time) to a temporary name that is then renamed. */
#include "access.h"
#include "index.h"
#include "index_format.h"
#include "index_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- workers ---------------------------------------------------------------------- */

typedef struct {
    size_t doc;
    int64_t start, end;
    uint64_t ntokens, nsents;
    int worker;
} part;

/* A term as one worker saw it: its count, and for the postings its first and last
 * position among the worker's tokens and the varint bytes of the deltas between. */
typedef struct {
    uint64_t count, size, first, last;
} lterm;

typedef struct {
    clio_corpus *c;
    clio_vocab *vocab;
    part *parts; /* into the shared part list */
    size_t nparts;
    clio_buf ids, codes;
    uint32_t *sents;
    size_t nsents, scap;
    lterm *counts;   /* per local term id */
    uint8_t *kinds;
    size_t ncounts;
    uint64_t wpos;   /* tokens so far: this worker's own positions */
    part *cur;
    int64_t prev_end, released;
    int rc;
    /* streams over the budget go to unlinked temporary files, read back through mmap */
    size_t spill_limit;
    const char *spill_dir;
    int spill_fd[2];
    uint64_t spilled[2];
    const uint8_t *map[2];
} worker;

static int spill(worker *w)
{
    for (int s = 0; s < 2; s++) {
        clio_buf *b = s ? &w->codes : &w->ids;
        if (w->spill_fd[s] < 0) {
            char tmpl[4096];
            snprintf(tmpl, sizeof tmpl, "%s/.clio-build-XXXXXX", w->spill_dir);
            int fd = mkstemp(tmpl);
            if (fd < 0)
                return CLIO_EIO;
            unlink(tmpl);
            w->spill_fd[s] = fd;
        }
        const char *p = b->data;
        size_t n = b->len;
        while (n) {
            ssize_t got = write(w->spill_fd[s], p, n);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return CLIO_EIO;
            p += got;
            n -= (size_t)got;
        }
        w->spilled[s] += b->len;
        b->len = 0;
    }
    return 0;
}

/* After the scan: a spilled worker's streams are mapped whole. */
static int map_spilled(worker *w)
{
    if (w->spill_fd[0] < 0)
        return 0;
    int rc = spill(w);
    clio_buf_free(&w->ids);
    clio_buf_free(&w->codes);
    for (int s = 0; !rc && s < 2; s++) {
        if (!w->spilled[s])
            continue;
        void *m = mmap(NULL, w->spilled[s], PROT_READ, MAP_PRIVATE, w->spill_fd[s], 0);
        if (m == MAP_FAILED)
            return CLIO_EIO;
        w->map[s] = m;
    }
    return rc;
}

static int on_piece(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                    const clio_sentence *s, size_t ns)
{
    (void)d;
    worker *w = ctx;
    size_t need = clio_vocab_size(w->vocab);
    if (need > w->ncounts) {
        size_t cap = w->ncounts ? w->ncounts : 1024;
        while (cap < need)
            cap *= 2;
        lterm *c = realloc(w->counts, cap * sizeof *c);
        if (!c)
            return CLIO_ENOMEM;
        w->counts = c;
        uint8_t *k = realloc(w->kinds, cap);
        if (!k)
            return CLIO_ENOMEM;
        w->kinds = k;
        memset(c + w->ncounts, 0, (cap - w->ncounts) * sizeof *c);
        memset(k + w->ncounts, 0, cap - w->ncounts);
        w->ncounts = cap;
    }
    if (clio_buf_reserve(&w->ids, nt * 5) || clio_buf_reserve(&w->codes, nt * 11) ||
        clio_grow((void **)&w->sents, &w->scap, w->nsents + ns, sizeof *w->sents))
        return CLIO_ENOMEM;
    uint8_t *ip = (uint8_t *)w->ids.data + w->ids.len;
    uint8_t *cp = (uint8_t *)w->codes.data + w->codes.len;
    int64_t prev = w->prev_end;
    uint64_t wpos = w->wpos;
    for (size_t i = 0; i < nt; i++, wpos++) {
        uint32_t id = t[i].term;
        ip += ix_varint_put(ip, id);
        lterm *lt = &w->counts[id];
        if (lt->count++)
            lt->size += ix_varint_len(wpos - lt->last);
        else
            lt->first = wpos;
        lt->last = wpos;
        w->kinds[id] = t[i].kind;
        int64_t gap = t[i].start - prev;
        uint32_t len = t[i].len;
        if (gap >= 0 && gap < 4 && len >= 1 && len < 64) {
            *cp++ = (uint8_t)(gap << 6 | len);
        } else {
            *cp++ = 0;
            cp += ix_varint_put(cp, (uint64_t)(gap < 0 ? 0 : gap));
            cp += ix_varint_put(cp, len);
        }
        prev = t[i].start + len;
    }
    w->prev_end = prev;
    w->wpos = wpos;
    w->ids.len = (size_t)(ip - (uint8_t *)w->ids.data);
    w->codes.len = (size_t)(cp - (uint8_t *)w->codes.data);
    for (size_t k = 0; k < ns; k++) {
        uint64_t at = w->cur->ntokens + s[k].first_token;
        if (at > UINT32_MAX)
            return CLIO_EARG;
        w->sents[w->nsents++] = (uint32_t)at;
    }
    w->cur->ntokens += nt;
    w->cur->nsents += ns;
    if (w->spill_limit && w->ids.len + w->codes.len > w->spill_limit && spill(w))
        return CLIO_EIO;
    if (nt && t[nt - 1].start > w->released + (8 << 20)) {
        clio_corpus_release_pages(w->c, w->cur->doc, w->released, t[nt - 1].start);
        w->released = t[nt - 1].start;
    }
    return 0;
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    for (size_t i = 0; i < w->nparts && !w->rc; i++) {
        part *p = &w->parts[i];
        w->cur = p;
        w->prev_end = w->released = p->start;
        w->rc = clio_corpus_scan_range(w->c, p->doc, p->start, p->end, w->vocab, on_piece, w);
        if (!w->rc)
            clio_corpus_release_pages(w->c, p->doc, p->start, p->end);
    }
    return NULL;
}

static void free_worker(worker *w)
{
    for (int s = 0; s < 2; s++) {
        if (w->map[s])
            munmap((void *)w->map[s], w->spilled[s]);
        if (w->spill_fd[s] >= 0)
            close(w->spill_fd[s]);
    }
    clio_vocab_free(w->vocab);
    clio_buf_free(&w->ids);
    clio_buf_free(&w->codes);
    free(w->sents);
    free(w->counts);
    free(w->kinds);
}

/* A line start after a blank line in [from, to), nearest after `at` (then before), or
 * -1: a paragraph break always ends a sentence, so halves cut there scan as a whole. */
static int64_t paragraph_cut(const clio_doc *d, int64_t at)
{
    const char *s = d->file->bytes;
    const clio_gaps *gaps = &clio_doc_parts(d)->gaps;
    for (int pass = 0; pass < 2; pass++) {
        int64_t i = at;
        while (pass == 0 ? i < d->end - 1 : i > d->start + 1) {
            if (s[i] == '\n') {
                int64_t j = i + 1;
                while (j < d->end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                    j++;
                if (j < d->end && s[j] == '\n' && !clio_gaps_inside(gaps, j + 1) &&
                    j + 1 > d->start && j + 1 < d->end)
                    return j + 1;
            }
            i += pass == 0 ? 1 : -1;
            if (pass == 0 && i - at > (16 << 20))
                break;
            if (pass == 1 && at - i > (16 << 20))
                break;
        }
    }
    return -1;
}

/* ---- the merge -------------------------------------------------------------------- */

typedef struct {
    clio_corpus *c;
    worker *w;
    int nw;
    part *parts;
    size_t nparts;
    clio_vocab *g;        /* union vocabulary, ids in first-appearance order */
    uint64_t *gcount;
    uint8_t *gkind;
    uint32_t *rank;       /* union id -> final id */
    uint32_t *byrank;     /* final id -> union id */
    uint32_t **fmap;      /* per worker: local id -> final id */
    uint32_t nterms;
    uint64_t budget;
    size_t first_doc, ndocs; /* the documents indexed: all, or one part's */
} merge;

static const char *union_term(const merge *m, uint32_t u, size_t *n)
{
    return clio_vocab_term(m->g, u, n);
}

static int term_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* qsort_r comparators: the merge travels as the context, so builds may run at once */
static int cmp_by_count(const void *x, const void *y, void *ctx)
{
    const merge *sort_ctx = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (sort_ctx->gcount[a] != sort_ctx->gcount[b])
        return sort_ctx->gcount[a] > sort_ctx->gcount[b] ? -1 : 1;
    size_t an, bn;
    const char *as = union_term(sort_ctx, a, &an), *bs = union_term(sort_ctx, b, &bn);
    return term_cmp(as, an, bs, bn);
}

static int cmp_by_bytes(const void *x, const void *y, void *ctx)
{
    const merge *sort_ctx = ctx;
    uint32_t a = sort_ctx->byrank[*(const uint32_t *)x], b = sort_ctx->byrank[*(const uint32_t *)y];
    size_t an, bn;
    const char *as = union_term(sort_ctx, a, &an), *bs = union_term(sort_ctx, b, &bn);
    return term_cmp(as, an, bs, bn);
}

static int merge_vocab(merge *m)
{
    m->g = clio_vocab_new();
    if (!m->g)
        return CLIO_ENOMEM;
    m->fmap = calloc((size_t)m->nw, sizeof *m->fmap);
    if (!m->fmap)
        return CLIO_ENOMEM;
    size_t cap = 0;
    for (int k = 0; k < m->nw; k++) {
        worker *w = &m->w[k];
        uint32_t n = clio_vocab_size(w->vocab);
        m->fmap[k] = malloc((n ? n : 1) * sizeof **m->fmap);
        if (!m->fmap[k])
            return CLIO_ENOMEM;
        for (uint32_t l = 0; l < n; l++) {
            size_t len;
            const char *s = clio_vocab_term(w->vocab, l, &len);
            uint32_t u;
            if (clio_vocab_intern(m->g, s, len, &u))
                return CLIO_ENOMEM;
            if (u >= cap) {
                size_t ncap = cap ? cap * 2 : 4096;
                while (ncap <= u)
                    ncap *= 2;
                uint64_t *gc = realloc(m->gcount, ncap * sizeof *gc);
                if (!gc)
                    return CLIO_ENOMEM;
                m->gcount = gc;
                uint8_t *gk = realloc(m->gkind, ncap);
                if (!gk)
                    return CLIO_ENOMEM;
                m->gkind = gk;
                memset(gc + cap, 0, (ncap - cap) * sizeof *gc);
                memset(gk + cap, 0, ncap - cap);
                cap = ncap;
            }
            m->fmap[k][l] = u;
            m->gcount[u] += l < w->ncounts ? w->counts[l].count : 0;
            if (l < w->ncounts && w->kinds[l])
                m->gkind[u] = w->kinds[l];
        }
    }
    m->nterms = clio_vocab_size(m->g);
    size_t nt = m->nterms ? m->nterms : 1;
    m->byrank = malloc(nt * sizeof *m->byrank);
    m->rank = malloc(nt * sizeof *m->rank);
    if (!m->byrank || !m->rank)
        return CLIO_ENOMEM;
    for (uint32_t u = 0; u < m->nterms; u++)
        m->byrank[u] = u;
    qsort_r(m->byrank, m->nterms, sizeof *m->byrank, cmp_by_count, m);
    for (uint32_t r = 0; r < m->nterms; r++)
        m->rank[m->byrank[r]] = r;
    for (int k = 0; k < m->nw; k++) {
        uint32_t n = clio_vocab_size(m->w[k].vocab);
        for (uint32_t l = 0; l < n; l++)
            m->fmap[k][l] = m->rank[m->fmap[k][l]];
    }
    return 0;
}

/* Walks every token in corpus order: final term id, file offsets. */
typedef struct {
    const uint8_t *ip[2], *iend[2], *cp[2], *cend[2];
} cursors;

static void cursors_reset(const merge *m, cursors *cu)
{
    for (int k = 0; k < m->nw; k++) {
        const worker *w = &m->w[k];
        int spilled = w->spill_fd[0] >= 0;
        cu->ip[k] = spilled ? w->map[0] : (const uint8_t *)w->ids.data;
        cu->iend[k] = cu->ip[k] + (spilled ? w->spilled[0] : w->ids.len);
        cu->cp[k] = spilled ? w->map[1] : (const uint8_t *)w->codes.data;
        cu->cend[k] = cu->cp[k] + (spilled ? w->spilled[1] : w->codes.len);
    }
}

/* Lets the pages of spilled streams behind the cursors leave memory. */
static void release_consumed(const merge *m, const cursors *cu)
{
    long page = sysconf(_SC_PAGESIZE);
    for (int k = 0; k < m->nw; k++) {
        const worker *w = &m->w[k];
        for (int s = 0; s < 2 && w->spill_fd[0] >= 0; s++) {
            const uint8_t *base = w->map[s], *at = s ? cu->cp[k] : cu->ip[k];
            if (!base)
                continue;
            size_t n = (size_t)(at - base) & ~((size_t)page - 1);
            if (n)
                madvise((void *)base, n, MADV_DONTNEED);
        }
    }
}

static inline uint32_t next_id(const merge *m, cursors *cu, int k)
{
    uint64_t v = 0;
    ix_varint_get(&cu->ip[k], cu->iend[k], &v);
    return m->fmap[k][v];
}

static inline void next_code(cursors *cu, int k, uint64_t *gap, uint64_t *len)
{
    uint8_t b = *cu->cp[k]++;
    if (b & 0x3F) {
        *gap = b >> 6;
        *len = b & 0x3F;
    } else {
        ix_varint_get(&cu->cp[k], cu->cend[k], gap);
        ix_varint_get(&cu->cp[k], cu->cend[k], len);
    }
}

static uint32_t str_add(clio_buf *b, const char *s, size_t n, int *rc)
{
    size_t at = b->len;
    if (at > UINT32_MAX || clio_buf_append(b, s, n))
        *rc = CLIO_ENOMEM;
    return (uint32_t)at;
}

/* clio_file_checksum, letting pages go as it reads. */
static uint64_t checksum_releasing(clio_corpus *c, size_t di, const clio_doc *cd)
{
    size_t n = (size_t)cd->file->size;
    uint64_t h = clio_hash64(NULL, 0, n);
    for (size_t at = 0; at < n; at += 1u << 20) {
        size_t len = n - at < (1u << 20) ? n - at : (1u << 20);
        uint64_t part = clio_hash64(cd->file->bytes + at, len, at);
        h = clio_hash64(&part, 8, h);
        clio_corpus_release_pages(c, di, (int64_t)at, (int64_t)(at + len));
    }
    return h;
}

/* Postings of every term: a first pass sizes each term's varint deltas; then rounds,
 * each a pass that writes the postings of a range of terms whose total fits the budget
 * into one buffer (one round unless the postings outgrow the budget). */
typedef struct {
    merge *m;
    uint64_t *start; /* per term: offset of its postings; [nterms] = total */
    uint64_t *cur, *last;
    uint8_t *post;
    uint64_t total, budget;
    uint32_t lo, hi;  /* the round in post */
    int rc;
} postings_job;

static uint32_t round_end(const postings_job *j, uint32_t lo)
{
    uint32_t V = j->m->nterms, hi = lo + 1;
    while (hi < V && j->start[hi + 1] - j->start[lo] <= j->budget)
        hi++;
    return hi;
}

static void fill_round(postings_job *j, uint32_t lo, uint32_t hi)
{
    merge *m = j->m;
    for (uint32_t t = lo; t < hi; t++) {
        j->cur[t] = j->start[t] - j->start[lo];
        j->last[t] = 0;
    }
    cursors cu;
    cursors_reset(m, &cu);
    uint64_t pos = 0;
    for (size_t p = 0; p < m->nparts; p++) {
        int k = m->parts[p].worker;
        for (uint64_t i = 0; i < m->parts[p].ntokens; i++, pos++) {
            uint32_t id = next_id(m, &cu, k);
            if (id >= lo && id < hi) {
                j->cur[id] += ix_varint_put(j->post + j->cur[id], pos - j->last[id]);
                j->last[id] = pos;
            }
            if (!(pos & 0xFFFFF))
                release_consumed(m, &cu);
        }
    }
    j->lo = lo;
    j->hi = hi;
}

static void *build_postings(void *arg)
{
    postings_job *j = arg;
    merge *m = j->m;
    uint32_t V = m->nterms;
    j->start = calloc((size_t)V + 1, sizeof *j->start);
    j->cur = calloc((size_t)V + 1, sizeof *j->cur);
    j->last = calloc((size_t)V + 1, sizeof *j->last);
    if (!j->start || !j->cur || !j->last) {
        j->rc = CLIO_ENOMEM;
        return NULL;
    }
    /* sizes from what the workers counted: within a worker its deltas are known; the
     * first occurrence in a worker is a delta from the term's last one before it */
    uint64_t *size = j->cur, *last = j->last, base = 0;
    for (int k = 0; k < m->nw; k++) {
        const worker *w = &m->w[k];
        for (size_t l = 0; l < w->ncounts; l++) {
            const lterm *lt = &w->counts[l];
            if (!lt->count)
                continue;
            uint32_t id = m->fmap[k][l];
            size[id] += ix_varint_len(lt->first + base - last[id]) + lt->size;
            last[id] = lt->last + base;
        }
        base += w->wpos;
    }
    uint64_t total = 0;
    for (uint32_t t = 0; t < V; t++) {
        j->start[t] = total;
        total += size[t];
    }
    j->start[V] = total;
    j->total = total;
    uint64_t biggest = 0;
    for (uint32_t lo = 0; lo < V;) {
        uint32_t hi = round_end(j, lo);
        if (j->start[hi] - j->start[lo] > biggest)
            biggest = j->start[hi] - j->start[lo];
        lo = hi;
    }
    j->post = malloc(biggest ? biggest : 1);
    if (!j->post) {
        j->rc = CLIO_ENOMEM;
        return NULL;
    }
    if (V)
        fill_round(j, 0, round_end(j, 0));
    return NULL;
}

static int write_index(merge *m, ix_writer *w, ix_header *h)
{
    clio_corpus *c = m->c;
    size_t ndocs = m->ndocs, d0 = m->first_doc;
    uint32_t V = m->nterms;
    int rc = 0;

    /* the postings, in a thread of their own while this one writes the token blocks */
    postings_job job = {.m = m, .budget = m->budget / 2 ? m->budget / 2 : 1};
    pthread_t th;
    int threaded = pthread_create(&th, NULL, build_postings, &job) == 0;
    if (!threaded)
        build_postings(&job);
    uint64_t *psize = NULL, total = 0;
    uint8_t *post = NULL;
    cursors cu;
    uint64_t pos = 0;
    ix_term *terms = calloc((size_t)V + 1, sizeof *terms);
    ix_block *blocks = NULL;
    size_t nblocks = 0, bcap = 0;
    if (!terms) {
        rc = CLIO_ENOMEM;
        goto done;
    }

    /* token blocks into IX_TOKDATA */
    h->sec[IX_TOKDATA].off = ix_wr_tell(w);
    cursors_reset(m, &cu);
    pos = 0;
    ix_doc *docs = calloc(ndocs ? ndocs : 1, sizeof *docs);
    if (!docs) {
        rc = CLIO_ENOMEM;
        goto done;
    }
    uint8_t ids[IX_TOKENS_PER_BLOCK * 5], bits[IX_TOKENS_PER_BLOCK / 4],
        esc[IX_TOKENS_PER_BLOCK * 20];
    /* a token whose bytes are as long as its term needs no length: the usual case */
    uint32_t *tlen = malloc(((size_t)V + 1) * sizeof *tlen);
    if (!tlen) {
        free(docs);
        rc = CLIO_ENOMEM;
        goto done;
    }
    for (uint32_t t = 0; t < V; t++) {
        size_t n;
        union_term(m, m->byrank[t], &n);
        tlen[t] = (uint32_t)(n > 0xFFFF ? 0xFFFF : n);
    }
    size_t p = 0;
    uint64_t nsent = 0;
    for (size_t di = 0; di < ndocs && !rc; di++) {
        ix_doc *d = &docs[di];
        d->first_token = pos;
        d->first_block = nblocks;
        d->first_sentence = nsent;
        d->start = clio_corpus_doc(c, d0 + di)->start;
        d->end = clio_corpus_doc(c, d0 + di)->end;
        size_t ni = 0, ne = 0, inblock = 0;
        int64_t block_start = 0, prev_end = 0;
        for (; p < m->nparts && m->parts[p].doc == d0 + di; p++) {
            int k = m->parts[p].worker;
            int64_t part_prev = m->parts[p].start;
            d->nsentences += (uint32_t)m->parts[p].nsents;
            nsent += m->parts[p].nsents;
            for (uint64_t i = 0; i < m->parts[p].ntokens; i++, pos++) {
                uint32_t id = next_id(m, &cu, k);
                uint64_t gap = 0, len = 0;
                next_code(&cu, k, &gap, &len);
                if (!(pos & 0xFFFFF))
                    release_consumed(m, &cu);
                int64_t start = part_prev + (int64_t)gap;
                part_prev = start + (int64_t)len;
                if (inblock == 0) {
                    block_start = prev_end = start;
                    ni = ne = 0;
                    memset(bits, 0, sizeof bits);
                }
                ni += ix_varint_put(ids + ni, id);
                uint64_t g = (uint64_t)(start - prev_end), code = 3;
                if (g < 3 && len == tlen[id])
                    code = g;
                else {
                    ne += ix_varint_put(esc + ne, g);
                    ne += ix_varint_put(esc + ne, len);
                }
                bits[inblock / 4] |= (uint8_t)(code << (2 * (inblock % 4)));
                prev_end = start + (int64_t)len;
                if (++inblock == IX_TOKENS_PER_BLOCK) {
                    if (clio_grow((void **)&blocks, &bcap, nblocks + 1, sizeof *blocks)) {
                        rc = CLIO_ENOMEM;
                        break;
                    }
                    blocks[nblocks++] = (ix_block){ix_wr_tell(w) - h->sec[IX_TOKDATA].off,
                                                   block_start, (uint32_t)ni, (uint32_t)inblock};
                    ix_wr(w, ids, ni);
                    ix_wr(w, bits, (inblock + 3) / 4);
                    ix_wr(w, esc, ne);
                    inblock = 0;
                }
            }
        }
        if (inblock && !rc) {
            if (clio_grow((void **)&blocks, &bcap, nblocks + 1, sizeof *blocks)) {
                rc = CLIO_ENOMEM;
                break;
            }
            blocks[nblocks++] = (ix_block){ix_wr_tell(w) - h->sec[IX_TOKDATA].off, block_start,
                                           (uint32_t)ni, (uint32_t)inblock};
            ix_wr(w, ids, ni);
            ix_wr(w, bits, (inblock + 3) / 4);
            ix_wr(w, esc, ne);
        }
        d->ntokens = pos - d->first_token;
    }
    free(tlen);
    if (rc) {
        free(docs);
        goto done;
    }
    h->sec[IX_TOKDATA].len = ix_wr_tell(w) - h->sec[IX_TOKDATA].off;
    h->ntokens = pos;
    h->nblocks = nblocks;
    h->nsentences = nsent;

#define SECTION(id, data, bytes)                                                         \
    do {                                                                                 \
        ix_wr_align(w);                                                                     \
        h->sec[id].off = ix_wr_tell(w);                                                     \
        ix_wr(w, (data), (bytes));                                                          \
        h->sec[id].len = (bytes);                                                        \
    } while (0)

    SECTION(IX_BLOCKS, blocks, nblocks * sizeof *blocks);
    if (threaded)
        pthread_join(th, NULL);
    threaded = 0;
    if ((rc = job.rc))
        goto done;
    psize = job.start;
    post = job.post;
    total = job.total;
    ix_wr_align(w);
    h->sec[IX_POSTINGS].off = ix_wr_tell(w);
    for (uint32_t lo = 0; lo < V;) { /* the first round is done; more when over budget */
        uint32_t hi = round_end(&job, lo);
        if (lo != job.lo || hi != job.hi)
            fill_round(&job, lo, hi);
        ix_wr(w, post, job.start[hi] - job.start[lo]);
        lo = hi;
    }
    h->sec[IX_POSTINGS].len = total;

    /* terms, their bytes and the byte order */
    clio_buf termstr = {0};
    for (uint32_t t = 0; t < V && !rc; t++) {
        size_t len;
        const char *s = union_term(m, m->byrank[t], &len);
        terms[t].post_off = psize[t];
        terms[t].count = m->gcount[m->byrank[t]];
        terms[t].kind = m->gkind[m->byrank[t]];
        terms[t].str_len = (uint16_t)(len > 0xFFFF ? 0xFFFF : len);
        terms[t].str_off = str_add(&termstr, s, terms[t].str_len, &rc);
    }
    terms[V].post_off = total;
    uint32_t *sorted = malloc(((size_t)V + 1) * sizeof *sorted);
    if (!sorted)
        rc = CLIO_ENOMEM;
    if (!rc) {
        for (uint32_t t = 0; t < V; t++)
            sorted[t] = t;
        qsort_r(sorted, V, sizeof *sorted, cmp_by_bytes, m);
        SECTION(IX_TERMS, terms, ((size_t)V + 1) * sizeof *terms);
        SECTION(IX_TERMSTR, termstr.data ? termstr.data : "", termstr.len);
        SECTION(IX_SORTED, sorted, (size_t)V * sizeof *sorted);
    }
    free(sorted);
    clio_buf_free(&termstr);

    /* documents, files, metadata, strings */
    clio_buf strings = {0};
    ix_file *files = NULL;
    size_t nfiles = 0, fcap = 0;
    ix_meta *meta = NULL;
    size_t nmeta = 0, mcap = 0;
    const char **file_bytes = NULL;
    size_t fbcap = 0;
    for (size_t di = 0; di < ndocs && !rc; di++) {
        const clio_doc *cd = clio_corpus_doc(c, d0 + di);
        size_t f = 0;
        while (f < nfiles && file_bytes[f] != cd->file->bytes)
            f++;
        if (f == nfiles) {
            if (clio_grow((void **)&files, &fcap, nfiles + 1, sizeof *files) ||
                clio_grow((void **)&file_bytes, &fbcap, nfiles + 1, sizeof *file_bytes)) {
                rc = CLIO_ENOMEM;
                break;
            }
            ix_file *fr = &files[nfiles];
            memset(fr, 0, sizeof *fr);
            /* absolute, so that the index reads its sources from any working folder */
            char real[PATH_MAX];
            const char *path = cd->file->path;
            const char *stored = strcmp(path, "-") != 0 && realpath(path, real) ? real : path;
            fr->path_len = strlen(stored);
            fr->path_off = str_add(&strings, stored, fr->path_len, &rc);
            fr->size = cd->file->size;
            /* from the fstat before the file was read (see clio_doc): a change during
             * the read or the build shows as another mtime at the next open */
            fr->mtime_ns = cd->file->mtime_ns;
            fr->checksum = checksum_releasing(c, d0 + di, cd);
            file_bytes[nfiles++] = cd->file->bytes;
        }
        docs[di].file = (uint32_t)f;
        char name_buf[CLIO_DOC_NAME_MAX];
        const char *doc_name = clio_doc_name(cd, name_buf);
        docs[di].name_len = (uint32_t)strlen(doc_name);
        docs[di].name_off = str_add(&strings, doc_name, docs[di].name_len, &rc);
        docs[di].meta_first = (uint32_t)nmeta;
        docs[di].nmeta = (uint32_t)clio_doc_nmeta(cd);
        for (size_t k = 0; k < clio_doc_nmeta(cd) && !rc; k++) {
            if (clio_grow((void **)&meta, &mcap, nmeta + 1, sizeof *meta)) {
                rc = CLIO_ENOMEM;
                break;
            }
            ix_meta *mr = &meta[nmeta++];
            mr->key_len = (uint32_t)strlen(cd->meta->v[k].key);
            mr->key_off = str_add(&strings, cd->meta->v[k].key, mr->key_len, &rc);
            mr->value_len = (uint32_t)strlen(cd->meta->v[k].value);
            mr->value_off = str_add(&strings, cd->meta->v[k].value, mr->value_len, &rc);
        }
    }
    if (!rc) {
        SECTION(IX_DOCS, docs, ndocs * sizeof *docs);
        SECTION(IX_FILES, files, nfiles * sizeof *files);
        SECTION(IX_META, meta, nmeta * sizeof *meta);
        SECTION(IX_STRINGS, strings.data ? strings.data : "", strings.len);
        h->ndocs = ndocs;
        h->nfiles = nfiles;
        h->nmeta = nmeta;
        /* sentence starts, per document, in corpus order */
        ix_wr_align(w);
        h->sec[IX_SENTS].off = ix_wr_tell(w);
        size_t at[2] = {0, 0};
        uint64_t doc_base = 0;
        size_t cur_doc = (size_t)-1;
        for (size_t q = 0; q < m->nparts; q++) {
            part *pp = &m->parts[q];
            if (pp->doc != cur_doc) {
                cur_doc = pp->doc;
                doc_base = 0;
            }
            worker *wk = &m->w[pp->worker];
            for (uint64_t s = 0; s < pp->nsents; s++) {
                uint32_t v = (uint32_t)(wk->sents[at[pp->worker]++] + doc_base);
                ix_wr(w, &v, 4);
            }
            doc_base += pp->ntokens;
        }
        h->sec[IX_SENTS].len = ix_wr_tell(w) - h->sec[IX_SENTS].off;
    }
    free(file_bytes);
    free(files);
    free(meta);
    clio_buf_free(&strings);
    free(docs);
#undef SECTION
done:
    if (threaded)
        pthread_join(th, NULL);
    free(job.start);
    free(job.cur);
    free(job.last);
    free(job.post);
    free(terms);
    free(blocks);
    h->nterms = V;
    return rc ? rc : w->rc;
}

/* ---- driver ----------------------------------------------------------------------- */

static int plan_parts(clio_corpus *c, size_t d0, size_t ndocs, int nw, part **out,
                      size_t *nout)
{
    part *parts = malloc((ndocs + 1) * sizeof *parts);
    if (!parts)
        return CLIO_ENOMEM;
    int64_t total = 0;
    for (size_t i = d0; i < d0 + ndocs; i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        total += d->end - d->start;
    }
    int64_t half = total / 2, seen = 0;
    size_t n = 0;
    int k = 0;
    for (size_t i = d0; i < d0 + ndocs; i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        int64_t len = d->end - d->start;
        if (nw == 2 && k == 0 && seen + len > half) {
            int64_t cut = len > (1 << 20) ? paragraph_cut(d, d->start + (half - seen)) : -1;
            if (cut > d->start && cut < d->end) {
                parts[n++] = (part){i, d->start, cut, 0, 0, 0};
                parts[n++] = (part){i, cut, d->end, 0, 0, 1};
                k = 1;
                seen += len;
                continue;
            }
            if (seen + len / 2 > half && seen > 0)
                k = 1; /* this document goes to the second worker */
        }
        parts[n++] = (part){i, d->start, d->end, 0, 0, k};
        seen += len;
        if (nw == 2 && k == 0 && seen >= half)
            k = 1;
    }
    *out = parts;
    *nout = n;
    return 0;
}

static int build(clio_corpus *c, int fd, const char *name, const char *spill_dir,
                 const clio_index_build_opts *o, clio_error *err)
{
    uint64_t budget = o && o->mem_budget ? o->mem_budget : (uint64_t)1 << 30;
    size_t all = clio_corpus_ndocs(c), d0 = 0, ndocs = all;
    if (o && o->some_docs) {
        d0 = o->first_doc;
        ndocs = o->ndocs;
        if (d0 > all || ndocs > all - d0)
            return clio_error_set(err, CLIO_EARG, name,
                                  "documents %zu to %zu asked of a corpus of %zu", d0 + 1,
                                  d0 + ndocs, all);
    }
    int64_t total = 0;
    for (size_t i = d0; i < d0 + ndocs; i++) {
        int rc = clio_corpus_find_gaps(c, i);
        if (rc)
            return clio_error_set(err, rc, name, "finding gaps: %s", clio_strerror(rc));
        total += clio_corpus_doc(c, i)->end - clio_corpus_doc(c, i)->start;
    }
    /* the UTF-8 check read every page: let them go, the workers fault in their part */
    for (size_t i = d0; i < d0 + ndocs; i++)
        clio_corpus_release_pages(c, i, 0, clio_corpus_doc(c, i)->file->size);
    int nw = o && o->threads == 1 ? 1 : 2;
    if (total < (4 << 20))
        nw = 1;
    part *parts;
    size_t nparts;
    if (plan_parts(c, d0, ndocs, nw, &parts, &nparts))
        return clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
    worker w[2];
    memset(w, 0, sizeof w);
    merge m = {0};
    int rc = 0;
    for (int k = 0; k < 2; k++)
        w[k].spill_fd[0] = w[k].spill_fd[1] = -1;
    for (int k = 0; k < nw; k++) {
        w[k].c = c;
        w[k].spill_limit = (size_t)(budget / 2 / (uint64_t)nw);
        w[k].spill_dir = spill_dir;
        w[k].vocab = clio_vocab_new();
        if (!w[k].vocab)
            rc = CLIO_ENOMEM;
        size_t first = 0;
        while (first < nparts && parts[first].worker != k)
            first++;
        size_t cnt = 0;
        while (first + cnt < nparts && parts[first + cnt].worker == k)
            cnt++;
        w[k].parts = parts + first;
        w[k].nparts = cnt;
    }
    pthread_t th;
    int threaded = 0;
    if (!rc && nw == 2) {
        threaded = pthread_create(&th, NULL, run_worker, &w[1]) == 0;
        if (!threaded)
            run_worker(&w[1]);
    }
    if (!rc)
        run_worker(&w[0]);
    if (threaded)
        pthread_join(th, NULL);
    for (int k = 0; k < nw && !rc; k++)
        rc = w[k].rc ? w[k].rc : map_spilled(&w[k]);
    if (rc) {
        clio_error_set(err, rc, name, "indexing: %s", clio_strerror(rc));
        goto out;
    }

    m.c = c;
    m.w = w;
    m.nw = nw;
    m.parts = parts;
    m.nparts = nparts;
    m.budget = budget;
    m.first_doc = d0;
    m.ndocs = ndocs;
    if ((rc = merge_vocab(&m))) {
        clio_error_set(err, rc, name, "merging vocabularies: %s", clio_strerror(rc));
        goto out;
    }
    for (int k = 0; k < nw; k++) { /* the local vocabularies are no longer needed */
        clio_vocab_free(w[k].vocab);
        w[k].vocab = NULL;
    }

    ix_writer wt;
    ix_header h;
    memset(&h, 0, sizeof h);
    if (ix_writer_init(&wt, fd)) {
        rc = clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
        goto out;
    }
    rc = write_index(&m, &wt, &h);
    if (rc && !wt.rc)
        wt.rc = rc; /* finish reports it, with the system's reason for a failed write */
    rc = ix_writer_finish(&wt, &h, o ? o->options : NULL, name, err);
    ix_writer_free(&wt);
out:
    for (int k = 0; k < nw; k++)
        free_worker(&w[k]);
    if (m.fmap)
        for (int k = 0; k < nw; k++)
            free(m.fmap[k]);
    free(m.fmap);
    clio_vocab_free(m.g);
    free(m.gcount);
    free(m.gkind);
    free(m.rank);
    free(m.byrank);
    free(parts);
    return rc;
}

int clio_index_build_fd(clio_corpus *c, int fd, const char *name,
                        const clio_index_build_opts *o, clio_error *err)
{
    const char *tmp = getenv("TMPDIR");
    return build(c, fd, name, tmp && *tmp ? tmp : "/tmp", o, err);
}

typedef struct {
    clio_corpus *c;
    const char *path;
    const clio_index_build_opts *o;
} build_job;

static int build_into(int fd, const char *dir, void *ctx, clio_error *err)
{
    build_job *j = ctx;
    return build(j->c, fd, j->path, dir, j->o, err);
}

int clio_index_build(clio_corpus *c, const char *path, const clio_index_build_opts *o,
                     clio_error *err)
{
    build_job j = {c, path, o};
    return ix_write_atomically(path, build_into, &j, err);
}
