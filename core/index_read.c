/* Reading an index through mmap. Opening checks the header and the checksum table;
 * every later read goes through section(), which bounds-checks and verifies the 4 KiB
 * blocks it covers on first use, so damage anywhere fails a call instead of feeding
 * garbage (or a crash) to the decoders, which bounds-check as well. */
#include "access.h"
#include "index.h"
#include "index_format.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char *bytes;
    size_t size;
    int state; /* 0 untried, 1 mapped, -1 failed */
} source_map;

struct clio_index {
    char name[1024];
    char build_options[IX_BUILD_MAX]; /* always NUL-terminated */
    const uint8_t *base;
    size_t size;
    ix_header h;
    const uint32_t *checks;
    size_t nchecks;
    uint8_t *verified;
    source_map *src;
    clio_error err;
    int broken; /* damage was found: ix->err says where */
    /* one token block, decoded as far as it was asked for (cnt of ntok tokens): a
     * KWIC line needs the tokens up to its hit's context, half a block on average */
    uint64_t cached_block;
    uint32_t cnt, ntok;
    const uint8_t *dec_ids, *dec_codes, *dec_extra, *dec_end; /* where decoding resumes */
    int64_t dec_prev;
    uint32_t ids[IX_TOKENS_PER_BLOCK];
    int64_t starts[IX_TOKENS_PER_BLOCK], ends[IX_TOKENS_PER_BLOCK];
};

/* Damage is sticky: the first found is kept in ix->err and every later call that
 * reads the file fails, so no answer is ever built around a part that was refused. */
static int damaged(clio_index *ix, const char *fmt, unsigned long long at)
{
    if (!ix->broken)
        clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, fmt, at);
    ix->broken = 1;
    return CLIO_EFORMAT;
}

int clio_index_damaged(const clio_index *ix) { return ix->broken; }

int clio_index_mark_damaged(clio_index *ix, const char *what)
{
    if (!ix->broken)
        clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "damaged index: %s", what);
    ix->broken = 1;
    return CLIO_EFORMAT;
}

static int verify_block(clio_index *ix, size_t b)
{
    if (ix->verified[b])
        return 0;
    uint64_t start = IX_HEADER_SIZE + (uint64_t)b * IX_BLOCK_SIZE;
    uint64_t end = start + IX_BLOCK_SIZE;
    if (end > ix->h.checks_off)
        end = ix->h.checks_off;
    uint32_t sum = (uint32_t)clio_hash64(ix->base + start, (size_t)(end - start), start);
    uint32_t want; /* the table need not be 4-byte aligned: no direct u32 loads */
    memcpy(&want, (const uint8_t *)ix->checks + 4 * b, sizeof want);
    if (sum != want)
        return damaged(ix, "damaged index: checksum mismatch in the block at byte %llu (rebuild it)",
                       (unsigned long long)start);
    ix->verified[b] = 1;
    return 0;
}

/* Bytes [off, off+len) of a section, verified; NULL (and ix->err) when out of range or
 * damaged. */
static const uint8_t *section(clio_index *ix, int id, uint64_t off, uint64_t len)
{
    const ix_section_ref *s = &ix->h.sec[id];
    if (ix->broken)
        return NULL;
    if (off > s->len || len > s->len - off) {
        damaged(ix, "damaged index: a record points outside its section (at %llu)",
                (unsigned long long)off);
        return NULL;
    }
    uint64_t a = s->off + off;
    if (len) {
        size_t first = (size_t)((a - IX_HEADER_SIZE) >> IX_BLOCK_LOG2);
        size_t last = (size_t)((a + len - 1 - IX_HEADER_SIZE) >> IX_BLOCK_LOG2);
        for (size_t b = first; b <= last; b++)
            if (verify_block(ix, b))
                return NULL;
    }
    return ix->base + a;
}

const ix_header *ix_read_header(const clio_index *ix) { return &ix->h; }

