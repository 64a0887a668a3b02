/* Opening and checking index segments before a merge: each one an index of part K of
 * N ("part=K/N" last in its options), all N parts once, all built with the same
 * options, and each one's records following each other as a build writes them, so the
 * renumbering of the merge cannot go wrong on a damaged or hand-made file. */
#include "index_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ix_merge_bad(const mseg *s, clio_error *err, const char *what)
{
    if (clio_index_damaged(s->ix)) {
        if (err)
            *err = *clio_index_error(s->ix);
        return CLIO_EFORMAT;
    }
    return clio_error_set(err, CLIO_EFORMAT, s->path, "damaged index segment: %s",
                          what ? what : "a bad record");
}

/* ---- the segments: parts 0..N-1 of one cut, built the same way -------------------- */

/* Splits options "BASE; part=K/N" (or "part=K/N"); 0 when there is no part field. */
static int part_field(const char *o, size_t *base_len, unsigned *k, unsigned *n)
{
    const char *p = strstr(o, "part=");
    while (p && p != o && !(p - o >= 2 && p[-2] == ';' && p[-1] == ' '))
        p = strstr(p + 1, "part=");
    if (!p)
        return 0;
    char tail;
    if (sscanf(p, "part=%u/%u%c", k, n, &tail) != 2 || *n == 0 || *k >= *n)
        return 0;
    *base_len = p == o ? 0 : (size_t)(p - o) - 2;
    return 1;
}

/* The next "; "-separated field of [*p, end), advancing *p past it. */
static size_t next_field(const char **p, const char *end, const char **field)
{
    *field = *p;
    const char *q = *p;
    while (q < end && !(q + 1 < end && q[0] == ';' && q[1] == ' '))
        q++;
    size_t n = (size_t)(q - *p);
    *p = q < end ? q + 2 : end;
    return n;
}

/* The first field ("key=value") where two options texts differ, for the message. */
static void first_difference(const char *a, size_t an, const char *b, size_t bn, char *out,
                             size_t cap)
{
    const char *pa = a, *pb = b, *ea = a + an, *eb = b + bn;
    while (pa < ea || pb < eb) {
        const char *fa, *fb;
        size_t na = next_field(&pa, ea, &fa), nb = next_field(&pb, eb, &fb);
        if (na != nb || memcmp(fa, fb, na)) {
            snprintf(out, cap, "%.*s against %.*s", (int)na, na ? fa : "nothing", (int)nb,
                     nb ? fb : "nothing");
            if (!na || !nb) /* "%.*s" of "nothing" with 0 prints nothing: say it */
                snprintf(out, cap, "%.*s against %.*s", na ? (int)na : 7, na ? fa : "nothing",
                         nb ? (int)nb : 7, nb ? fb : "nothing");
            return;
        }
    }
    snprintf(out, cap, "the same fields");
}

