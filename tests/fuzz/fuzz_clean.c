/* Cleaning rules: the rules parser on any bytes, and clio_clean_find over any text.
 * Input: rules, a NUL byte, text; without a NUL byte the whole input is a text read
 * with data/cleaning/default.rules. Invariants: gaps inside the range, sorted, not
 * overlapping, naming a rule; tokenizing around them keeps tokens out of them. */
#include <string.h>

#include "clio.h"
#include "fuzz.h"

static clio_clean_rules *defaults;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static const char rules[] =
        "show-more       marker     \xE2\x80\xA6show more content\xE2\x80\xA6\n"
        "middle-of-paper marker     ... middle of paper ...\n"
        "read-more       marker     \xE2\x80\xA6read more\xE2\x80\xA6\n"
        "cut-start       cut-start\n"
        "cut-end         cut-end\n";
    clio_error err;
    if (clio_clean_rules_parse(rules, sizeof rules - 1, "default.rules", &defaults, &err)) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    clio_clean_rules *own = NULL;
    const clio_clean_rules *rules = defaults;
    const uint8_t *t = data;
    size_t tlen = size;
    if (nul) {
        size_t rlen = (size_t)(nul - data);
        char *src = fuzz_copy(data, rlen);
        clio_error err;
        clio_error_clear(&err);
        int rc = clio_clean_rules_parse(src, rlen, "fuzz.rules", &own, &err);
        free(src);
        if (rc) {
            FUZZ_CHECK(rc < 0 && own == NULL && err.code == rc);
            FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) != NULL);
            return 0;
        }
        rules = own;
        t = nul + 1;
        tlen = size - rlen - 1;
    }
    size_t nrules = clio_clean_rules_count(rules);
    char *text = fuzz_copy(t, tlen);

    /* the whole text, and (when long enough) a middle range as a document of a file */
    for (int pass = 0; pass < 2; pass++) {
        int64_t start = pass ? (int64_t)tlen / 3 : 0, end = pass ? (int64_t)tlen * 2 / 3 : (int64_t)tlen;
        if (pass && end - start < 2)
            break;
        clio_gaps gaps = {0};
        FUZZ_CHECK(clio_clean_find(rules, text, start, end, &gaps) == 0);
        int64_t prev = start;
        for (size_t i = 0; i < gaps.n; i++) {
            FUZZ_CHECK(gaps.v[i].start >= prev && gaps.v[i].end > gaps.v[i].start);
            FUZZ_CHECK(gaps.v[i].end <= end);
            FUZZ_CHECK(gaps.v[i].rule < nrules);
            FUZZ_CHECK(clio_clean_rule_name(rules, gaps.v[i].rule) != NULL);
            prev = gaps.v[i].end;
        }
        clio_vocab *vocab = clio_vocab_new();
        clio_tokens toks = {0};
        FUZZ_CHECK(clio_tokenize(text, start, end, &gaps, CLIO_FOLD_DEFAULT, NULL, vocab, &toks) == 0);
        clio_sentences sents = {0};
        FUZZ_CHECK(clio_sentences_split(text, toks.v, toks.n, &gaps, NULL, &sents) == 0);
        free(sents.v);
        free(toks.v);
        clio_vocab_free(vocab);
        free(gaps.v);
    }
    free(text);
    clio_clean_rules_free(own);
    return 0;
}
