/* Term sets and candidate sentences: what may start a match of a Lua grammar. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"

static clio_termset *months(void)
{
    const char *words[] = {"january", "year", "day", "september"};
    size_t lens[] = {7, 4, 3, 9};
    clio_termset *s;
    cr_assert_eq(clio_termset_new(words, lens, 4, &s), 0);
    return s;
}

static int hit_of(clio_termset *s, const char *text)
{
    clio_vocab *v = clio_vocab_new();
    clio_tokens t = {0};
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, v, &t), 0);
    cr_assert_eq(t.n, 1, "'%s' is one token", text);
    int hit = clio_termset_hit(s, v, &t.v[0]);
    free(t.v);
    clio_vocab_free(v);
    return hit;
}

Test(termset, words_numbers_and_parts)
{
    clio_termset *s = months();
    cr_assert_eq(hit_of(s, "January"), 1, "a word of the set, any case");
    cr_assert_eq(hit_of(s, "1922"), 1, "a number");
    cr_assert_eq(hit_of(s, "ten-day"), 1, "a part in the set");
    cr_assert_eq(hit_of(s, "mid-1916"), 1, "a part starting with a digit");
    cr_assert_eq(hit_of(s, "Trotsky"), 0);
    cr_assert_eq(hit_of(s, "yesterday"), 0, "a part is a whole run, not a substring");
    clio_termset_free(s);
}

Test(termset, candidates_streamed_equal_candidates_kept)
{
    const char *text = "Stalin rose. In January 1924 Lenin died. The troika ruled.\n\n"
                       "Trotsky lost. A ten-day congress met. Nothing else.";
    clio_termset *s = months();
    clio_candidates streamed = {0}, kept = {0}, merged = {0};
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "t", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &streamed), 0);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &kept), 0);
    cr_assert_eq(streamed.n, 2);
    cr_assert_eq(kept.n, 2);
    for (size_t i = 0; i < 2; i++) {
        cr_assert_eq(streamed.v[i].start, kept.v[i].start);
        cr_assert_eq(streamed.v[i].end, kept.v[i].end);
        cr_assert_eq(streamed.v[i].sentence, kept.v[i].sentence);
    }
    cr_assert_eq(streamed.v[0].start, 13);
    cr_assert_eq(streamed.v[0].sentence, 1);
    cr_assert_eq(streamed.v[1].sentence, 4);
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 1, &merged), 0);
    cr_assert_eq(merged.n, 2, "sentences 1 and 4 are not neighbours");
    free(streamed.v);
    free(kept.v);
    free(merged.v);
    clio_corpus_free(c);
    clio_termset_free(s);
}
