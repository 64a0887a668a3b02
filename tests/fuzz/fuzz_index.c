/* The index reader on damaged index files: it must refuse, never crash or read
 * outside the file. Input: a mode byte, then the file. Mode bit 0 recomputes the
 * block checksums, the checksum table's sum and the header sum after the mutation (so
 * the fuzzer reaches the records behind the checksums); bit 1 also sets the header's
 * file size to the input's. Then every reader call runs over what opened, each bounded.
 *
 * `fuzz_index -write_seed=FILE` (any build) writes the fixed valid index with mode 3. */
#include <stddef.h>

#include "fixed_index.h"

static int memfd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; i++)
        if (!strncmp((*argv)[i], "-write_seed=", 12))
            fixed_index_write_seed((*argv)[i] + 12);
    memfd = memfd_create("clio-fuzz-damaged", MFD_CLOEXEC);
    FUZZ_CHECK(memfd >= 0);
    return 0;
}

static void exercise(clio_index *ix)
{
    clio_error err;
    clio_index_verify(ix, &err); /* a failure here leaves the lazy checks to refuse */
    FUZZ_CHECK(clio_index_error(ix) != NULL);
    uint64_t nd = clio_index_ndocs(ix), nt = clio_index_ntokens(ix);
    uint32_t nterms = clio_index_nterms(ix);
    (void)clio_index_nfiles(ix);
    (void)clio_index_fold_flags(ix);
    static clio_index_token toks[256];
    for (uint64_t d = 0; d < nd && d < 32; d++) {
        clio_index_doc info;
        if (clio_index_doc_info(ix, d, &info))
            continue;
        for (uint32_t k = 0; k < info.nmeta && k < 8; k++) {
            const char *key, *value;
            size_t kl, vl;
            clio_index_doc_meta(ix, d, k, &key, &kl, &value, &vl);
        }
        char buf[64];
        clio_index_meta_value(ix, d, "year", buf, sizeof buf);
        if (info.ntokens && info.first_token < nt) {
            uint64_t n = info.ntokens < 256 ? info.ntokens : 256;
            clio_index_tokens(ix, info.first_token, (size_t)n, toks);
            uint32_t s;
            uint64_t first, end;
            clio_index_sentence_of(ix, info.first_token, &s, &first, &end);
            clio_index_doc_of(ix, info.first_token);
        }
    }
    clio_positions pos = {0};
    for (uint32_t id = 0; id < nterms && id < 64; id++) {
        const char *s;
        size_t n;
        clio_index_term(ix, id, &s, &n);
        clio_index_term_count(ix, id);
        clio_index_term_kind(ix, id);
        pos.n = 0;
        if (clio_index_postings(ix, id, &pos) == 0)
            for (size_t k = 0; k < pos.n && k < 4; k++)
                if (pos.v[k] < nt)
                    clio_index_doc_of(ix, pos.v[k]);
    }
    free(pos.v);
    uint32_t id, lo, hi;
    clio_index_find(ix, "trotsky", 7, &id);
    if (clio_index_prefix(ix, "st", 2, &lo, &hi) == 0)
        for (uint32_t r = lo; r < hi && r < lo + 16 && r < nterms; r++)
            clio_index_sorted(ix, r);
    static const char *queries[] = {"stalin", "\"united states\"", "trotsky NEAR/5 stalin",
                                    "SENT(lenin AND party)", "stalin year:1920..1930",
                                    "st* NOT author:carr"};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        clio_hits h = {0};
        if (clio_query(ix, queries[q], strlen(queries[q]), &h, &err) == 0 && h.n) {
            clio_colloc *co = NULL;
            size_t nco;
            uint64_t total;
            clio_index_collocates(ix, &h, 2, 2, 1, &co, &nco, &total);
            free(co);
        }
        free(h.v);
    }
    if (nt <= 1u << 16 && nterms <= 1u << 16) {
        uint64_t *counts = calloc((size_t)nterms + 1, sizeof *counts), total;
        clio_index_count_terms(ix, NULL, counts, &total);
        free(counts);
        clio_ngram *ng = NULL;
        size_t nng;
        clio_index_ngrams(ix, 2, 1, NULL, &ng, &nng);
        free(ng);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fixed_index_load(memfd, data, size))
        return 0;
    clio_index *ix = NULL;
    clio_error err;
    clio_error_clear(&err);
    int rc = clio_index_open_fd(memfd, "fuzz.clio", &ix, &err);
    if (rc) {
        FUZZ_CHECK(rc < 0 && ix == NULL);
        FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) != NULL);
        return 0;
    }
    exercise(ix);
    clio_index_close(ix);
    return 0;
}
