/* clio index: a positional index of a corpus in one file, read through mmap; queries,
 * hits, KWIC and statistics over it. The format is in core/index_format.h and
 * docs/index.md.
 *
 * Pure C like the rest of core/: returns 0 or a negative CLIO_E*, fills a clio_error. */
#ifndef CLIO_INDEX_H
#define CLIO_INDEX_H

#include "clio.h"

/* ---- building (index_build.c) ---------------------------------------------------- */

typedef struct clio_index_build_opts {
    int threads;        /* 0: two (or one for a small corpus) */
    size_t mem_budget;  /* bytes of build state before it spills to disk; 0: 1 GiB */
    const char *options; /* how the corpus was read, recorded as given (< 1024 bytes) */
    /* some_docs: index only documents [first_doc, first_doc + ndocs) (one part of a
     * corpus cut for many processes; ndocs may be 0), else every document */
    int some_docs;
    size_t first_doc, ndocs;
} clio_index_build_opts;

/* Indexes every document of c into `path`: written to a temporary name beside it and
 * renamed, so a failed or killed build leaves any previous file as it was. */
int clio_index_build(clio_corpus *c, const char *path, const clio_index_build_opts *o,
                     clio_error *err);
/* The same into an open file (e.g. a memfd), from its current start. */
int clio_index_build_fd(clio_corpus *c, int fd, const char *name,
                        const clio_index_build_opts *o, clio_error *err);

/* ---- merging index segments (index_merge.c) ------------------------------------ */

/* Merges the index segments at paths (in any order) into one index at path: each an
 * index of part K of N of one corpus (built with some_docs over that part and options
 * ending in "part=K/N"), all N parts once, with the same options otherwise. The file
 * is the one clio_index_build over the whole corpus writes, byte for byte, with the
 * options without the part field. Streams: memory holds the vocabularies' id maps,
 * not the tokens or postings. A segment that is damaged, not a segment, built
 * otherwise, missing or given twice fails with err naming its file. */
int clio_index_merge(const char *const *paths, size_t n, const char *path, clio_error *err);
/* The same into an open file (e.g. a memfd), from its current start; name for errors. */
int clio_index_merge_fd(const char *const *paths, size_t n, int fd, const char *name,
                        clio_error *err);

/* A fast checksum (64-bit, not cryptographic) used for sections and sources. */
uint64_t clio_hash64(const void *p, size_t n, uint64_t seed);
/* The checksum of a whole file's bytes as the index records it. */
uint64_t clio_file_checksum(const char *bytes, size_t n);

/* ---- reading (index_read.c) ------------------------------------------------------ */

typedef struct clio_index clio_index;

/* Opens and checks an index: magic, version, size, header and checksum-table checks.
 * Sections are verified block by block when first read; a damaged block fails the
 * call that reads it with CLIO_EFORMAT. */
int clio_index_open(const char *path, clio_index **out, clio_error *err);
int clio_index_open_fd(int fd, const char *name, clio_index **out, clio_error *err);
void clio_index_close(clio_index *ix);
/* Why the last call on ix failed with CLIO_EFORMAT (a damaged block, a bad record). */
const clio_error *clio_index_error(const clio_index *ix);
/* Non-zero once any call found damage (clio_index_error says what and where); from then
 * on every call that reads the file fails. Calls that return a value rather than a
 * status (term counts and kinds, clio_index_doc_of, clio_index_sorted) return 0 or
 * UINT32_MAX on damage: a caller checks this before trusting what they gave. */
int clio_index_damaged(const clio_index *ix);
/* Marks the index damaged (what: the inconsistency a caller found in its records);
 * returns CLIO_EFORMAT. */
int clio_index_mark_damaged(clio_index *ix, const char *what);
/* Verifies every block's checksum now. */
int clio_index_verify(clio_index *ix, clio_error *err);
/* Compares each source file with what the index recorded (size and mtime; when those
 * differ, the checksum). CLIO_EFORMAT with err naming the file and the reason when one
 * changed or is gone. */
int clio_index_check_sources(clio_index *ix, clio_error *err);

typedef struct clio_index_doc {
    const char *name;  size_t name_len;
    const char *path;  size_t path_len;
    int64_t start, end;        /* byte range in the file */
    int64_t file_size, file_mtime_ns;
    uint64_t file_checksum;
    uint64_t first_token, ntokens;  /* global token positions */
    uint64_t first_sentence;
    uint32_t nsentences, nmeta;
    uint32_t file;
} clio_index_doc;

uint64_t clio_index_ndocs(const clio_index *ix);
uint64_t clio_index_ntokens(const clio_index *ix);
uint32_t clio_index_nterms(const clio_index *ix);
uint64_t clio_index_nfiles(const clio_index *ix);
/* The build options recorded with the index ("" when none were). */
const char *clio_index_build_options(const clio_index *ix);
int clio_index_doc_info(clio_index *ix, uint64_t doc, clio_index_doc *out);
/* The path (as stored: absolute when it was built from files) of source file f. */
int clio_index_source_path(clio_index *ix, uint64_t f, const char **path, size_t *len);
/* Metadata pair k of a document. */
int clio_index_doc_meta(clio_index *ix, uint64_t doc, uint32_t k, const char **key,
                        size_t *klen, const char **value, size_t *vlen);
