/* A small index built in memory from a fixed text, for the query and index targets:
 * two files (JSONL with metadata, plain text), four documents. */
#ifndef CLIO_FUZZ_FIXED_INDEX_H
#define CLIO_FUZZ_FIXED_INDEX_H

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clio.h"
#include "index.h"
#include "../../core/index_format.h"
#include "fuzz.h"

static const char FIXED_JSONL[] =
    "{\"text\":\"Stalin met Trotsky in Moscow. Lenin's heirs quarrelled.\\n\\nLenins party "
    "split, and the Stalinists won. TROTSKY fled.\",\"year\":1925,\"author\":\"Wood\"}\n"
    "{\"text\":\"The United States and the Soviet Union. Trotsky wrote; Stalin read the "
    "letter.\\nUnited we stand.\",\"year\":1931,\"author\":\"Carr\"}\n"
    "{\"text\":\"In 1922 the U.S.-Soviet talks began, e.g. in Genoa; 5th of May, 1,200 "
    "delegates.\",\"year\":\"1922\",\"author\":\"E. H. Carr\"}\n";
static const char FIXED_TXT[] =
    "Bukharin wrote to Stalin about Trotsky. The Politburo met on 5 March 1926.\n\n"
    "Zinoviev and Kamenev joined Trotsky. Stalin's men won the congress vote.\n";

/* Builds the index into a memfd; returns the fd (positioned anywhere). */
static int fixed_index_fd(void)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    clio_error_clear(&err);
    if (!c || clio_corpus_add_memory(c, "letters.jsonl", FIXED_JSONL, sizeof FIXED_JSONL - 1, &err) ||
        clio_corpus_add_memory(c, "notes.txt", FIXED_TXT, sizeof FIXED_TXT - 1, &err)) {
        fprintf(stderr, "fixed corpus: %s\n", err.message);
        abort();
    }
    int fd = memfd_create("clio-fuzz-index", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    if (clio_index_build_fd(c, fd, "fuzz.clio", NULL, &err)) {
        fprintf(stderr, "fixed index: %s\n", err.message);
        abort();
    }
    clio_corpus_free(c);
    return fd;
}

/* Recomputes the block checksums, the checksum table's sum and the header sum of an
 * index file b[0..size) after a change (and, with set_size, the header's file size),
 * as far as its layout allows. */
static inline void fixed_index_fix_checksums(uint8_t *b, size_t size, int set_size)
{
    if (size < IX_HEADER_SIZE)
        return;
    ix_header h;
    memcpy(&h, b, sizeof h);
    if (set_size)
        h.file_size = size;
    if (h.checks_off >= IX_HEADER_SIZE && h.checks_off <= size) {
        uint64_t nchecks = (h.checks_off - IX_HEADER_SIZE + IX_BLOCK_SIZE - 1) >> IX_BLOCK_LOG2;
        if (nchecks * 4 <= size - h.checks_off) {
            uint8_t *checks = b + h.checks_off;
            for (uint64_t k = 0; k < nchecks; k++) {
                uint64_t s = IX_HEADER_SIZE + k * IX_BLOCK_SIZE, e = s + IX_BLOCK_SIZE;
                if (e > h.checks_off)
                    e = h.checks_off;
                uint32_t sum = (uint32_t)clio_hash64(b + s, (size_t)(e - s), s);
                memcpy(checks + 4 * k, &sum, 4);
            }
            h.checks_sum = clio_hash64(checks, (size_t)nchecks * 4, 0);
        }
    }
    h.header_sum = 0;
    memcpy(b, &h, sizeof h);
    h.header_sum = clio_hash64(b, IX_HEADER_SIZE, 0);
    memcpy(b, &h, sizeof h);
}

/* The damaged-index targets' input (fuzz_index, fuzz_index_lua): a mode byte, then the
 * file. Writes the file into fd (a memfd reused by every input: no file system, no new
 * descriptor), after fixing its checksums when mode bit 0 says so (bit 1: the header's
 * file size too). Returns 0 for an empty input. */
static inline int fixed_index_load(int fd, const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0];
    size--;
    uint8_t *b = (uint8_t *)fuzz_copy(data + 1, size);
    if (mode & 1)
        fixed_index_fix_checksums(b, size, mode & 2);
    FUZZ_CHECK(pwrite(fd, b, size, 0) == (ssize_t)size); /* pages kept, then cut */
    FUZZ_CHECK(ftruncate(fd, (off_t)size) == 0);
    free(b);
    return 1;
}

/* -write_seed=PATH: writes the fixed index as a seed input (mode byte 3, then the
 * file's bytes) and exits, for the targets whose input is a damaged index. */
static inline void fixed_index_write_seed(const char *path)
{
    int fd = fixed_index_fd();
    off_t n = lseek(fd, 0, SEEK_END);
    char *buf = malloc((size_t)n + 1);
    FUZZ_CHECK(buf != NULL);
    buf[0] = 3;
    FUZZ_CHECK(pread(fd, buf + 1, (size_t)n, 0) == n);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f && fwrite(buf, 1, (size_t)n + 1, f) == (size_t)n + 1 && fclose(f) == 0);
    free(buf);
    close(fd);
    exit(0);
}

/* Checks a hit list against the index and looks at a few of its tokens. */
static inline void fixed_check_hits(clio_index *ix, const clio_hits *h)
{
    uint64_t nt = clio_index_ntokens(ix);
    for (size_t i = 0; i < h->n; i++) {
        FUZZ_CHECK(h->v[i].pos < h->v[i].end_pos && h->v[i].end_pos <= nt);
        if (i)
            FUZZ_CHECK(h->v[i - 1].pos < h->v[i].pos ||
                       (h->v[i - 1].pos == h->v[i].pos && h->v[i - 1].end_pos < h->v[i].end_pos));
    }
}

#endif