const uint8_t *ix_read_section(clio_index *ix, int id, uint64_t off, uint64_t len)
{
    return id >= 0 && id < IX_NSECTIONS ? section(ix, id, off, len) : NULL;
}

void ix_read_release(clio_index *ix)
{
    if (ix->base && ix->size)
        madvise((void *)ix->base, ix->size, MADV_DONTNEED); /* read-only: nothing is lost */
}

static int check_header(clio_index *ix)
{
    if (ix->size < IX_HEADER_SIZE)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name,
                              "not a clio index: %zu bytes, shorter than a header", ix->size);
    memcpy(&ix->h, ix->base, sizeof ix->h);
    ix_header *h = &ix->h;
    if (memcmp(h->magic, IX_MAGIC, 8) != 0)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "not a clio index (bad magic number)");
    if (h->version != IX_VERSION)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name,
                              "index format version %u, but this clio reads version %u: rebuild it",
                              h->version, IX_VERSION);
    uint8_t page[IX_HEADER_SIZE];
    memcpy(page, ix->base, sizeof page);
    memset(page + offsetof(ix_header, header_sum), 0, sizeof h->header_sum);
    uint64_t got = clio_hash64(page, sizeof page, 0), want = h->header_sum;
    if (got != want)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "damaged index: header checksum mismatch");
    memcpy(ix->build_options, ix->base + IX_BUILD_OFF, IX_BUILD_MAX - 1);
    ix->build_options[IX_BUILD_MAX - 1] = '\0';
    if (h->file_size != ix->size)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name,
                              "truncated or extended index: %zu bytes, the header says %llu",
                              ix->size, (unsigned long long)h->file_size);
    if (h->header_size != IX_HEADER_SIZE || h->checks_off < IX_HEADER_SIZE ||
        h->checks_off > h->file_size)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "damaged index: bad layout");
    ix->nchecks = (size_t)((h->checks_off - IX_HEADER_SIZE + IX_BLOCK_SIZE - 1) >> IX_BLOCK_LOG2);
    if (h->file_size - h->checks_off != (uint64_t)ix->nchecks * 4)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "damaged index: bad checksum table");
    ix->checks = (const uint32_t *)(ix->base + h->checks_off);
    if (clio_hash64(ix->checks, ix->nchecks * 4, 0) != h->checks_sum)
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name,
                              "damaged index: checksum table mismatch");
    static const size_t rec[IX_NSECTIONS] = {
        [IX_BLOCKS] = sizeof(ix_block), [IX_TERMS] = sizeof(ix_term), [IX_SORTED] = 4,
        [IX_DOCS] = sizeof(ix_doc),     [IX_FILES] = sizeof(ix_file), [IX_META] = sizeof(ix_meta),
        [IX_SENTS] = 4};
    uint64_t count[IX_NSECTIONS] = {
        [IX_BLOCKS] = h->nblocks, [IX_TERMS] = (uint64_t)h->nterms + 1, [IX_SORTED] = h->nterms,
        [IX_DOCS] = h->ndocs,     [IX_FILES] = h->nfiles,  [IX_META] = h->nmeta,
        [IX_SENTS] = h->nsentences};
    for (int s = 0; s < IX_NSECTIONS; s++) {
        const ix_section_ref *r = &h->sec[s];
        if (r->off < IX_HEADER_SIZE || r->off > h->checks_off || r->len > h->checks_off - r->off ||
            (rec[s] && (r->off % 8 || count[s] > r->len / rec[s] || r->len != count[s] * rec[s])))
            return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name,
                                  "damaged index: bad section %d", s);
    }
    if (h->ntokens > (1ull << 48) || (h->ndocs == 0 && h->ntokens))
        return clio_error_set(&ix->err, CLIO_EFORMAT, ix->name, "damaged index: bad counts");
    return 0;
}

