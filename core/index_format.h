/* The on-disk layout of a clio index (internal to index_build.c and index_read.c).
 *
 * Little-endian, fixed-size records aligned to 8 bytes; docs/index.md describes it.
 *
 *   [0, 4096)            header: magic, version, counts, section table, checksums
 *   [4096, checks_off)   sections, each 8-byte aligned; checked in 4 KiB blocks
 *   [checks_off, size)   u32 checksum of each 4 KiB block of the sections
 */
#ifndef CLIO_INDEX_FORMAT_H
#define CLIO_INDEX_FORMAT_H

#include <stdint.h>
#include <string.h>

#define IX_MAGIC "CLIOIDX\x1a"
#define IX_VERSION 4u
#define IX_HEADER_SIZE 4096u
/* The build options (text the caller chose, NUL-terminated) sit in the header page at
 * [IX_BUILD_OFF, IX_BUILD_OFF + IX_BUILD_MAX), under the header checksum; an index
 * written before they were recorded has zeros there. */
#define IX_BUILD_OFF 2048u
#define IX_BUILD_MAX 1024u
#define IX_BLOCK_LOG2 12u
#define IX_BLOCK_SIZE (1u << IX_BLOCK_LOG2)
#define IX_TOKENS_PER_BLOCK 128u
#define IX_WRITE_BUFFER (1u << 20) /* a multiple of IX_BLOCK_SIZE */

enum ix_section {
    IX_TOKDATA,  /* per block: varint term ids, 2-bit offset codes, escapes */
    IX_BLOCKS,   /* ix_block per block of <= 128 tokens of one document */
    IX_POSTINGS, /* per term: varint deltas of global token positions */
    IX_TERMS,    /* ix_term per id, plus one sentinel (post_off = end) */
    IX_TERMSTR,  /* the terms' bytes */
    IX_SORTED,   /* u32 ids in byte order of their terms */
    IX_DOCS,     /* ix_doc per document */
    IX_FILES,    /* ix_file per source file */
    IX_META,     /* ix_meta pairs */
    IX_STRINGS,  /* names, paths, metadata */
    IX_SENTS,    /* u32 per sentence: its first token, relative to its document */
    IX_NSECTIONS
};

typedef struct ix_section_ref {
    uint64_t off, len;
} ix_section_ref;

typedef struct ix_header {
    char magic[8];
    uint32_t version, header_size;
    uint64_t file_size;
    uint64_t checks_off;       /* u32 per block of [header_size, checks_off) */
    uint64_t ntokens, ndocs, nfiles, nblocks, nsentences, nmeta;
    uint32_t nterms, fold_flags;
    ix_section_ref sec[IX_NSECTIONS];
    uint64_t checks_sum;       /* clio_hash64 of the checksum table */
    uint64_t header_sum;       /* clio_hash64 of the 4096-byte page with this field 0 */
} ix_header;

typedef struct ix_block {
    uint64_t data_off;   /* into IX_TOKDATA */
    int64_t byte_start;  /* file offset of the block's first token */
    uint32_t codes_off;  /* the 2-bit codes start, relative to data_off */
    uint32_t ntok;
} ix_block;

/* A block's data: ntok varint term ids; then 2 bits a token (ntok/4 bytes, low bits
 * first): 0, 1, 2 = the token starts that many bytes after the previous one's end (for
 * the first, after byte_start) and is as long as its term's bytes; 3 = an escape, whose
 * varint gap and varint length follow the bits, in token order. */

typedef struct ix_term {
    uint64_t post_off;   /* into IX_POSTINGS; the next term's post_off ends it */
    uint64_t count;      /* occurrences */
    uint32_t str_off;    /* into IX_TERMSTR */
    uint16_t str_len;
    uint8_t kind, pad;
} ix_term;

typedef struct ix_doc {
    uint64_t first_token, ntokens, first_block, first_sentence;
    int64_t start, end;
    uint32_t nsentences, file;
    uint32_t name_off, name_len;   /* into IX_STRINGS */
    uint32_t meta_first, nmeta;    /* into IX_META */
} ix_doc;

typedef struct ix_file {
    uint64_t path_off, path_len;   /* into IX_STRINGS */
    int64_t size, mtime_ns;
    uint64_t checksum;
} ix_file;

typedef struct ix_meta {
    uint32_t key_off, key_len, value_off, value_len; /* into IX_STRINGS */
} ix_meta;

/* Checked raw access for the segment merge (index_merge.c), which copies sections
 * rather than decoding them: the header as read at open, and bytes [off, off+len) of
 * section id, bounds-checked and verified like every other read (NULL on damage, with
 * clio_index_error saying where). */
typedef struct clio_index clio_index;
const ix_header *ix_read_header(const clio_index *ix);
const uint8_t *ix_read_section(clio_index *ix, int id, uint64_t off, uint64_t len);
/* Lets the pages of the index file that were read leave this process's memory (they
 * stay in the page cache; a later read maps them again): a merge reads segments much
 * larger than what it keeps. */
void ix_read_release(clio_index *ix);
/* clio_index_verify, letting each 8 MiB go once verified. */
int ix_read_verify_releasing(clio_index *ix, clio_error *err);

/* ---- varints: 7 bits a byte, low first ------------------------------------------ */

static inline size_t ix_varint_put(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

static inline size_t ix_varint_len(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

/* Reads a varint from [*p, end); returns 0 at a truncated or over-long one. */
static inline int ix_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    const uint8_t *s = *p;
    uint64_t x = 0;
    for (unsigned shift = 0; shift < 64 && s < end; shift += 7) {
        uint8_t b = *s++;
        x |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *p = s;
            *v = x;
            return 1;
        }
    }
    return 0;
}

#endif
