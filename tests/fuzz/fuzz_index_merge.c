/* The segment merge on damaged segments: it must refuse, or write an index that opens
 * and verifies; never crash or read outside a file. Input: a mode byte, then a file
 * (as fuzz_index). The file becomes part 1 of 2 (its options are set to "part=1/2",
 * so the merge gets past the options check to the records) and is merged with a fixed
 * valid part 0 of 2. Mode bit 0 recomputes every checksum after that (the fuzzer then
 * reaches the records behind them), bit 1 the header's file size too.
 *
 * `fuzz_index_merge -write_seed=FILE` (any build) writes the fixed index with mode 3. */
#include <stddef.h>

#include "fixed_index.h"

static int part0 = -1, part1 = -1, out = -1;

/* The fixed corpus's first two documents as part 0 of 2. */
static int fixed_part0(void)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    clio_error_clear(&err);
    FUZZ_CHECK(c && !clio_corpus_add_memory(c, "letters.jsonl", FIXED_JSONL, sizeof FIXED_JSONL - 1, &err));
    int fd = memfd_create("clio-fuzz-part0", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    clio_index_build_opts o = {.options = "part=0/2", .some_docs = 1, .first_doc = 0, .ndocs = 2};
    FUZZ_CHECK(clio_index_build_fd(c, fd, "part0.clio", &o, &err) == 0);
    clio_corpus_free(c);
    return fd;
}

/* The header's checksum of a file whose header was changed. */
static void fix_header_sum(uint8_t *b)
{
    ix_header h;
    memcpy(&h, b, sizeof h);
    h.header_sum = 0;
    memcpy(b, &h, sizeof h);
    h.header_sum = clio_hash64(b, IX_HEADER_SIZE, 0);
    memcpy(b, &h, sizeof h);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; i++)
        if (!strncmp((*argv)[i], "-write_seed=", 12))
            fixed_index_write_seed((*argv)[i] + 12);
    part0 = fixed_part0();
    part1 = memfd_create("clio-fuzz-part1", MFD_CLOEXEC);
    out = memfd_create("clio-fuzz-merged", MFD_CLOEXEC);
    FUZZ_CHECK(part1 >= 0 && out >= 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 + IX_HEADER_SIZE)
        return 0;
    uint8_t *b = (uint8_t *)fuzz_copy(data, size);
    /* a segment's options, under the header checksum the loader recomputes */
    memset(b + 1 + IX_BUILD_OFF, 0, IX_BUILD_MAX);
    memcpy(b + 1 + IX_BUILD_OFF, "part=1/2", 8);
    if (!(b[0] & 1)) /* else the loader recomputes every checksum */
        fix_header_sum(b + 1);
    int loaded = fixed_index_load(part1, b, size);
    free(b);
    if (!loaded)
        return 0;
    char p0[64], p1[64];
    snprintf(p0, sizeof p0, "/proc/self/fd/%d", part0);
    snprintf(p1, sizeof p1, "/proc/self/fd/%d", part1);
    const char *paths[] = {p1, p0};
    clio_error err;
    clio_error_clear(&err);
    FUZZ_CHECK(ftruncate(out, 0) == 0);
    int rc = clio_index_merge_fd(paths, 2, out, "merged.clio", &err);
    if (rc) {
        FUZZ_CHECK(rc < 0 && memchr(err.message, 0, sizeof err.message) != NULL);
        return 0;
    }
    clio_index *ix = NULL;
    FUZZ_CHECK(clio_index_open_fd(out, "merged.clio", &ix, &err) == 0);
    FUZZ_CHECK(clio_index_verify(ix, &err) == 0);
    clio_index_close(ix);
    return 0;
}
