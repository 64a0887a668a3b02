/* Merging index segments into one index. A segment is an index of part K of N of a
 * corpus (clio_index_build_opts.some_docs; its options end with "part=K/N"), and the
 * merge writes the file one build over the whole corpus writes, byte for byte: the
 * same term ids (frequency ranks over the union vocabulary, index_merge_vocab.c), token
 * blocks with their ids remapped and their offsets copied, postings shifted by the
 * tokens of the parts before, documents, files and strings renumbered in part order.
 * It streams: each section is written in one pass over the segments' mapped files, and
 * memory holds the vocabularies' maps, never the tokens or the postings. */
#include "index_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ----------------------------------------------------------------------- */

/* Drops the segments' pages read so far once another 8 MiB was written, so the
 * merge's memory stays flat whatever the segments' size. */
static void release_read(mstate *m, ix_writer *w, int now)
{
    uint64_t at = ix_wr_tell(w);
    if (!now && at - m->released_at < (8u << 20))
        return;
    for (size_t i = 0; i < m->nseg; i++)
        ix_read_release(m->seg[i].ix);
    m->released_at = at;
}

static void wr_varint(ix_writer *w, uint64_t v)
{
    uint8_t b[10];
    ix_wr(w, b, ix_varint_put(b, v));
}

/* Block b of segment s: its record and data. With w, the data is written with the
 * merged ids; *size gets the merged data's length either way. */
static int copy_block(mseg *s, uint64_t b, ix_writer *w, ix_block *rec, uint64_t *size,
                      clio_error *err)
{
    const ix_block *r = (const ix_block *)ix_read_section(s->ix, IX_BLOCKS, b * sizeof *r, sizeof *r);
    if (!r)
        return ix_merge_bad(s, err, NULL);
    *rec = *r;
    uint64_t end = s->h->sec[IX_TOKDATA].len;
    if (b + 1 < s->h->nblocks) {
        const ix_block *n = (const ix_block *)ix_read_section(s->ix, IX_BLOCKS, (b + 1) * sizeof *r, sizeof *r);
        if (!n)
            return ix_merge_bad(s, err, NULL);
        end = n->data_off;
    }
    if (r->ntok == 0 || r->ntok > IX_TOKENS_PER_BLOCK || r->data_off > end ||
        r->codes_off > end - r->data_off)
        return ix_merge_bad(s, err, "a bad token block");
    const uint8_t *p = ix_read_section(s->ix, IX_TOKDATA, r->data_off, end - r->data_off);
    if (!p)
        return ix_merge_bad(s, err, NULL);
    const uint8_t *q = p, *codes = p + r->codes_off, *stop = p + (end - r->data_off);
    uint8_t ids[IX_TOKENS_PER_BLOCK * 5];
    size_t ni = 0, nesc = 0;
    for (uint32_t i = 0; i < r->ntok; i++) {
        uint64_t id;
        if (!ix_varint_get(&q, codes, &id) || id >= s->h->nterms)
            return ix_merge_bad(s, err, "a bad token block");
        ni += ix_varint_put(ids + ni, s->tofinal[id]);
    }
    const uint8_t *e = codes + (r->ntok + 3) / 4;
    if (q != codes || e > stop)
        return ix_merge_bad(s, err, "a bad token block");
    for (uint32_t i = 0; i < r->ntok; i++)
        nesc += ((codes[i / 4] >> (2 * (i % 4))) & 3) == 3;
    for (size_t i = 0; i < 2 * nesc; i++) { /* each escape: a gap and a length */
        uint64_t v;
        if (!ix_varint_get(&e, stop, &v))
            return ix_merge_bad(s, err, "a bad token block");
    }
    if (e != stop)
        return ix_merge_bad(s, err, "a bad token block");
    if (w) {
        ix_wr(w, ids, ni);
        ix_wr(w, codes, (size_t)(stop - codes));
    }
    rec->codes_off = (uint32_t)ni;
    *size = ni + (uint64_t)(stop - codes);
    return 0;
}

