/* What a finder of names reads (core/names.c): the tokens near capitalized words, the
 * sentence starts, and the case counts of the words kept over the whole document. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "split_text.h"

TestSuite(names, .init = split_setup, .fini = split_teardown);

static const clio_case_count *count_of(const clio_case_count *c, size_t n, const char *word)
{
    for (size_t k = 0; k < n; k++) {
        size_t len;
        const char *t = clio_vocab_term(vocab, c[k].term, &len);
        if (strlen(word) == len && memcmp(t, word, len) == 0)
            return &c[k];
    }
    return NULL;
}

Test(names, windows_and_case_counts)
{
    /* tokens: 0 the 1 war 2 went 3 on 4 and 5 on 6 and 7 on 8 . 9 Then 10 grant
     * 11 met 12 Grant 13 at 14 dawn 15 and 16 on 17 and 18 on 19 and 20 on 21 . */
    split_text("the war went on and on and on. Then grant met Grant at dawn and on and on and on.", NULL);
    cr_assert_eq(toks.n, 22);
    unsigned char *keep = malloc(toks.n);
    size_t room = clio_names_windows(toks.v, toks.n, sents.v, sents.n, 2, keep);
    /* kept: within 2 of "Then" (9) and "Grant" (12): 7..14 */
    for (size_t i = 0; i < toks.n; i++)
        cr_assert_eq((keep[i] & CLIO_NAMES_KEPT) != 0, i >= 7 && i <= 14, "token %zu", i);
    cr_assert(keep[0] & CLIO_NAMES_FIRST);
    cr_assert(keep[9] & CLIO_NAMES_FIRST);
    cr_assert_not(keep[12] & CLIO_NAMES_FIRST);
    cr_assert_eq(room, 7); /* on, then, grant, met, grant, at, dawn (the full stop is no word) */
    clio_case_count *counts = calloc(room, sizeof *counts);
    size_t n = clio_names_counts(toks.v, toks.n, keep, counts, room);
    cr_assert_eq(n, 6);
    const clio_case_count *grant = count_of(counts, n, "grant");
    cr_assert_not_null(grant);
    cr_assert_eq(grant->lower, 1);
    cr_assert_eq(grant->cap_mid, 1);
    const clio_case_count *then = count_of(counts, n, "then");
    cr_assert_eq(then->cap_mid, 0, "a sentence start is not inside the sentence");
    /* counted over the whole document, not only the kept tokens */
    cr_assert_eq(count_of(counts, n, "on")->lower, 6);
    cr_assert_null(count_of(counts, n, "war"), "a word never kept is not counted");
    for (size_t k = 1; k < n; k++)
        cr_assert_lt(counts[k - 1].term, counts[k].term);
    free(counts);
    free(keep);
}

Test(names, no_capital_keeps_nothing_but_the_starts)
{
    split_text("all lower case here. and here too.", NULL);
    unsigned char *keep = malloc(toks.n);
    cr_assert_eq(clio_names_windows(toks.v, toks.n, sents.v, sents.n, 3, keep), 0);
    for (size_t i = 0; i < toks.n; i++)
        cr_assert_not(keep[i] & CLIO_NAMES_KEPT);
    cr_assert(keep[0] & CLIO_NAMES_FIRST);
    free(keep);
    cr_assert_eq(clio_names_windows(NULL, 0, NULL, 0, 3, NULL), 0);
}
