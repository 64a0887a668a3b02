/* clio core: reading, checking, folding, tokenizing and segmenting UTF-8 text.
 *
 * Pure C: never includes lua.h, never prints, never exits. Functions return 0 or a
 * negative CLIO_E* code; positions are 64-bit byte offsets into the original file,
 * 0-based, end exclusive. Every exported symbol starts with clio_. */
#ifndef CLIO_H
#define CLIO_H

#include <stddef.h>
#include <stdint.h>

#define CLIO_VERSION "0.1.0"

/* ---- errors ------------------------------------------------------------------- */

enum {
    CLIO_OK = 0,
    CLIO_ENOMEM = -1,   /* out of memory */
    CLIO_EIO = -2,      /* open/read/stat failed; sys_errno says why */
    CLIO_EUTF8 = -3,    /* invalid UTF-8 and repair was not asked for */
    CLIO_EFORMAT = -4,  /* a data file (metadata, rules, list) is malformed */
    CLIO_EARG = -5,     /* a caller passed something meaningless */
    CLIO_ENOTFOUND = -6, /* lookup found nothing (not always an error) */
    CLIO_EDENIED = -7    /* the sandbox's access policy refuses the path (access.h) */
};

const char *clio_strerror(int code);

/* Where and why something failed. line and column are 1-based (column counts code
 * points), offset is the 0-based byte offset; each is -1 when unknown. */
typedef struct clio_error {
    int code;
    int sys_errno;
    int64_t line, column, offset;
    char path[1024];
    char message[512];
} clio_error;

