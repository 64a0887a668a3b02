/* The query language: clio_query parses and evaluates any string over a small fixed
 * index (fixed_index.h), then the hits feed KWIC tokens, sentences and collocates.
 * Invariants: success or CLIO_EFORMAT with an offset inside the query; hits sorted,
 * without duplicates, inside the corpus and inside one document. */
#include "fixed_index.h"

static clio_index *ix;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    int fd = fixed_index_fd();
    clio_error err;
    if (clio_index_open_fd(fd, "fuzz.clio", &ix, &err)) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    close(fd);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *q = fuzz_copy(data, size);
    clio_hits h = {0};
    clio_error err;
    clio_error_clear(&err);
    int rc = clio_query(ix, q, size, &h, &err);
    if (rc) {
        FUZZ_CHECK(rc == CLIO_EFORMAT || rc == CLIO_EARG);
        FUZZ_CHECK(err.offset >= -1 && err.offset <= (int64_t)size);
        FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) != NULL);
    } else {
        fixed_check_hits(ix, &h);
        for (size_t i = 0; i < h.n && i < 8; i++) {
            uint64_t d = clio_index_doc_of(ix, h.v[i].pos);
            clio_index_doc info;
            FUZZ_CHECK(clio_index_doc_info(ix, d, &info) == 0);
            FUZZ_CHECK(h.v[i].pos >= info.first_token &&
                       h.v[i].end_pos <= info.first_token + info.ntokens);
            clio_index_token t[16];
            size_t n = (size_t)(h.v[i].end_pos - h.v[i].pos);
            FUZZ_CHECK(clio_index_tokens(ix, h.v[i].pos, n < 16 ? n : 16, t) == 0);
            uint32_t s;
            uint64_t first, end;
            FUZZ_CHECK(clio_index_sentence_of(ix, h.v[i].pos, &s, &first, &end) == 0);
            FUZZ_CHECK(first <= h.v[i].pos && h.v[i].pos < end);
        }
        if (h.n) {
            clio_colloc *co = NULL;
            size_t nco = 0;
            uint64_t total = 0;
            FUZZ_CHECK(clio_index_collocates(ix, &h, 3, 3, 1, &co, &nco, &total) == 0);
            free(co);
        }
    }
    free(h.v);
    free(q);
    return 0;
}