static int open_mapped(const uint8_t *base, size_t size, const char *name, clio_index **out,
                       clio_error *err)
{
    clio_index *ix = calloc(1, sizeof *ix);
    if (!ix) {
        clio_unmap_file((void *)base, size);
        return clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
    }
    snprintf(ix->name, sizeof ix->name, "%s", name);
    ix->base = base;
    ix->size = size;
    ix->cached_block = UINT64_MAX;
    clio_error_clear(&ix->err);
    int rc = check_header(ix);
    if (!rc) {
        ix->verified = calloc(ix->nchecks + 1, 1);
        ix->src = calloc(ix->h.nfiles + 1, sizeof *ix->src);
        if (!ix->verified || !ix->src)
            rc = clio_error_set(&ix->err, CLIO_ENOMEM, name, "out of memory");
    }
    if (rc) {
        if (err)
            *err = ix->err;
        clio_index_close(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

int clio_index_open_fd(int fd, const char *name, clio_index **out, clio_error *err)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return clio_error_set(err, CLIO_EIO, name, "cannot stat: %s", strerror(errno));
    size_t size = (size_t)st.st_size;
    void *base = size ? clio_map_file(fd, size, name) : NULL;
    if (size && base == MAP_FAILED)
        return clio_error_set(err, CLIO_EIO, name, "cannot map: %s", strerror(errno));
    if (!size) {
        return clio_error_set(err, CLIO_EFORMAT, name,
                              "not a clio index: 0 bytes, shorter than a header");
    }
    return open_mapped(base, size, name, out, err);
}

int clio_index_open(const char *path, clio_index **out, clio_error *err)
{
    if (clio_access_read(path, "reading", err))
        return CLIO_EDENIED;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        clio_error_set(err, CLIO_EIO, path, "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return CLIO_EIO;
    }
    int rc = clio_index_open_fd(fd, path, out, err);
    close(fd);
    return rc;
}

void clio_index_close(clio_index *ix)
{
    if (!ix)
        return;
    if (ix->base)
        clio_unmap_file((void *)ix->base, ix->size);
    for (uint64_t f = 0; ix->src && f < ix->h.nfiles; f++)
        if (ix->src[f].state == 1 && ix->src[f].size)
            clio_unmap_file(ix->src[f].bytes, ix->src[f].size);
    free(ix->src);
    free(ix->verified);
    free(ix);
}

const clio_error *clio_index_error(const clio_index *ix) { return &ix->err; }

int clio_index_verify(clio_index *ix, clio_error *err)
{
    for (size_t b = 0; b < ix->nchecks; b++)
        if (verify_block(ix, b)) {
            if (err)
                *err = ix->err;
            return CLIO_EFORMAT;
        }
    return 0;
}

int ix_read_verify_releasing(clio_index *ix, clio_error *err)
{
    size_t step = (8u << 20) / IX_BLOCK_SIZE; /* 8 MiB of blocks at a time */
    for (size_t b = 0; b < ix->nchecks; b++) {
        if (verify_block(ix, b)) {
            if (err)
                *err = ix->err;
            return CLIO_EFORMAT;
        }
        if (b % step == step - 1)
            ix_read_release(ix);
    }
    ix_read_release(ix);
    return 0;
}

uint64_t clio_index_ndocs(const clio_index *ix) { return ix->h.ndocs; }
uint64_t clio_index_ntokens(const clio_index *ix) { return ix->h.ntokens; }
uint32_t clio_index_nterms(const clio_index *ix) { return ix->h.nterms; }
uint64_t clio_index_nfiles(const clio_index *ix) { return ix->h.nfiles; }
uint32_t clio_index_fold_flags(const clio_index *ix) { return ix->h.fold_flags; }

/* ---- records ---------------------------------------------------------------------- */

static const ix_doc *get_doc(clio_index *ix, uint64_t i)
{
    if (i >= ix->h.ndocs)
        return NULL;
    const ix_doc *d = (const ix_doc *)section(ix, IX_DOCS, i * sizeof *d, sizeof *d);
    if (d && (d->first_token > ix->h.ntokens || d->ntokens > ix->h.ntokens - d->first_token ||
              d->file >= ix->h.nfiles || d->first_sentence > ix->h.nsentences ||
              d->nsentences > ix->h.nsentences - d->first_sentence ||
              d->first_block > ix->h.nblocks || d->meta_first > ix->h.nmeta ||
              d->nmeta > ix->h.nmeta - d->meta_first ||
              (d->ntokens + IX_TOKENS_PER_BLOCK - 1) / IX_TOKENS_PER_BLOCK >
                  ix->h.nblocks - d->first_block)) {
        damaged(ix, "damaged index: bad document record %llu", (unsigned long long)i);
        return NULL;
    }
    return d;
}

static const ix_file *get_file(clio_index *ix, uint64_t i)
{
    if (i >= ix->h.nfiles)
        return NULL;
    return (const ix_file *)section(ix, IX_FILES, i * sizeof(ix_file), sizeof(ix_file));
}

static const char *get_string(clio_index *ix, uint64_t off, uint64_t len)
{
    return (const char *)section(ix, IX_STRINGS, off, len);
}

const char *clio_index_build_options(const clio_index *ix)
{
    return ix->build_options;
}

int clio_index_source_path(clio_index *ix, uint64_t fi, const char **path, size_t *len)
{
    const ix_file *f = get_file(ix, fi);
    const char *p = f ? get_string(ix, f->path_off, f->path_len) : NULL;
    if (!p)
        return CLIO_EFORMAT;
    *path = p;
    *len = (size_t)f->path_len;
    return 0;
}

int clio_index_doc_info(clio_index *ix, uint64_t doc, clio_index_doc *out)
{
    const ix_doc *d = get_doc(ix, doc);
    const ix_file *f = d ? get_file(ix, d->file) : NULL;
    if (!d || !f)
        return CLIO_EFORMAT;
    memset(out, 0, sizeof *out);
    out->name = get_string(ix, d->name_off, d->name_len);
    out->name_len = d->name_len;
    out->path = get_string(ix, f->path_off, f->path_len);
    out->path_len = (size_t)f->path_len;
    if (!out->name || !out->path)
        return CLIO_EFORMAT;
    out->start = d->start;
    out->end = d->end;
    out->file_size = f->size;
    out->file_mtime_ns = f->mtime_ns;
    out->file_checksum = f->checksum;
    out->first_token = d->first_token;
    out->ntokens = d->ntokens;
    out->first_sentence = d->first_sentence;
    out->nsentences = d->nsentences;
    out->nmeta = d->nmeta;
    out->file = d->file;
    return 0;
}

int clio_index_doc_meta(clio_index *ix, uint64_t doc, uint32_t k, const char **key,
                        size_t *klen, const char **value, size_t *vlen)
{
    const ix_doc *d = get_doc(ix, doc);
    if (!d)
        return CLIO_EFORMAT;
    if (k >= d->nmeta)
        return CLIO_ENOTFOUND;
    const ix_meta *m = (const ix_meta *)section(ix, IX_META,
                                                ((uint64_t)d->meta_first + k) * sizeof *m,
                                                sizeof *m);
    if (!m)
        return CLIO_EFORMAT;
    *key = get_string(ix, m->key_off, m->key_len);
    *value = get_string(ix, m->value_off, m->value_len);
    *klen = m->key_len;
    *vlen = m->value_len;
    return *key && *value ? 0 : CLIO_EFORMAT;
}

const char *clio_index_meta_value(clio_index *ix, uint64_t doc, const char *key, char *buf,
                                  size_t cap)
{
    size_t want = strlen(key);
    for (uint32_t k = 0;; k++) {
        const char *ks, *vs;
        size_t kl, vl;
        if (clio_index_doc_meta(ix, doc, k, &ks, &kl, &vs, &vl))
            return NULL;
        if (kl == want && memcmp(ks, key, kl) == 0) {
            if (vl >= cap)
                vl = cap - 1;
            memcpy(buf, vs, vl);
            buf[vl] = '\0';
            return buf;
        }
    }
}

uint64_t clio_index_doc_of(clio_index *ix, uint64_t pos)
{
    uint64_t lo = 0, hi = ix->h.ndocs; /* last doc with first_token <= pos */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        const ix_doc *d = get_doc(ix, mid);
        if (!d)
            return 0;
        if (d->first_token <= pos)
            lo = mid;
        else
            hi = mid;
    }
    /* empty documents share a first token: step to the one that holds pos */
    const ix_doc *d = get_doc(ix, lo);
    while (d && lo + 1 < ix->h.ndocs && pos >= d->first_token + d->ntokens) {
        const ix_doc *n = get_doc(ix, lo + 1);
        if (!n || n->first_token > pos)
            break;
        lo++;
        d = n;
    }
    return lo;
}

/* ---- terms ------------------------------------------------------------------------ */

static const ix_term *get_term(clio_index *ix, uint32_t id)
{
    if (id > ix->h.nterms)
        return NULL;
    const ix_term *t = (const ix_term *)section(ix, IX_TERMS, (uint64_t)id * sizeof(ix_term),
                                                sizeof(ix_term));
    /* a kind is a shift count for callers' masks: one past the known kinds is damage
     * (the sentinel record after the last term has none) */
    if (t && id < ix->h.nterms && (t->kind < CLIO_TOK_WORD || t->kind > CLIO_TOK_SYMBOL)) {
        damaged(ix, "damaged index: term %llu has an unknown kind", id);
        return NULL;
    }
    return t;
}

int clio_index_term(clio_index *ix, uint32_t id, const char **s, size_t *n)
{
    if (id >= ix->h.nterms)
        return CLIO_EARG;
    const ix_term *t = get_term(ix, id);
    if (!t)
        return CLIO_EFORMAT;
    *s = (const char *)section(ix, IX_TERMSTR, t->str_off, t->str_len);
    *n = t->str_len;
    return *s ? 0 : CLIO_EFORMAT;
}

uint64_t clio_index_term_count(clio_index *ix, uint32_t id)
{
    const ix_term *t = id < ix->h.nterms ? get_term(ix, id) : NULL;
    return t ? t->count : 0;
}

int clio_index_term_kind(clio_index *ix, uint32_t id)
{
    const ix_term *t = id < ix->h.nterms ? get_term(ix, id) : NULL;
    return t ? t->kind : 0;
}

uint32_t clio_index_sorted(clio_index *ix, uint32_t rank)
{
    const uint8_t *p = rank < ix->h.nterms ? section(ix, IX_SORTED, (uint64_t)rank * 4, 4) : NULL;
    uint32_t id = UINT32_MAX;
    if (p)
        memcpy(&id, p, 4);
    return id;
}

/* Compares the term at sorted rank r with s[0..n); prefix: only its first n bytes. */
static int cmp_rank(clio_index *ix, uint32_t r, const char *s, size_t n, int prefix, int *bad)
{
    const char *t;
    size_t tn;
    if (clio_index_term(ix, clio_index_sorted(ix, r), &t, &tn)) {
        *bad = 1;
        return 0;
    }
    if (prefix && tn > n)
        tn = n;
    int c = memcmp(t, s, tn < n ? tn : n);
    return c ? c : (tn > n) - (tn < n);
}

/* First rank whose term (or its prefix) is >= s, or > s when `after`. */
static uint32_t bound(clio_index *ix, const char *s, size_t n, int prefix, int after, int *bad)
{
    uint32_t lo = 0, hi = ix->h.nterms;
    while (lo < hi && !*bad) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_rank(ix, mid, s, n, prefix, bad);
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int clio_index_find(clio_index *ix, const char *s, size_t n, uint32_t *id)
{
    int bad = 0;
    uint32_t r = bound(ix, s, n, 0, 0, &bad);
    if (bad)
        return CLIO_EFORMAT;
    if (r < ix->h.nterms && cmp_rank(ix, r, s, n, 0, &bad) == 0 && !bad) {
        *id = clio_index_sorted(ix, r);
        return *id < ix->h.nterms ? 0 : CLIO_EFORMAT;
    }
    return bad ? CLIO_EFORMAT : CLIO_ENOTFOUND;
}

int clio_index_prefix(clio_index *ix, const char *p, size_t n, uint32_t *lo, uint32_t *hi)
{
    int bad = 0;
    *lo = bound(ix, p, n, 1, 0, &bad);
    *hi = bound(ix, p, n, 1, 1, &bad);
    return bad ? CLIO_EFORMAT : 0;
}

int clio_index_postings(clio_index *ix, uint32_t id, clio_positions *out)
{
    if (id >= ix->h.nterms)
        return CLIO_EARG;
    const ix_term *t = get_term(ix, id), *next = get_term(ix, id + 1);
    if (!t || !next)
        return CLIO_EFORMAT;
    /* each position takes at least a byte: a larger count is damage, not a size to
     * allocate */
    if (next->post_off < t->post_off || t->count > ix->h.ntokens ||
        t->count > next->post_off - t->post_off)
        return damaged(ix, "damaged index: bad postings of term %llu", id);
    const uint8_t *p = section(ix, IX_POSTINGS, t->post_off, next->post_off - t->post_off);
    if (!p)
        return CLIO_EFORMAT;
    const uint8_t *end = p + (next->post_off - t->post_off);
    if (clio_grow((void **)&out->v, &out->cap, out->n + t->count, sizeof *out->v))
        return CLIO_ENOMEM;
    /* the hot loop of every query: the varint read inline, and one bound that keeps
     * every position below the token count (pos < ntokens holds after each step) */
    uint64_t pos = 0, k = 0, ntokens = ix->h.ntokens, count = t->count;
    while (p < end) {
        uint64_t delta = *p++;
        if (delta & 0x80) {
            delta &= 0x7F;
            for (unsigned shift = 7;; shift += 7) {
                if (p == end || shift >= 64)
                    return damaged(ix, "damaged index: bad postings of term %llu", id);
                uint8_t b = *p++;
                delta |= (uint64_t)(b & 0x7F) << shift;
                if (!(b & 0x80))
                    break;
            }
        }
        if (k == count || (k && !delta) || delta >= ntokens - pos)
            return damaged(ix, "damaged index: bad postings of term %llu", id);
        pos += delta;
        out->v[out->n + k++] = pos; /* v may be NULL when count is 0: no pointer before */
    }
    if (k != t->count)
        return damaged(ix, "damaged index: bad postings of term %llu", id);
    out->n += k;
    return 0;
}

/* ---- tokens and sentences ---------------------------------------------------------- */

/* Makes block b the cached one, with its first `upto + 1` tokens (or all it has)
 * decoded. */
static int load_block(clio_index *ix, uint64_t b, uint32_t upto)
{
    if (ix->cached_block != b) {
        ix->cached_block = UINT64_MAX;
        if (b >= ix->h.nblocks)
            return damaged(ix, "damaged index: block %llu out of range", (unsigned long long)b);
        const ix_block *bl = (const ix_block *)section(ix, IX_BLOCKS, b * sizeof *bl, sizeof *bl);
        if (!bl)
            return CLIO_EFORMAT;
        if (bl->ntok == 0 || bl->ntok > IX_TOKENS_PER_BLOCK)
            return damaged(ix, "damaged index: bad block %llu", (unsigned long long)b);
        uint64_t limit = ix->h.sec[IX_TOKDATA].len;
        if (bl->data_off > limit)
            return damaged(ix, "damaged index: bad block %llu", (unsigned long long)b);
        uint64_t avail = limit - bl->data_off;
        if (avail > (uint64_t)bl->ntok * 26)
            avail = (uint64_t)bl->ntok * 26;
        const uint8_t *p = section(ix, IX_TOKDATA, bl->data_off, avail);
        if (!p)
            return CLIO_EFORMAT;
        const uint8_t *end = p + avail, *c = p + bl->codes_off, *e = c + (bl->ntok + 3) / 4;
        if (bl->codes_off > avail || e > end)
            return damaged(ix, "damaged index: bad block %llu", (unsigned long long)b);
        ix->dec_ids = p;
        ix->dec_codes = c;
        ix->dec_extra = e;
        ix->dec_end = end;
        ix->dec_prev = bl->byte_start;
        ix->cnt = 0;
        ix->ntok = bl->ntok;
        ix->cached_block = b;
    }
    const uint8_t *p = ix->dec_ids, *c = ix->dec_codes, *e = ix->dec_extra, *end = ix->dec_end;
    int64_t prev = ix->dec_prev;
    uint32_t i = ix->cnt;
    for (; i <= upto && i < ix->ntok; i++) {
        uint64_t id, gap, len;
        if (!ix_varint_get(&p, c, &id) || id >= ix->h.nterms)
            break;
        unsigned code = (c[i / 4] >> (2 * (i % 4))) & 3;
        if (code < 3) {
            const ix_term *t = get_term(ix, (uint32_t)id);
            if (!t) {
                ix->cached_block = UINT64_MAX;
                return CLIO_EFORMAT;
            }
            gap = code;
            len = t->str_len;
        } else if (!ix_varint_get(&e, end, &gap) || !ix_varint_get(&e, end, &len) ||
                   gap > (1ull << 40) || len > (1ull << 32)) {
            break;
        }
        ix->ids[i] = (uint32_t)id;
        ix->starts[i] = prev + (int64_t)gap;
        ix->ends[i] = prev = ix->starts[i] + (int64_t)len;
    }
    if (i <= upto && i < ix->ntok) { /* stopped by a bad token */
        ix->cached_block = UINT64_MAX;
        return damaged(ix, "damaged index: bad token block %llu", (unsigned long long)b);
    }
    ix->dec_ids = p;
    ix->dec_extra = e;
    ix->dec_prev = prev;
    ix->cnt = i;
    return 0;
}

int clio_index_tokens(clio_index *ix, uint64_t first, size_t n, clio_index_token *out)
{
    if (!n)
        return 0;
    uint64_t di = clio_index_doc_of(ix, first);
    const ix_doc *d = get_doc(ix, di);
    if (!d)
        return CLIO_EFORMAT;
    if (first < d->first_token || first + n > d->first_token + d->ntokens)
        return CLIO_EARG;
    for (size_t i = 0; i < n; i++) {
        uint64_t rel = first + i - d->first_token;
        uint32_t k = (uint32_t)(rel % IX_TOKENS_PER_BLOCK);
        int rc = load_block(ix, d->first_block + rel / IX_TOKENS_PER_BLOCK, k);
        if (rc)
            return rc;
        if (k >= ix->cnt)
            return damaged(ix, "damaged index: short block in document %llu",
                           (unsigned long long)di);
        out[i] = (clio_index_token){ix->ids[k], ix->starts[k], ix->ends[k]};
    }
    return 0;
}

static uint32_t sent_start(clio_index *ix, uint64_t k, int *bad)
{
    const uint8_t *p = section(ix, IX_SENTS, k * 4, 4);
    uint32_t v = 0;
    if (p)
        memcpy(&v, p, 4);
    else
        *bad = 1;
    return v;
}

int clio_index_sentence_of(clio_index *ix, uint64_t pos, uint32_t *sentence, uint64_t *first,
                           uint64_t *end)
{
    const ix_doc *d = get_doc(ix, clio_index_doc_of(ix, pos));
    if (!d)
        return CLIO_EFORMAT;
    uint64_t rel = pos - d->first_token;
    int bad = 0;
    uint32_t lo = 0, hi = d->nsentences;
    while (hi - lo > 1 && !bad) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (sent_start(ix, d->first_sentence + mid, &bad) <= rel)
            lo = mid;
        else
            hi = mid;
    }
    *sentence = lo;
    uint64_t s = d->nsentences ? sent_start(ix, d->first_sentence + lo, &bad) : 0;
    uint64_t e = lo + 1 < d->nsentences ? sent_start(ix, d->first_sentence + lo + 1, &bad)
                                        : d->ntokens;
    if (bad)
        return CLIO_EFORMAT;
    if (s > e || e > d->ntokens)
        return damaged(ix, "damaged index: bad sentences in document %llu",
                       (unsigned long long)clio_index_doc_of(ix, pos));
    *first = d->first_token + s;
    *end = d->first_token + e;
    return 0;
}

/* ---- sources ---------------------------------------------------------------------- */

static int source_changed(clio_index *ix, const ix_file *f, const char *path,
                          const char *why, clio_error *err)
{
    (void)f;
    clio_error_set(err, CLIO_EFORMAT, path, "changed since the index %s was built (%s)",
                   ix->name, why);
    return CLIO_EFORMAT;
}

static int map_source(clio_index *ix, uint64_t fi, clio_error *err)
{
    source_map *m = &ix->src[fi];
    const ix_file *f = get_file(ix, fi);
    const char *path = f ? get_string(ix, f->path_off, f->path_len) : NULL;
    if (!path) {
        if (err)
            *err = ix->err;
        return CLIO_EFORMAT;
    }
    char p[4096];
    snprintf(p, sizeof p, "%.*s", (int)f->path_len, path);
    if (m->state == 1)
        return 0;
    /* an index names its sources itself: a sandboxed script may have written it */
    if (clio_access_read_source(ix->name, p, err))
        return CLIO_EDENIED;
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return clio_error_set(err, CLIO_EIO, p, "cannot open the source of index %s: %s",
                              ix->name, strerror(e));
    }
    if (st.st_size != f->size) {
        close(fd);
        char why[128];
        snprintf(why, sizeof why, "size was %lld bytes, now %lld", (long long)f->size,
                 (long long)st.st_size);
        return source_changed(ix, f, p, why, err);
    }
    void *b = st.st_size ? clio_map_file(fd, (size_t)st.st_size, p) : NULL;
    close(fd);
    if (b == MAP_FAILED)
        return clio_error_set(err, CLIO_EIO, p, "cannot map: %s", strerror(errno));
    m->bytes = b;
    m->size = (size_t)st.st_size;
    m->state = 1;
    return 0;
}