static int write_blocks(mstate *m, ix_writer *w, ix_header *h, clio_error *err)
{
    ix_wr_align(w);
    h->sec[IX_TOKDATA].off = ix_wr_tell(w);
    for (size_t i = 0; i < m->nseg; i++)
        for (uint64_t b = 0; b < m->seg[i].h->nblocks; b++) {
            ix_block r;
            uint64_t size;
            int rc = copy_block(&m->seg[i], b, w, &r, &size, err);
            if (rc)
                return rc;
            release_read(m, w, 0);
        }
    release_read(m, w, 1);
    h->sec[IX_TOKDATA].len = ix_wr_tell(w) - h->sec[IX_TOKDATA].off;
    /* the records, in a second pass: their offsets are the lengths just written */
    ix_wr_align(w);
    h->sec[IX_BLOCKS].off = ix_wr_tell(w);
    uint64_t at = 0;
    for (size_t i = 0; i < m->nseg; i++)
        for (uint64_t b = 0; b < m->seg[i].h->nblocks; b++) {
            ix_block r;
            uint64_t size;
            int rc = copy_block(&m->seg[i], b, NULL, &r, &size, err);
            if (rc)
                return rc;
            r.data_off = at;
            ix_wr(w, &r, sizeof r);
            at += size;
            if (!((b + 1) & 0x7FFF)) /* this pass reads the blocks and writes little */
                release_read(m, w, 1);
        }
    h->sec[IX_BLOCKS].len = ix_wr_tell(w) - h->sec[IX_BLOCKS].off;
    return 0;
}

/* The postings of term (s, id): its positions shifted by the parts before, as one
 * stream with the previous parts' (*last: the last position written, or none). Only
 * the first delta changes; the rest is copied. */
static int copy_postings(mseg *s, uint32_t id, ix_writer *w, uint64_t *last, int *any,
                         clio_error *err)
{
    const ix_term *t = (const ix_term *)ix_read_section(s->ix, IX_TERMS, (uint64_t)id * sizeof *t,
                                                        2 * sizeof *t);
    if (!t)
        return ix_merge_bad(s, err, NULL);
    uint64_t off = t[0].post_off, end = t[1].post_off;
    if (end < off)
        return ix_merge_bad(s, err, "bad postings");
    const uint8_t *p = ix_read_section(s->ix, IX_POSTINGS, off, end - off);
    if (!p)
        return ix_merge_bad(s, err, NULL);
    const uint8_t *q = p, *stop = p + (end - off), *rest = p;
    uint64_t pos = 0, n = 0, d, first = 0;
    while (q < stop) {
        if (!ix_varint_get(&q, stop, &d) || (n && !d) || d >= s->h->ntokens - pos)
            return ix_merge_bad(s, err, "bad postings");
        pos += d;
        if (!n++) {
            first = d;
            rest = q;
        }
    }
    if (!n || n != t[0].count)
        return ix_merge_bad(s, err, "bad postings");
    wr_varint(w, s->tok_base + first - (*any ? *last : 0));
    ix_wr(w, rest, (size_t)(stop - rest));
    *last = s->tok_base + pos;
    *any = 1;
    return 0;
}

static int write_terms(mstate *m, ix_writer *w, ix_header *h, clio_error *err)
{
    uint32_t V = m->nterms;
    uint64_t *post = malloc(((size_t)V + 1) * sizeof *post);
    if (!post)
        return clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
    int rc = 0;
    ix_wr_align(w);
    h->sec[IX_POSTINGS].off = ix_wr_tell(w);
    for (uint32_t t = 0; t < V && !rc; t++) {
        uint32_t u = m->byrank[t];
        post[t] = ix_wr_tell(w) - h->sec[IX_POSTINGS].off;
        uint64_t last = 0;
        int any = 0;
        for (uint64_t p = m->first[u]; p < m->first[u + 1] && !rc; p++)
            rc = copy_postings(&m->seg[m->pairs[p].seg], m->pairs[p].id, w, &last, &any, err);
        release_read(m, w, 0);
    }
    release_read(m, w, 1);
    post[V] = ix_wr_tell(w) - h->sec[IX_POSTINGS].off;
    h->sec[IX_POSTINGS].len = post[V];
    /* the term records, then their bytes from the first segment that has each */
    ix_wr_align(w);
    h->sec[IX_TERMS].off = ix_wr_tell(w);
    uint64_t str = 0;
    for (uint32_t t = 0; t < V && !rc; t++) {
        uint32_t u = m->byrank[t];
        const mpair *pr = &m->pairs[m->first[u]];
        const char *s;
        size_t n;
        if (clio_index_term(m->seg[pr->seg].ix, pr->id, &s, &n))
            rc = ix_merge_bad(&m->seg[pr->seg], err, NULL);
        else if (str > UINT32_MAX)
            rc = clio_error_set(err, CLIO_ENOMEM, m->seg[0].path, "out of memory");
        ix_term r = {post[t], m->count[u], (uint32_t)str, (uint16_t)n, m->kind[u], 0};
        ix_wr(w, &r, sizeof r);
        str += n;
    }
    ix_term sentinel = {post[V], 0, 0, 0, 0, 0};
    ix_wr(w, &sentinel, sizeof sentinel);
    h->sec[IX_TERMS].len = ix_wr_tell(w) - h->sec[IX_TERMS].off;
    free(post);
    ix_wr_align(w);
    h->sec[IX_TERMSTR].off = ix_wr_tell(w);
    for (uint32_t t = 0; t < V && !rc; t++) {
        const mpair *pr = &m->pairs[m->first[m->byrank[t]]];
        const char *s;
        size_t n;
        rc = clio_index_term(m->seg[pr->seg].ix, pr->id, &s, &n) ? ix_merge_bad(&m->seg[pr->seg], err, NULL) : 0;
        if (!rc)
            ix_wr(w, s, n);
    }
    h->sec[IX_TERMSTR].len = ix_wr_tell(w) - h->sec[IX_TERMSTR].off;
    ix_wr_align(w);
    h->sec[IX_SORTED].off = ix_wr_tell(w);
    for (uint32_t u = 0; u < V; u++) /* union ids are in byte order */
        ix_wr(w, &m->rank[u], 4);
    h->sec[IX_SORTED].len = ix_wr_tell(w) - h->sec[IX_SORTED].off;
    h->nterms = V;
    return rc;
}

