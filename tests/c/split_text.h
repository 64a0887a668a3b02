/* Text split as a corpus splits it, for the tests of one suite: tokens (with the bundled
 * English profile, data/lang/en/words.lua, as the bindings hand it down) and sentences,
 * in buffers made before each test and freed after it. Include once per test file; use
 * as TestSuite(name, .init = split_setup, .fini = split_teardown). */
#ifndef CLIO_TEST_SPLIT_TEXT_H
#define CLIO_TEST_SPLIT_TEXT_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "profile_words.h"

static clio_vocab *vocab;
static test_lang en;
static clio_tokens toks;
static clio_sentences sents;

static inline void split_setup(void)
{
    vocab = clio_vocab_new();
    cr_assert_not_null(vocab);
    test_lang_load(&en, "en");
    memset(&toks, 0, sizeof toks);
    memset(&sents, 0, sizeof sents);
}

static inline void split_teardown(void)
{
    free(toks.v);
    free(sents.v);
    test_lang_free(&en);
    clio_vocab_free(vocab);
}

/* Splits text (gaps: NULL for none) into toks and sents, replacing what they held. */
static inline void split_text(const char *text, const clio_gaps *gaps)
{
    toks.n = sents.n = 0;
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), gaps, CLIO_FOLD_DEFAULT, &en.lang, vocab,
                               &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, gaps, &en.lang, &sents), 0);
}

#endif
