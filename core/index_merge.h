/* The segment merge's shared state (internal to index_merge*.c): the segments, opened
 * and checked, in part order, and the union vocabulary that maps each segment's term
 * ids to the merged index's. */
#ifndef CLIO_INDEX_MERGE_H
#define CLIO_INDEX_MERGE_H

#include "index.h"
#include "index_format.h"
#include "index_write.h"

typedef struct {
    clio_index *ix;
    const char *path;
    const ix_header *h;
    unsigned part, parts;
    const char *base;      /* its options without the part field (points into ix) */
    size_t base_len;
    uint32_t *tofinal;     /* its term id -> the merged index's */
    int shares_file;       /* its first file is the previous segment's last one */
    uint64_t tok_base, block_base, sent_base, meta_base, file_base;
} mseg;

/* (segment, its term id): where a merged term occurs */
typedef struct {
    uint32_t seg, id;
} mpair;

typedef struct {
    mseg *seg;
    size_t nseg;
    /* the union vocabulary, by union id u (terms in byte order) */
    uint32_t nterms;
    uint64_t *count;
    uint8_t *kind;
    uint64_t *first;       /* pairs of u: [first[u], first[u+1]) */
    mpair *pairs;
    uint32_t *byrank;      /* merged id (frequency rank) -> u */
    uint32_t *rank;        /* u -> merged id */
    uint64_t ntokens, nblocks, nsentences, nmeta, nfiles, ndocs;
    uint64_t released_at;  /* bytes written when the segments' pages were last let go */
} mstate;

/* The union of the segments' vocabularies (a k-way merge of their sorted terms), its
 * frequency ranks and each segment's id map (index_merge_vocab.c). */
int ix_merge_vocab(mstate *m, clio_error *err);

/* Opens the segments at paths and puts them in part order, refusing (err naming the
 * file) one that is damaged, not a segment, built otherwise, doubled or missing
 * (index_merge_check.c). */
int ix_merge_open(mstate *m, const char *const *paths, size_t n, clio_error *err);
/* Checks that each segment's records follow each other and sets the counts of the
 * parts before it (its bases) and the merged totals. */
int ix_merge_check(mstate *m, clio_error *err);
/* A segment's document record and file record (with its path), checked; NULL on damage. */
const ix_doc *ix_merge_doc(mseg *s, uint64_t d);
const ix_file *ix_merge_file(mseg *s, uint64_t f, const char **path);

/* Fills err from the segment's damage record, or says what was wrong with it. */
int ix_merge_bad(const mseg *s, clio_error *err, const char *what);

#endif