void clio_error_clear(clio_error *e);
/* Fills e (when non-NULL) and returns code, so callers can `return clio_error_set(...)`. */
int clio_error_set(clio_error *e, int code, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- growable buffers and arrays ------------------------------------------------ */

typedef struct clio_buf {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len, cap;
} clio_buf;

void clio_buf_free(clio_buf *b);
int clio_buf_reserve(clio_buf *b, size_t extra);
int clio_buf_append(clio_buf *b, const void *p, size_t n);

/* Makes room for `need` elements of `size` bytes in *v (capacity *cap). */
int clio_grow(void **v, size_t *cap, size_t need, size_t size);

typedef struct clio_span {
    int64_t start, end;
} clio_span;

/* ---- UTF-8 (utf8.c) ------------------------------------------------------------- */

enum clio_utf8_problem {
    CLIO_UTF8_VALID = 0,
    CLIO_UTF8_TRUNCATED,     /* sequence cut short by a non-continuation byte or the end */
    CLIO_UTF8_OVERLONG,      /* a longer form than needed (C0, C1, E0 80.., F0 80..) */
    CLIO_UTF8_SURROGATE,     /* U+D800..U+DFFF encoded directly */
    CLIO_UTF8_TOO_LARGE,     /* past U+10FFFF (F4 90.. and F5..FF leads) */
    CLIO_UTF8_STRAY,         /* a continuation byte with no lead */
    CLIO_UTF8_NUL            /* a NUL byte: valid UTF-8 but never text */
};

const char *clio_utf8_problem_text(int problem);

/* Decodes the sequence at s[0..n) and returns the number of bytes it covers (1..4;
 * 0 when n is 0). A valid one stores its code point in *cp (NUL is U+0000 here); an
 * invalid one stores -1 and sets *problem, covering its maximal subpart (as Unicode's
 * U+FFFD substitution does), so a caller can always step over it. */
int clio_utf8_decode(const unsigned char *s, size_t n, int32_t *cp, int *problem);

/* Encodes cp as UTF-8 into out (4 bytes room); returns its length. Surrogates and
 * values past U+10FFFF are written as U+FFFD. */
int clio_utf8_encode(int32_t cp, char *out);

typedef struct clio_utf8_report {
    int64_t bad;             /* invalid sequences, NUL bytes included */
    int64_t offset;          /* the first one: byte offset, -1 when none */
    int64_t line, column;    /* the first one: 1-based, column in code points */
    int problem;             /* the first one's clio_utf8_problem */
} clio_utf8_report;

/* Checks s[0..n) and counts problems, describing the first (offset, line and column
 * are -1 when the text is clean). ASCII runs go fast. Returns 1 when clean, else 0. */
int clio_utf8_check(const char *s, size_t n, clio_utf8_report *report);

/* ---- folding (fold.c) ----------------------------------------------------------- */

enum clio_fold_flags {
    CLIO_FOLD_CASE = 1,    /* Unicode case folding */
    CLIO_FOLD_COMPAT = 2,  /* NFKC instead of NFC: ligatures, full-width forms */
    CLIO_FOLD_MARKS = 4,   /* strip combining marks: diacritic-insensitive */
    CLIO_FOLD_PUNCT = 8    /* curly/straight quotes, apostrophes and dashes unified */
};
#define CLIO_FOLD_DEFAULT (CLIO_FOLD_CASE | CLIO_FOLD_COMPAT | CLIO_FOLD_PUNCT)

/* Appends the folded form of s[0..n) to out. Invalid sequences fold to U+FFFD.
 * flags == 0 means NFC only. */
int clio_fold(const char *s, size_t n, unsigned flags, clio_buf *out);

/* ---- vocabulary (vocab.c): interned folded terms -------------------------------- */

typedef struct clio_vocab clio_vocab;

clio_vocab *clio_vocab_new(void);
void clio_vocab_free(clio_vocab *v);
/* Id of the term s[0..n), adding it when new. Ids are dense, from 0, in order of
 * first appearance. Returns 0, CLIO_ENOMEM, or CLIO_EARG for a term over 4 GiB. */
int clio_vocab_intern(clio_vocab *v, const char *s, size_t n, uint32_t *id);
/* Returns 0 and the id, or CLIO_ENOTFOUND. */
int clio_vocab_find(const clio_vocab *v, const char *s, size_t n, uint32_t *id);
/* The term's bytes (NUL-terminated, valid as long as the vocabulary), or NULL for an
 * unknown id. */
const char *clio_vocab_term(const clio_vocab *v, uint32_t id, size_t *len);
uint32_t clio_vocab_size(const clio_vocab *v);

/* ---- cleaning rules (clean.c): scraping artifacts become gaps ------------------- */

typedef struct clio_gap {
    int64_t start, end;
    uint32_t rule; /* index into the rule set, for clio_clean_rule_name */
    uint32_t sub;  /* CLIO_GAP_SUBST only: offset of its replacement in clio_gaps.subs */
} clio_gap;

/* Gaps that no cleaning rule found carry one of these in `rule`: markup of a structured
 * input (an XML tag, a JSON escape) and, for a BREAK, markup that also ends a paragraph
 * (a block element in TEI, "\n\n" in a JSON string), as a blank line would. */
#define CLIO_GAP_MARKUP UINT32_MAX
#define CLIO_GAP_BREAK (UINT32_MAX - 1)
/* A SUBST gap is a reference that stands for text (an XML character or entity
 * reference): tokens, sentences and cited text read its replacement (NUL-terminated
 * UTF-8 at clio_gaps.subs.data + sub) in place of its bytes. Plain text has none, and
 * a substitution never merges with a neighbouring gap. */
#define CLIO_GAP_SUBST (UINT32_MAX - 2)
/* Gaps of a structured input's markup, not of a cleaning rule. */
#define CLIO_GAP_IS_MARKUP(rule) ((rule) >= CLIO_GAP_SUBST)

typedef struct clio_gaps {
    clio_gap *v;
    size_t n, cap;
    clio_buf subs; /* replacements of the SUBST gaps; empty for plain text */
} clio_gaps;

/* The replacement of SUBST gap g of gs ("" for any other gap). */
static inline const char *clio_gap_sub(const clio_gaps *gs, const clio_gap *g)
{
    return g->rule == CLIO_GAP_SUBST && gs->subs.data ? gs->subs.data + g->sub : "";
}

typedef struct clio_clean_rules clio_clean_rules;

/* Parses a rules file (format in docs/cleaning.md). `name` is used in errors. */
int clio_clean_rules_parse(const char *src, size_t n, const char *name,
                           clio_clean_rules **out, clio_error *err);
void clio_clean_rules_free(clio_clean_rules *r);
size_t clio_clean_rules_count(const clio_clean_rules *r);
const char *clio_clean_rule_name(const clio_clean_rules *r, uint32_t rule);

/* The gap of g (sorted, not overlapping) with start < pos < end, found by bisection
 * (TEI has a gap per tag), or NULL. */
const clio_gap *clio_gaps_inside(const clio_gaps *g, int64_t pos);

/* Appends the gaps of text[start..end) to out, sorted and not overlapping.
 * text is the whole file; offsets are file offsets. */
int clio_clean_find(const clio_clean_rules *r, const char *text, int64_t start, int64_t end,
                    clio_gaps *out);

/* ---- tokens (token.c) ----------------------------------------------------------- */

enum clio_token_kind {
    CLIO_TOK_WORD = 1,   /* letters, marks, digits; internal ' and - ; dotted abbreviations */
    CLIO_TOK_NUMBER,     /* digits with internal , . : ; 1920's and 5th too */
    CLIO_TOK_CLITIC,     /* a possessive or clitic split from its word: 's ’s ?s s' n't ... */
    CLIO_TOK_PUNCT,      /* one punctuation mark; ... and … are one token */
    CLIO_TOK_SYMBOL      /* anything else visible: $ % & + = emoji */
};

/* The length of the character at text[0..len) when the tokenizer reads it as one of
 * `want` (a word character: a letter, mark or digit, an invalid sequence reading as a
 * letter; or an upper- or title-case letter), else 0. Grammars that match bytes ask it
 * where a word ends ("1927" ends before "–", "»", "—") and whether a name starts. */
enum clio_char_class { CLIO_CHAR_WORD, CLIO_CHAR_UPPER };
size_t clio_class_char_len(const char *text, size_t len, enum clio_char_class want);

enum clio_token_flags {
    CLIO_TF_CAPITALIZED = 1, /* first letter upper or title case */
    CLIO_TF_ALLCAPS = 2,     /* two or more letters, all upper case */
    CLIO_TF_ABBREV = 4,      /* dotted form such as U.S.S.R. or e.g. (dot included) */
    CLIO_TF_ORDINAL = 8,     /* 5th, 21st */
    CLIO_TF_REPAIRED = 16,   /* contains an invalid sequence read as U+FFFD */
    CLIO_TF_NEWLINE = 32,    /* a line break stands between this token and the previous */
    CLIO_TF_PARAGRAPH = 64   /* a blank line stands between this token and the previous */
};

typedef struct clio_token {
    int64_t start;  /* file offset */
    uint32_t len;   /* bytes in the original */
    uint32_t term;  /* folded form, an id in the corpus vocabulary */
    uint8_t kind, flags;
} clio_token;

typedef struct clio_tokens {
    clio_token *v;
    size_t n, cap;
} clio_tokens;

/* A case-insensitive set of words (segment.c): abbreviations, sentence openers, function
 * words. Lookups ignore case (Unicode case folding) and one final dot. */
typedef struct clio_wordset clio_wordset;

/* One word per line, with or without a final dot ("Mr.", "e.g."); '#' starts a
 * comment. A line holding a space is an error naming the line. */
int clio_wordset_parse(const char *src, size_t n, const char *name, clio_wordset **out,
                       clio_error *err);
void clio_wordset_free(clio_wordset *a);
int clio_wordset_has(const clio_wordset *a, const char *word, size_t n);

/* What the core knows of a language: the word lists of a language profile
 * (data/lang/<code>/words.lua, docs/tokens.md) that the bindings hand down. The core
 * holds no word list of its own: a NULL set turns its rule off. Borrowed. */
typedef struct clio_lang {
    /* token.c: a hyphen before one of these, ending the word, is a dash (States-that) */
    const clio_wordset *function_words;
    /* token.c: elided words split before an apostrophe (l, d, qu: l'annee -> l' annee) */
    const clio_wordset *clitics_leading;
    /* token.c: endings split after an apostrophe (s: Lenin's -> Lenin 's); with "s" also
     * the plural possessive (Soviets') and the lost apostrophe (Stalin?s) */
    const clio_wordset *clitics_trailing;
    /* token.c: letters that make digits an ordinal (th: 5th) */
    const clio_wordset *ordinal_suffixes;
    /* segment.c: a period after one does not end a sentence */
    const clio_wordset *abbreviations;
    /* segment.c: capitalized words that end a sentence after an abbreviation */
    const clio_wordset *sentence_openers;
    /* query.c: a capitalized term also matches itself + this suffix (Lenins); NULL: no */
    const char *possessive_suffix;
    /* segment.c: the hard length cap of a sentence, in tokens and in bytes from its
     * first token's start to its last token's end; 0 takes the default below. */
    uint32_t sentence_max_tokens, sentence_max_bytes;
} clio_lang;

/* A sentence that runs past the cap (a 200 MB line without a full stop, a table of
 * numbers) is cut into windows of at most this many tokens and bytes, so that every
 * grammar and every consumer of sentences works on bounded pieces. */
#define CLIO_SENTENCE_MAX_TOKENS 1000u
#define CLIO_SENTENCE_MAX_BYTES 65536u
/* The largest cap a language profile may set (segment.c cuts pieces of a streamed
 * document well past it). */
#define CLIO_SENTENCE_CAP_LIMIT (16u << 20)

/* Tokenizes text[start..end) (text is the whole file, offsets are file offsets),
 * skipping the gaps (sorted), appending tokens to out and interning their folded
 * forms (clio_fold with fold_flags) into vocab. Invalid UTF-8 is read as U+FFFD.
 * lang may be NULL: no clitics, ordinals or dash words. */
int clio_tokenize(const char *text, int64_t start, int64_t end, const clio_gaps *gaps,
                  unsigned fold_flags, const clio_lang *lang, clio_vocab *vocab,
                  clio_tokens *out);

/* ---- sentences (segment.c) ------------------------------------------------------ */

enum clio_sentence_flags {
    CLIO_SF_CUT = 1 /* ended by the length cap, not by a terminal or a paragraph break */
};

typedef struct clio_sentence {
    int64_t start, end;          /* from its first token's start to its last token's end */
    uint32_t first_token, ntokens;
    uint32_t flags;              /* clio_sentence_flags */
} clio_sentence;

typedef struct clio_sentences {
    clio_sentence *v;
    size_t n, cap;
} clio_sentences;

/* Splits the tokens of one document into sentences, appending to out. text is the
 * whole file (for the bytes between tokens); gaps are the document's gaps, across
 * which a sentence continues. lang (abbreviations, sentence openers, the length cap)
 * may be NULL. A sentence longer than the cap is cut where the next token would pass
 * it and flagged CLIO_SF_CUT; the count restarts there, so the windows are the same
 * whichever window a caller starts splitting from. */
int clio_sentences_split(const char *text, const clio_token *tokens, size_t ntokens,
                         const clio_gaps *gaps, const clio_lang *lang,
                         clio_sentences *out);

/* ---- names (names.c): what a finder of names reads of a document --------------- */

/* How a word that is capitalized somewhere in a document is written in the whole of it. */
typedef struct clio_case_count {
    uint32_t term;    /* its folded form's id */
    uint32_t lower;   /* word tokens of it not capitalized */
    uint32_t cap_mid; /* capitalized, not at a sentence start */
} clio_case_count;

enum { CLIO_NAMES_KEPT = 1, CLIO_NAMES_FIRST = 2 };

/* Marks in keep[n] the tokens within `margin` tokens of a capitalized word
 * (CLIO_NAMES_KEPT) and the sentence starts (CLIO_NAMES_FIRST; the first token always is
 * one). Returns the number of word tokens kept: room enough for clio_names_counts. */
size_t clio_names_windows(const clio_token *t, size_t n, const clio_sentence *s, size_t ns,
                          size_t margin, unsigned char *keep);

/* Fills counts (room entries) with the case counts, over the whole document, of the
 * distinct words kept by clio_names_windows, sorted by term id. Returns their number. */
size_t clio_names_counts(const clio_token *t, size_t n, const unsigned char *keep,
                         clio_case_count *counts, size_t room);

/* ---- metadata tables (table.c): CSV/TSV sidecars --------------------------------- */

typedef struct clio_table {
    size_t ncols, nrows;
    char **cells; /* nrows+1 rows of ncols (row 0 is the header), NUL-terminated */
} clio_table;

/* Parses CSV (RFC 4180 quoting) or, when sep is '\t', TSV. Errors name line and offset. */
int clio_table_parse(const char *src, size_t n, char sep, const char *name, clio_table *out,
                     clio_error *err);
void clio_table_free(clio_table *t);
/* Column index of a header name, or -1. */
long clio_table_column(const clio_table *t, const char *name);
static inline const char *clio_table_cell(const clio_table *t, size_t row, size_t col)
{
    return t->cells[(row + 1) * t->ncols + col];
}

/* ---- input formats (format_*.c): documents inside structured files -------------- */

typedef struct clio_meta {
    const char *key, *value;
} clio_meta;

/* An edition's own markup that analyses may use (TEI): an element's content range in
 * the file (from the end of its start tag to the start of its end tag) and a value
 * (an attribute such as date/@when or persName/@ref, a note's text, an entity's name),
 * NUL-terminated at clio_marks.text.data + value. */
enum clio_mark_kind {
    CLIO_MARK_NOTE = 1, /* <note>: kept out of the narrative; value: its text */
    CLIO_MARK_DATE,      /* <date>: @when, else @from, else @notBefore ("" when none) */
    CLIO_MARK_PERSNAME,  /* <persName>, <placeName>, <orgName>: @ref, else @key */
    CLIO_MARK_PLACENAME,
    CLIO_MARK_ORGNAME,
    CLIO_MARK_ENTITY,    /* a reference to an entity declared nowhere clio reads; value:
                            its name. Its bytes are a plain gap. */
    CLIO_MARK_HEADER     /* a <teiHeader> inside the document: kept out of the narrative */
};
typedef struct clio_mark {
    int64_t start, end;
    uint32_t kind, value;
} clio_mark;
typedef struct clio_marks {
    clio_mark *v; /* in order of their start tags */
    size_t n, cap;
    clio_buf text;
} clio_marks;
/* "note", "date", "persName", "placeName", "orgName", "entity", "header"; NULL if none. */
const char *clio_mark_kind_name(uint32_t kind);

/* What a format reader hands the corpus: documents as ranges of the file, with their
 * markup gaps, marks (may be NULL) and metadata (all copied by the corpus). */
typedef struct clio_format_sink clio_format_sink;
int clio_format_add_doc(clio_format_sink *sink, int64_t start, int64_t end,
                        const clio_gaps *markup, const clio_marks *marks,
                        const clio_meta *meta, size_t nmeta);

/* Each reader cuts bytes[0..size) into documents, or fails naming line and offset.
 * TEI: the <text> element, tags as gaps, metadata from <teiHeader>. Rows: a CSV/TSV
 * file with a `text` column (or text_column), one document per row, the other
 * columns as metadata. JSONL: one object per line, its "text" string (escapes as
 * gaps), other string and number fields as metadata. */
int clio_format_tei(const char *bytes, int64_t size, const char *path, clio_format_sink *sink,
                    clio_error *err);
int clio_format_rows(const char *bytes, int64_t size, char sep, const char *text_column,
                     const char *path, clio_format_sink *sink, clio_error *err);
int clio_format_jsonl(const char *bytes, int64_t size, const char *text_field, const char *path,
                      clio_format_sink *sink, clio_error *err);

/* ---- corpus (corpus.c): files, documents, metadata ------------------------------ */

enum clio_split {
    CLIO_SPLIT_NONE = 0,   /* one document per file */
    CLIO_SPLIT_LINES,      /* one per non-empty line */
    CLIO_SPLIT_BLANK,      /* one per block of lines separated by blank lines */
    CLIO_SPLIT_SEPARATOR   /* pieces between lines equal to a separator string */
};

typedef struct clio_corpus_opts {
    int repair;                      /* read invalid UTF-8 as U+FFFD instead of refusing */
    int split;                       /* enum clio_split */
    const char *separator;           /* for CLIO_SPLIT_SEPARATOR */
    const char *text_field;          /* CSV/TSV column or JSONL field of the text; "text" */
    unsigned fold_flags;             /* 0 means CLIO_FOLD_DEFAULT */
    const clio_clean_rules *rules;   /* may be NULL; borrowed, must outlive the corpus */
    const clio_lang *lang;           /* may be NULL; borrowed, must outlive the corpus */
    int follow_symlinks;             /* in folders, follow links to folders outside them */
    const char *encoding;            /* NULL or a UTF-8 name: UTF-8; else an iconv name
                                        (latin1, cp1252, koi8-r ...) read into UTF-8 */
    int skip_bad;                    /* leave refused files out (listed) instead of failing */
} clio_corpus_opts;

/* A file a corpus read: what every document cut from it shares. */
typedef struct clio_file {
    const char *path;  /* the path as given / found */
    const char *name;  /* relative to the directory given, or the file name */
    const char *bytes; /* the whole file; offsets index into this */
    int64_t size;      /* of the whole file */
    /* the file's mtime when it was read; -1: not a regular file; 0: written within 2 s
     * of the read, too recent to vouch for what was read */
    int64_t mtime_ns;
    int mapped;        /* bytes are a read-only mapping of the file */
} clio_file;

/* What only some documents hold, allocated when there is something to hold and freed
 * when there is nothing left: markup and marks (set when a structured file is read),
 * gaps (found by analysing or scanning, kept while not empty), tokens and sentences
 * (kept by clio_corpus_analyze until clio_corpus_forget). Read it through
 * clio_doc_parts(), which gives empty parts for a document that has none. */
typedef struct clio_parts {
    /* markup that is not text (XML tags, JSON escapes, CSV quote doubling), set when
     * the file is read; gaps include it once the document is analysed or scanned */
    clio_gaps markup;
    clio_marks marks; /* the edition's markup (TEI), set when the file is read */
    clio_gaps gaps;
    clio_tokens tokens;
    clio_sentences sentences;
} clio_parts;

/* A document's metadata: n pairs, in the order they were first set. */
typedef struct clio_meta_set {
    size_t n;
    clio_meta v[];
} clio_meta_set;

/* A document: 64 bytes, the same for each of millions of paragraphs; what only some
 * documents need lives in its file record, its parts and its metadata set. */
typedef struct clio_doc {
    const clio_file *file;
    int64_t start, end;   /* this document's range in the file (after any BOM) */
    int64_t repaired;     /* invalid sequences read as U+FFFD */
    /* file offset of the first place where a sentence was cut by the length cap
     * (clio_sentences_split), -1 when none was met; set by analysing and scanning */
    int64_t sentence_cut;
    clio_meta_set *meta;  /* NULL when none */
    clio_parts *parts;    /* NULL when none; see clio_doc_parts */
    /* its name: the file's name when 0, else "NAME#number" (clio_doc_name) */
    uint64_t number : 48;
    uint64_t analyzed : 1;   /* tokens and sentences kept (clio_corpus_analyze) */
    uint64_t gaps_found : 1; /* gaps (with markup) found, once, by analysing or scanning */
} clio_doc;

/* The parts of d, or empty ones (never NULL). */
extern const clio_parts clio_no_parts;
static inline const clio_parts *clio_doc_parts(const clio_doc *d)
{
    return d->parts ? d->parts : &clio_no_parts;
}
static inline size_t clio_doc_nmeta(const clio_doc *d) { return d->meta ? d->meta->n : 0; }

/* Room for any document name clio_doc_name writes. */
#define CLIO_DOC_NAME_MAX 1200
/* d's name: its file's name (relative to the directory given, or the file name), or
 * for one piece of a file cut into many "NAME#N" (N from 1, at most
 * CLIO_DOC_NAME_MAX - 1 bytes), written to buf. */
const char *clio_doc_name(const clio_doc *d, char buf[CLIO_DOC_NAME_MAX]);

typedef struct clio_corpus clio_corpus;

struct stat;
/* A file's mtime in nanoseconds, or 0 when it was written less than 2 s ago: another
 * write in the same clock tick (coarse on some file systems, 2 s on FAT) could keep
 * size and mtime, so such a file is not vouched for (an index compares its contents;
 * the compiled-chunk cache skips it). */
int64_t clio_settled_mtime(const struct stat *st);

/* Read-only mappings of files, named so that a fatal signal can say which file was cut
 * short under a reader (core/mapguard.c). clio_map_file returns MAP_FAILED (errno set)
 * on failure or for size 0; clio_mapped_path_of is async-signal-safe. */
void *clio_map_file(int fd, size_t size, const char *path);
void clio_unmap_file(void *base, size_t size);
const char *clio_mapped_path_of(const void *addr);
/* Temporary files being written, removed by clio_temp_unlink_all (async-signal-safe)
 * when a fatal signal ends the run before their writer can. */
int clio_temp_register(const char *path);
void clio_temp_forget(const char *path);
void clio_temp_unlink_all(void);
/* Removes PATH.tmp-PID and PATH.tmp-PID-N files whose process is gone (a killed run's). */
void clio_temp_remove_stale(const char *path);

/* ---- legacy encodings (encoding.c) ------------------------------------------------ */

/* 1 for NULL, "" and UTF-8 in any spelling. */
int clio_encoding_is_utf8(const char *name);
/* 0 when iconv knows the encoding, CLIO_EARG when not. */
int clio_encoding_check(const char *name);
/* Reads n bytes in encoding `name` into a malloc'd UTF-8 copy. CLIO_EFORMAT with
 * *bad_at the byte offset of the first byte the encoding has no character for. */
int clio_encoding_decode(const char *name, const char *in, size_t n, char **out,
                         size_t *out_len, int64_t *bad_at);

/* ---- input kinds (input_kind.c) -------------------------------------------------- */

typedef enum clio_file_kind {
    CLIO_KIND_TEXT, /* plain text, TEI/XML, JSONL: read */
    CLIO_KIND_PDF,
    CLIO_KIND_DOCX,
    CLIO_KIND_DOC,
    CLIO_KIND_ODT,
    CLIO_KIND_RTF,
    CLIO_KIND_HTML,
    CLIO_KIND_EPUB,
    CLIO_KIND_ZIP,
    CLIO_KIND_TABLE, /* CSV/TSV: read when named, a metadata sidecar in a folder */
    CLIO_KIND_OTHER
} clio_file_kind;

/* The kind a folder walk gives a file by its name alone (extensions in any case). */
clio_file_kind clio_kind_of_name(const char *name);
/* The kind of a file named directly, by its first bytes, then its name. */
clio_file_kind clio_kind_of_bytes(const char *name, const char *bytes, size_t n);
const char *clio_kind_label(clio_file_kind k);
/* The command that turns a file of that kind into text (FILE stands for it), or NULL. */
const char *clio_kind_convert(clio_file_kind k);

/* A file a corpus left out: passed over by a folder walk (its kind is not text), or
 * refused (message says why, with its position). */
typedef struct clio_input_note {
    const char *path;
    clio_file_kind kind;
    int code;            /* 0 for a file passed over; the CLIO_E* code of a refusal */
    int64_t line, column, offset;
    const char *message; /* NULL for a file passed over */
} clio_input_note;

/* Files folder walks passed over because they are not text, in walk order. */
size_t clio_corpus_nnot_text(const clio_corpus *c);
const clio_input_note *clio_corpus_not_text(const clio_corpus *c, size_t i);
/* Files refused (invalid UTF-8, a bad legacy encoding, a binary document, a malformed
 * data file): all of them, whether or not skip_bad left them out and went on. */
size_t clio_corpus_nrefused(const clio_corpus *c);
const clio_input_note *clio_corpus_refused(const clio_corpus *c, size_t i);

clio_corpus *clio_corpus_new(const clio_corpus_opts *opts);
void clio_corpus_free(clio_corpus *c);

/* Adds a file, or every *.txt under a directory (recursively, sorted by path).
 * Invalid UTF-8 without repair fails with CLIO_EUTF8 and err naming the place. */
int clio_corpus_add_path(clio_corpus *c, const char *path, clio_error *err);
/* Adds everything readable from fd (e.g. stdin) as the file `name`. */
int clio_corpus_add_fd(clio_corpus *c, int fd, const char *name, clio_error *err);
/* Adds a copy of data[0..n) as the file `name`. */
int clio_corpus_add_memory(clio_corpus *c, const char *name, const char *data, size_t n,
                           clio_error *err);
/* Reads a CSV/TSV sidecar whose `file` column names documents (by name, path or base
 * name) and attaches its other columns as metadata. Rows naming no document fail. */
int clio_corpus_load_metadata(clio_corpus *c, const char *path, clio_error *err);

/* The files a folder contributes to a corpus (*.txt, *.xml, *.tei, *.jsonl, *.ndjson
 * below it, sorted, symlink loops walked once), as clio_corpus_add_path would read
 * them: *paths (each and the array malloc'd; the caller frees) and *n. A symlink to a
 * folder outside dir is not followed unless follow_symlinks. */
int clio_folder_files(const char *dir, int follow_symlinks, char ***paths, size_t *n,
                      clio_error *err);
/* Symlinks to folders outside a corpus folder that adding it did not follow. */
size_t clio_corpus_nskipped(const clio_corpus *c);
const char *clio_corpus_skipped(const clio_corpus *c, size_t i);

size_t clio_corpus_ndocs(const clio_corpus *c);
/* 1 when no two documents can have the same name: the files' names differ and none
 * holds a '#', so a "NAME#N" is one piece of one file. 0 when two might (compare them);
 * CLIO_ENOMEM. */
int clio_corpus_names_distinct(const clio_corpus *c);
clio_doc *clio_corpus_doc(clio_corpus *c, size_t i);

/* Finds documents from where records cite them (core/doc_find.c): one entry per run
 * of a file's documents, not per document. Built over the corpus as it is (a corpus
 * that grows after needs a new one); NULL when out of memory. */
typedef struct clio_doc_finder clio_doc_finder;
clio_doc_finder *clio_doc_finder_new(clio_corpus *c);
void clio_doc_finder_free(clio_doc_finder *f);
/* The documents the finder knows (the corpus's when it was built). */
size_t clio_doc_finder_ndocs(const clio_doc_finder *f);
/* The document (0-based, in *index) of the file at path holding byte offset at (an
 * empty document holds its start): 0, or CLIO_ENOTFOUND. *path_known (may be NULL):
 * whether a file of the corpus has that path at all. */
int clio_doc_finder_at(const clio_doc_finder *f, const char *path, int64_t at, size_t *index,
                       int *path_known);
/* The first document (in *index) named name (clio_doc_name: "NAME" for a file's only
 * document, "NAME#N" for its piece N), or with by_path, named so with the file's path
 * in place of its name: 0, or CLIO_ENOTFOUND. */
int clio_doc_finder_named(const clio_doc_finder *f, const char *name, int by_path, size_t *index);
clio_vocab *clio_corpus_vocab(clio_corpus *c);
/* Finds gaps, tokens and sentences of document i, once, and keeps them. */
int clio_corpus_analyze(clio_corpus *c, size_t i);
/* Frees document i's kept tokens and sentences (a long run that has done with a
 * document keeps memory flat); analysing it again gives the same. */
int clio_corpus_forget(clio_corpus *c, size_t i);

/* Receives a piece of a document: tokens and whole sentences (first_token indexes t).
 * A non-zero return stops the scan and is returned by clio_corpus_scan. */
typedef int (*clio_scan_fn)(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                            const clio_sentence *s, size_t ns);

/* Streams document i through fn in pieces of about a megabyte, keeping nothing but
 * the gaps: memory stays small however large the document (a line without a break is
 * cut between tokens; sentences are capped, so none runs on past a piece). Results equal those of
 * clio_corpus_analyze; an analysed document is handed over in one piece. */
int clio_corpus_scan(clio_corpus *c, size_t i, clio_scan_fn fn, void *ctx);
const char *clio_doc_meta(const clio_doc *d, const char *key);

/* Appends the text of d's bytes [start, end) as cited (core/cite.c): its markup left
 * out (a block boundary reads as a space between words), every substitution read as
 * the text it stands for, cleaning gaps kept as written. Plain text: the bytes. */
int clio_doc_cite(const clio_doc *d, int64_t start, int64_t end, clio_buf *out);
/* Appends d's bytes [start, end) with the same length and offsets, its markup as spaces
 * and each reference as its text where that fits (else spaces), beside the text it
 * touches, the rest spaces: for
 * grammars that run on raw text and report file offsets (dates), so that tags,
 * attributes and the ';' of a reference are never read as text. Plain text: its bytes. */
int clio_doc_view(const clio_doc *d, int64_t start, int64_t end, clio_buf *out);
/* Appends the cited text of token i of d's tokens t[0..n): its span cited, except
 * that each of the words of one reference (&name; for "Joseph Stalin", which share
 * the reference's bytes out) gets its own word. */
int clio_token_cite(const clio_doc *d, const clio_token *t, size_t n, size_t i, clio_buf *out);

/* ---- candidate sentences (termset.c) ------------------------------------------------- */

typedef struct clio_candidate {
    int64_t start, end;
    /* 0-based number of its (first) sentence in the document, where a sentence cut by
     * the length cap counts two: the window after a cut is no neighbour, so a caller
     * joining consecutive numbers never joins across a cut */
    int64_t sentence;
} clio_candidate;

typedef struct clio_candidates {
    clio_candidate *v;
    size_t n, cap;
} clio_candidates;

/* The folded words that may start a match of a grammar (dates, names). */
typedef struct clio_termset clio_termset;

int clio_termset_new(const char *const *words, const size_t *lens, size_t n,
                     clio_termset **out);
/* A set whose hits are its words only: a number, or a word's part starting with a
 * digit, is a hit only when it is in the set. */
int clio_termset_new_words(const char *const *words, const size_t *lens, size_t n,
                           clio_termset **out);
void clio_termset_free(clio_termset *s);
/* 1 when the token is a number, a word of the set, or a word with a part (split at inner
 * punctuation) in the set or starting with a digit (a set of words only: a token whose
 * term or one of whose parts is in the set); 0 when not; -1 out of memory.
 * Remembers the class of each term id of `vocab`. */
int clio_termset_hit(clio_termset *s, const clio_vocab *vocab, const clio_token *t);
/* Appends the spans of document i's sentences that hold a hit, neighbours joined when
 * merge is set. Streams a document not yet analysed, keeping nothing of it. */
int clio_corpus_candidates(clio_corpus *c, size_t i, clio_termset *set, int merge,
                           clio_candidates *out);
/* The same over one block of document i: from `start` (the document's start, or where
 * the previous block ended) to the first paragraph break past start + bytes, numbering
 * sentences from *sentence (0 for the first block; neighbours are joined within a
 * block only). *next gets where the next block starts (the document's end when done),
 * *sentence the number after the block's last sentence. Lets a caller hand the first
 * candidates on before the whole of a large document was read. */
int clio_corpus_candidate_block(clio_corpus *c, size_t i, clio_termset *set, int merge,
                                int64_t start, int64_t bytes, int64_t *sentence,
                                int64_t *next, clio_candidates *out);

/* ---- totals (count.c) --------------------------------------------------------------- */

typedef struct clio_totals {
    int64_t tokens, words, sentences;
    int64_t *freq; /* per corpus term id, of the token kinds asked for; caller frees */
    size_t nfreq;  /* entries in freq; ids past it count 0 */
} clio_totals;

/* The term ids t < n of vocabulary v with freq[t] >= min and > 0, most frequent first,
 * ties in byte order of the term (core/rank.c): written to out (room for n); returns
 * how many. */
size_t clio_vocab_rank(const clio_vocab *v, const int64_t *freq, size_t n, int64_t min,
                       uint32_t *out);

/* Counts tokens, words (words and numbers), sentences and, when kinds (a mask of
 * 1 << CLIO_TOK_*) is non-zero, term frequencies over the whole corpus, with `threads`
 * threads (0: one per core). Documents not analysed are streamed in bounded memory;
 * their terms join the corpus vocabulary in merge order. */
int clio_corpus_totals(clio_corpus *c, unsigned kinds, int threads, clio_totals *out);
/* The same for document i alone (no frequencies), streamed unless it is analysed. */
int clio_corpus_doc_totals(clio_corpus *c, size_t i, clio_totals *out);

/* Where a range of document d may end near `at`: just after the next blank line
 * outside a gap (a sentence always ends there), or d->end when there is none. */
int64_t clio_doc_paragraph_after(const clio_doc *d, int64_t at);
/* Finds document i's gaps (cleaning) without tokenizing; scan_range needs them. */
int clio_corpus_find_gaps(clio_corpus *c, size_t i);
/* Like clio_corpus_scan over [start, end) of document i (start at a line start,
 * best after a blank line, where a sentence always ends), interning terms into vocab
 * and writing nothing in the corpus: threads with their own vocabularies may scan
 * disjoint ranges at once, once the gaps were found. */
int clio_corpus_scan_range(clio_corpus *c, size_t i, int64_t start, int64_t end,
                           clio_vocab *vocab, clio_scan_fn fn, void *ctx);
/* Lets the pages of [start, end) of a mapped file leave the process's memory (they
 * stay in the page cache and come back when read again). A no-op for copied text. */
int clio_corpus_release_pages(clio_corpus *c, size_t i, int64_t start, int64_t end);

#endif