/* Documents, files, metadata and strings in one walk per section: the strings are
 * appended in the order a build appends them (a file's path where its first document
 * comes, then each document's name, then its metadata keys and values), so every
 * offset is known without holding them. */
enum { W_DOCS, W_FILES, W_META, W_STRINGS };

static int walk(mstate *m, int what, ix_writer *w, clio_error *err)
{
    uint64_t str = 0, files = 0;
    for (size_t i = 0; i < m->nseg; i++) {
        mseg *s = &m->seg[i];
        for (uint64_t d = 0; d < s->h->ndocs; d++) {
            if (!(d & 0xFFFF)) /* passes that write little read a lot */
                release_read(m, w, 1);
            const ix_doc *r = ix_merge_doc(s, d);
            if (!r)
                return ix_merge_bad(s, err, NULL);
            ix_doc doc = *r;
            uint64_t gfile = s->file_base + r->file;
            if (gfile == files) { /* the file's first document: its path */
                const char *path;
                const ix_file *f = ix_merge_file(s, r->file, &path);
                if (!f)
                    return ix_merge_bad(s, err, NULL);
                ix_file rec = *f;
                rec.path_off = str;
                if (what == W_FILES)
                    ix_wr(w, &rec, sizeof rec);
                if (what == W_STRINGS)
                    ix_wr(w, path, f->path_len);
                str += f->path_len;
                files++;
            }
            const char *name = (const char *)ix_read_section(s->ix, IX_STRINGS, r->name_off, r->name_len);
            if (!name || str > UINT32_MAX)
                return name ? clio_error_set(err, CLIO_ENOMEM, s->path, "out of memory")
                            : ix_merge_bad(s, err, NULL);
            doc.first_token += s->tok_base;
            doc.first_block += s->block_base;
            doc.first_sentence += s->sent_base;
            doc.meta_first += (uint32_t)s->meta_base;
            doc.file = (uint32_t)gfile;
            doc.name_off = (uint32_t)str;
            if (what == W_STRINGS)
                ix_wr(w, name, r->name_len);
            str += r->name_len;
            if (what == W_DOCS)
                ix_wr(w, &doc, sizeof doc);
            for (uint32_t k = 0; k < r->nmeta; k++) {
                const ix_meta *mr = (const ix_meta *)ix_read_section(
                    s->ix, IX_META, ((uint64_t)r->meta_first + k) * sizeof *mr, sizeof *mr);
                const char *key = mr ? (const char *)ix_read_section(s->ix, IX_STRINGS, mr->key_off, mr->key_len) : NULL;
                const char *val = key ? (const char *)ix_read_section(s->ix, IX_STRINGS, mr->value_off, mr->value_len) : NULL;
                if (!val)
                    return ix_merge_bad(s, err, NULL);
                if (str + mr->key_len > UINT32_MAX)
                    return clio_error_set(err, CLIO_ENOMEM, s->path, "out of memory");
                ix_meta rec = {(uint32_t)str, mr->key_len, (uint32_t)(str + mr->key_len), mr->value_len};
                if (what == W_META)
                    ix_wr(w, &rec, sizeof rec);
                if (what == W_STRINGS) {
                    ix_wr(w, key, mr->key_len);
                    ix_wr(w, val, mr->value_len);
                }
                str += (uint64_t)mr->key_len + mr->value_len;
            }
        }
    }
    return 0;
}