/* Value of key (NUL-terminated copy into buf), or NULL. */
const char *clio_index_meta_value(clio_index *ix, uint64_t doc, const char *key, char *buf,
                                  size_t cap);
/* The document holding global token position pos. */
uint64_t clio_index_doc_of(clio_index *ix, uint64_t pos);

/* Terms: ids are frequency ranks (0 the most frequent). */
int clio_index_term(clio_index *ix, uint32_t id, const char **s, size_t *n);
uint64_t clio_index_term_count(clio_index *ix, uint32_t id);
int clio_index_term_kind(clio_index *ix, uint32_t id);
/* Finds a folded term. CLIO_ENOTFOUND when absent. */
int clio_index_find(clio_index *ix, const char *s, size_t n, uint32_t *id);
/* Range [lo, hi) of ranks in the sorted vocabulary whose terms start with prefix;
 * clio_index_sorted gives the id at a rank. */
int clio_index_prefix(clio_index *ix, const char *p, size_t n, uint32_t *lo, uint32_t *hi);
uint32_t clio_index_sorted(clio_index *ix, uint32_t rank);
uint32_t clio_index_fold_flags(const clio_index *ix);

/* Positions of a term, ascending, appended to out (grown with clio_grow). */
typedef struct clio_positions {
    uint64_t *v;
    size_t n, cap;
} clio_positions;
int clio_index_postings(clio_index *ix, uint32_t id, clio_positions *out);

/* One token by global position. */
typedef struct clio_index_token {
    uint32_t term;
    int64_t start, end;  /* byte offsets in the document's file */
} clio_index_token;
/* Tokens [first, first+n) of the corpus (within one document). */
int clio_index_tokens(clio_index *ix, uint64_t first, size_t n, clio_index_token *out);
/* Sentence number (0-based within the document) holding global position pos, and the
 * sentence's global token range. */
int clio_index_sentence_of(clio_index *ix, uint64_t pos, uint32_t *sentence,
                           uint64_t *first, uint64_t *end);

/* The bytes of a document's file (mapped on first use), or NULL with err filled. */
const char *clio_index_source(clio_index *ix, uint64_t doc, size_t *size, clio_error *err);

/* ---- queries (query.c) ----------------------------------------------------------- */

typedef struct clio_hit {
    uint64_t pos, end_pos; /* global token positions, end exclusive */
} clio_hit;

typedef struct clio_hits {
    clio_hit *v;
    size_t n, cap;
} clio_hits;

/* Runs a query (language in docs/index.md). A bad query fails with CLIO_EFORMAT and
 * err->offset the 0-based character offset, err->message "query error at N: ...".
 * Hits come sorted by position, without duplicates. */
int clio_query(clio_index *ix, const char *q, size_t n, clio_hits *out, clio_error *err);
/* The same with the corpus's language (clio_lang): query words split into tokens as
 * the corpus was (Lenin's: Lenin 's), and a capitalized word also finds itself with
 * the possessive suffix (Lenins). clio_query is this with no language. */
int clio_query_lang(clio_index *ix, const char *q, size_t n, const clio_lang *lang,
                    clio_hits *out, clio_error *err);

/* ---- keyword in context (kwic.c) ------------------------------------------------ */

typedef struct clio_kwic_opts {
    uint64_t width; /* context on each side: tokens, or characters (code points) */
    int by_chars;   /* 1: width counts characters, 0: tokens */
} clio_kwic_opts;

/* One concordance line: byte spans in its document's file. */
typedef struct clio_kwic_line {
    uint64_t doc;       /* 0-based */
    uint32_t sentence;  /* 0-based within the document */
    int64_t left;       /* the left context is [left, start) */
    int64_t start, end; /* the hit */
    int64_t right;      /* the right context is [end, right) */
    const char *src;    /* the file's bytes (clio_index_source), valid while ix is open */
    /* whether the source has white space between the left context and the hit, and
     * between the hit and the right context: the context texts come trimmed, and a
     * printed line keeps the source's spacing ("word," not "word ,") */
    int space_before, space_after;
} clio_kwic_line;

/* The window around hit h: o->width tokens or characters on each side, never past its
 * document. CLIO_EFORMAT with err filled when the index is damaged or does not match
 * its source file; the error of clio_index_source when the file cannot be read. */
int clio_kwic_window(clio_index *ix, const clio_hit *h, const clio_kwic_opts *o,
                     clio_kwic_line *out, clio_error *err);