int ix_merge_open(mstate *m, const char *const *paths, size_t n, clio_error *err)
{
    mseg *tmp = calloc(n, sizeof *tmp);
    if (!tmp)
        return clio_error_set(err, CLIO_ENOMEM, paths[0], "out of memory");
    m->seg = tmp;
    m->nseg = n;
    for (size_t i = 0; i < n; i++) {
        mseg *s = &tmp[i];
        s->path = paths[i];
        int rc = clio_index_open(paths[i], &s->ix, err);
        if (rc)
            return rc;
        s->h = ix_read_header(s->ix);
        if ((rc = ix_read_verify_releasing(s->ix, err))) /* every page, let go as read */
            return rc;
        s->base = clio_index_build_options(s->ix);
        if (!part_field(s->base, &s->base_len, &s->part, &s->parts))
            return clio_error_set(err, CLIO_EARG, s->path,
                                  "not an index segment (it was built without --part K/N)");
        if (s->h->fold_flags != tmp[0].h->fold_flags)
            return clio_error_set(err, CLIO_EARG, s->path,
                                  "folds terms otherwise than %s", tmp[0].path);
        if (s->base_len != tmp[0].base_len || memcmp(s->base, tmp[0].base, s->base_len)) {
            char why[300];
            first_difference(s->base, s->base_len, tmp[0].base, tmp[0].base_len, why, sizeof why);
            return clio_error_set(err, CLIO_EARG, s->path,
                                  "built with other options than %s (%s)", tmp[0].path, why);
        }
        if (s->parts != tmp[0].parts)
            return clio_error_set(err, CLIO_EARG, s->path, "a part of %u, but %s a part of %u",
                                  s->parts, tmp[0].path, tmp[0].parts);
    }
    /* part order, each part once, none missing */
    mseg *seg = calloc(n, sizeof *seg);
    if (!seg)
        return clio_error_set(err, CLIO_ENOMEM, paths[0], "out of memory");
    char *have = calloc(tmp[0].parts, 1);
    if (!have) {
        free(seg);
        return clio_error_set(err, CLIO_ENOMEM, paths[0], "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned k = tmp[i].part;
        if (have[k]) {
            for (size_t j = 0; j < i; j++)
                if (tmp[j].part == k)
                    rc = clio_error_set(err, CLIO_EARG, tmp[i].path, "part %u of %u twice: also %s",
                                        k, tmp[i].parts, tmp[j].path);
        } else {
            have[k] = 1;
        }
    }
    for (unsigned k = 0; k < tmp[0].parts && !rc; k++)
        if (!have[k])
            rc = clio_error_set(err, CLIO_EARG, tmp[0].path,
                                "part %u of %u is missing (%zu segments given)", k, tmp[0].parts, n);
    if (!rc) /* every part once and n == parts: each lands in its own slot */
        for (size_t i = 0; i < n; i++)
            seg[tmp[i].part] = tmp[i];
    free(have);
    if (rc) {
        free(seg);
        return rc;
    }
    free(tmp);
    m->seg = seg;
    return 0;
}

/* A file record and its path. */
const ix_file *ix_merge_file(mseg *s, uint64_t f, const char **path)
{
    const ix_file *r = (const ix_file *)ix_read_section(s->ix, IX_FILES, f * sizeof *r, sizeof *r);
    *path = r ? (const char *)ix_read_section(s->ix, IX_STRINGS, r->path_off, r->path_len) : NULL;
    return *path ? r : NULL;
}

const ix_doc *ix_merge_doc(mseg *s, uint64_t d)
{
    clio_index_doc info; /* range checks of the record */
    if (clio_index_doc_info(s->ix, d, &info))
        return NULL;
    return (const ix_doc *)ix_read_section(s->ix, IX_DOCS, d * sizeof(ix_doc), sizeof(ix_doc));
}

/* The records a build writes follow each other: a document's tokens, blocks, sentences
 * and metadata start where the previous one's end, and files appear in order, each
 * file's documents together. Checked, so the renumbering below cannot go wrong. */
static int check_documents(mseg *s, clio_error *err)
{
    const ix_header *h = s->h;
    uint64_t tok = 0, blk = 0, sent = 0, meta = 0, file = 0;
    for (uint64_t d = 0; d < h->ndocs; d++) {
        const ix_doc *r = ix_merge_doc(s, d);
        if (!r)
            return ix_merge_bad(s, err, NULL);
        if (r->first_token != tok || r->first_block != blk || r->first_sentence != sent ||
            r->meta_first != meta || !(r->file == file || (d && r->file == file + 1)))
            return ix_merge_bad(s, err, "its documents do not follow each other");
        tok += r->ntokens;
        blk += (r->ntokens + IX_TOKENS_PER_BLOCK - 1) / IX_TOKENS_PER_BLOCK;
        sent += r->nsentences;
        meta += r->nmeta;
        file = r->file;
        for (uint32_t k = 0; k < r->nsentences; k++) {
            const uint8_t *p = ix_read_section(s->ix, IX_SENTS, (r->first_sentence + k) * 4, 4);
            uint32_t v;
            if (!p)
                return ix_merge_bad(s, err, NULL);
            memcpy(&v, p, 4);
            if (v > r->ntokens)
                return ix_merge_bad(s, err, "a sentence starts outside its document");
        }
    }
    if (tok != h->ntokens || blk != h->nblocks || sent != h->nsentences || meta != h->nmeta ||
        (h->ndocs ? file + 1 : 0) != h->nfiles)
        return ix_merge_bad(s, err, "its counts do not match its documents");
    return 0;
}

/* Whether segment s starts in the file the segment before it (with documents) ends
 * in: the same path, size and checksum. A file's documents may fall in two parts; the
 * merged index lists it once, as one build does. */
static int shares_file(mseg *prev, mseg *s, clio_error *err, int *out)
{
    *out = 0;
    if (!prev || !s->h->ndocs)
        return 0;
    const char *pa, *pb;
    const ix_file *a = ix_merge_file(prev, prev->h->nfiles - 1, &pa), *b = ix_merge_file(s, 0, &pb);
    if (!a)
        return ix_merge_bad(prev, err, NULL);
    if (!b)
        return ix_merge_bad(s, err, NULL);
    *out = a->path_len == b->path_len && !memcmp(pa, pb, a->path_len) && a->size == b->size &&
           a->checksum == b->checksum;
    return 0;
}

int ix_merge_check(mstate *m, clio_error *err)
{
    mseg *prev = NULL;
    for (size_t i = 0; i < m->nseg; i++) {
        mseg *s = &m->seg[i];
        int rc = check_documents(s, err);
        ix_read_release(s->ix);
        if (!rc)
            rc = shares_file(prev, s, err, &s->shares_file);
        if (rc)
            return rc;
        s->tok_base = m->ntokens;
        s->block_base = m->nblocks;
        s->sent_base = m->nsentences;
        s->meta_base = m->nmeta;
        s->file_base = m->nfiles - (uint64_t)s->shares_file;
        m->ntokens += s->h->ntokens;
        m->nblocks += s->h->nblocks;
        m->nsentences += s->h->nsentences;
        m->nmeta += s->h->nmeta;
        m->nfiles += s->h->nfiles - (uint64_t)s->shares_file;
        m->ndocs += s->h->ndocs;
        if (m->ntokens > (1ull << 48))
            return clio_error_set(err, CLIO_EARG, s->path, "the merged index would pass 2^48 tokens");
        if (s->h->ndocs)
            prev = s;
    }
    return 0;
}