const char *clio_index_source(clio_index *ix, uint64_t doc, size_t *size, clio_error *err)
{
    const ix_doc *d = get_doc(ix, doc);
    if (!d) {
        if (err)
            *err = ix->err;
        return NULL;
    }
    if (map_source(ix, d->file, err))
        return NULL;
    *size = ix->src[d->file].size;
    return ix->src[d->file].bytes ? ix->src[d->file].bytes : "";
}

int clio_index_check_sources(clio_index *ix, clio_error *err)
{
    for (uint64_t fi = 0; fi < ix->h.nfiles; fi++) {
        const ix_file *f = get_file(ix, fi);
        const char *path = f ? get_string(ix, f->path_off, f->path_len) : NULL;
        if (!path) {
            if (err)
                *err = ix->err;
            return CLIO_EFORMAT;
        }
        if (f->mtime_ns < 0)
            continue; /* read from stdin or memory: nothing to compare */
        char p[4096];
        snprintf(p, sizeof p, "%.*s", (int)f->path_len, path);
        struct stat st;
        if (clio_access_read_source(ix->name, p, err))
            return CLIO_EDENIED;
        if (stat(p, &st) < 0)
            return clio_error_set(err, CLIO_EIO, p, "a source of index %s is gone: %s",
                                  ix->name, strerror(errno));
        int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        if (st.st_size != f->size) {
            char why[128];
            snprintf(why, sizeof why, "size was %lld bytes, now %lld", (long long)f->size,
                     (long long)st.st_size);
            return source_changed(ix, f, p, why, err);
        }
        if (mtime == f->mtime_ns)
            continue;
        int rc = map_source(ix, fi, err);
        if (rc)
            return rc;
        if (clio_file_checksum(ix->src[fi].bytes, ix->src[fi].size) != f->checksum)
            return source_changed(ix, f, p, "contents differ", err);
    }
    return 0;
}