static int write_rest(mstate *m, ix_writer *w, ix_header *h, clio_error *err)
{
    static const int order[] = {IX_DOCS, IX_FILES, IX_META, IX_STRINGS};
    static const int mode[] = {W_DOCS, W_FILES, W_META, W_STRINGS};
    for (int k = 0; k < 4; k++) {
        ix_wr_align(w);
        h->sec[order[k]].off = ix_wr_tell(w);
        int rc = walk(m, mode[k], w, err);
        if (rc)
            return rc;
        release_read(m, w, 1);
        h->sec[order[k]].len = ix_wr_tell(w) - h->sec[order[k]].off;
    }
    /* sentence starts are relative to their documents: copied as they are */
    ix_wr_align(w);
    h->sec[IX_SENTS].off = ix_wr_tell(w);
    for (size_t i = 0; i < m->nseg; i++) {
        mseg *s = &m->seg[i];
        uint64_t len = s->h->sec[IX_SENTS].len;
        for (uint64_t at = 0; at < len; at += 1u << 20) {
            uint64_t n = len - at < (1u << 20) ? len - at : (1u << 20);
            const uint8_t *p = ix_read_section(s->ix, IX_SENTS, at, n);
            if (!p)
                return ix_merge_bad(s, err, NULL);
            ix_wr(w, p, n);
            release_read(m, w, 0);
        }
    }
    h->sec[IX_SENTS].len = ix_wr_tell(w) - h->sec[IX_SENTS].off;
    h->ntokens = m->ntokens;
    h->ndocs = m->ndocs;
    h->nfiles = m->nfiles;
    h->nblocks = m->nblocks;
    h->nsentences = m->nsentences;
    h->nmeta = m->nmeta;
    return 0;
}

static void free_state(mstate *m)
{
    for (size_t i = 0; m->seg && i < m->nseg; i++) {
        clio_index_close(m->seg[i].ix);
        free(m->seg[i].tofinal);
    }
    free(m->seg);
    free(m->count);
    free(m->kind);
    free(m->first);
    free(m->pairs);
    free(m->byrank);
    free(m->rank);
}

int clio_index_merge_fd(const char *const *paths, size_t n, int fd, const char *name,
                        clio_error *err)
{
    if (n == 0)
        return clio_error_set(err, CLIO_EARG, name, "no index segments to merge");
    mstate m;
    memset(&m, 0, sizeof m);
    int rc = ix_merge_open(&m, paths, n, err);
    if (!rc)
        rc = ix_merge_check(&m, err);
    if (!rc)
        rc = ix_merge_vocab(&m, err);
    for (size_t i = 0; !rc && i < m.nseg; i++) /* the checks read every page */
        ix_read_release(m.seg[i].ix);
    if (rc) {
        free_state(&m);
        return rc;
    }
    ix_writer w;
    ix_header h;
    memset(&h, 0, sizeof h);
    if (ix_writer_init(&w, fd)) {
        free_state(&m);
        return clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
    }
    /* the sections in a build's order */
    rc = write_blocks(&m, &w, &h, err);
    if (!rc)
        rc = write_terms(&m, &w, &h, err);
    if (!rc)
        rc = write_rest(&m, &w, &h, err);
    if (!rc) {
        char options[IX_BUILD_MAX];
        snprintf(options, sizeof options, "%.*s", (int)m.seg[0].base_len, m.seg[0].base);
        rc = ix_writer_finish(&w, &h, options, name, err);
    }
    ix_writer_free(&w);
    free_state(&m);
    return rc;
}

typedef struct {
    const char *const *paths;
    size_t n;
    const char *out;
} merge_job;

static int merge_into(int fd, const char *dir, void *ctx, clio_error *err)
{
    (void)dir;
    merge_job *j = ctx;
    return clio_index_merge_fd(j->paths, j->n, fd, j->out, err);
}

int clio_index_merge(const char *const *paths, size_t n, const char *path, clio_error *err)
{
    merge_job j = {paths, n, path};
    return ix_write_atomically(path, merge_into, &j, err);
}