/* The order of a concordance sorted by what follows its hits (side > 0) or precedes
 * them (side < 0): the folded terms of up to three tokens, nearest first; ties and
 * side 0 by position. order (room for n) gets hit indexes. */
int clio_kwic_order(clio_index *ix, const clio_hit *hits, size_t n, int side, size_t *order,
                    clio_error *err);
/* Context text as a concordance line shows it: line breaks and runs of white space as
 * one space, none at either end. out has room for n bytes; returns the length. */
size_t clio_kwic_text(const char *s, size_t n, char *out);

/* ---- statistics (stats.c) -------------------------------------------------------- */

typedef struct clio_ngram {
    uint32_t terms[5];
    uint64_t count;
} clio_ngram;

/* Counts of every n-gram (2..5) of word/number tokens not crossing punctuation, a
 * sentence or a document, with at least min occurrences, most frequent first. docs is
 * NULL for all documents or a bitmap of ndocs bytes. *out is malloc'd. */
int clio_index_ngrams(clio_index *ix, int n, uint64_t min, const unsigned char *docs,
                      clio_ngram **out, size_t *nout);

/* Term counts over the documents selected by a byte map (NULL: all); counts has
 * nterms slots; *total gets the number of tokens counted. */
int clio_index_count_terms(clio_index *ix, const unsigned char *docs, uint64_t *counts,
                           uint64_t *total);

typedef struct clio_colloc {
    uint32_t term;
    uint64_t observed, freq;
    double expected, mi, t, ll;
} clio_colloc;

/* Collocates of the hits of a node query within left/right tokens (same document and
 * sentence), word/number tokens only; scores in docs/index.md. *out is malloc'd,
 * sorted by log-likelihood. */
int clio_index_collocates(clio_index *ix, const clio_hits *node, int left, int right,
                          uint64_t min, clio_colloc **out, size_t *nout, uint64_t *window_total);

/* ---- ranked lists (rank.c) -------------------------------------------------------- */

typedef struct clio_term_count {
    uint32_t term; /* id in the index */
    uint64_t count;
} clio_term_count;

typedef struct clio_freq_opts {
    const unsigned char *docs; /* a byte per document (NULL: all) */
    unsigned kinds;            /* bit mask of 1 << CLIO_TOK_* counted */
    uint64_t min;              /* least count listed */
    const unsigned char *skip; /* a byte per term id left out (stop words), or NULL */
    size_t limit;              /* rows kept after sorting (0: all) */
} clio_freq_opts;

/* The frequency list of the documents o->docs selects: terms of the kinds counted with
 * at least o->min occurrences, most frequent first, ties in byte order of the term,
 * cut to o->limit after sorting. *out is malloc'd; *total gets the tokens counted. */
int clio_index_freq(clio_index *ix, const clio_freq_opts *o, clio_term_count **out,
                    size_t *nout, uint64_t *total);

typedef struct clio_keyword {
    uint32_t term; /* id in A, or in B when only_b */
    int only_b;    /* the term is absent from A (a reference corpus of its own) */
    uint64_t a, b; /* counts in A and B */
    double ll, log_ratio;
} clio_keyword;

/* Keyness of A's documents da against B's db (B may be A itself with other documents,
 * or another index): word and number terms with a + b >= min, by log-likelihood
 * (clio_keyness) highest first, ties in byte order, cut to limit (0: all). CLIO_EARG
 * when either side counts no token. *out is malloc'd; *na, *nb the tokens of each. */
int clio_index_keyness_list(clio_index *a, const unsigned char *da, clio_index *b,
                            const unsigned char *db, uint64_t min, size_t limit,
                            clio_keyword **out, size_t *nout, uint64_t *na, uint64_t *nb);

/* Keyness of a term with count a of na tokens in A and b of nb in B: log-likelihood
 * (negative when the term is relatively more frequent in B) and log2 ratio of the
 * relative frequencies (a zero count taken as 0.5). */
void clio_keyness(uint64_t a, uint64_t b, uint64_t na, uint64_t nb, double *ll, double *lr);


/* ---- regular expressions (regex.c): PCRE2, UTF-8, whole-term matches ------------- */

/* Longest /regex/ a query takes, in bytes. */
#define CLIO_REGEX_MAX 256
typedef struct clio_regex clio_regex;
/* Compiles re[0..n) to match whole terms, case-insensitively, in UTF-8 with Unicode
 * character classes. On failure, *at is the byte of re where it went wrong and why
 * says what; CLIO_EFORMAT. */
int clio_regex_compile(const char *re, size_t n, clio_regex **out, size_t *at, char *why,
                       size_t cap);
/* 1 when the whole of s[0..n) matches, 0 when not, -1 (why says so) when the match
 * took more than its step, depth or memory limit: a pattern that backtracks
 * exponentially is stopped, not run for hours. Invalid UTF-8 in s never matches. */
int clio_regex_match(clio_regex *r, const char *s, size_t n, char *why, size_t cap);
void clio_regex_free(clio_regex *r);

#endif
