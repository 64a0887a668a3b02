/* Keyword in context (core/kwic.c): windows in tokens and in characters cut at the
 * document's edges, concordance order by the words after or before a hit, and context
 * text with white space folded. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "index.h"
#include "tmpdir.h"

static const char DOC_A[] = "Stalin met Trotsky in Moscow.\n\nThe  Politburo\tvoted. Later Stalin won.";
static const char DOC_B[] = "Москва стояла. Stalin met Trotsky. Stalin met Trotsky.";

static clio_index *ix;

static void setup(void)
{
    tmpdir_make();
    tmpdir_put("a.txt", DOC_A);
    tmpdir_put("b.txt", DOC_B);
    ix = tmpdir_index(NULL);
}

static void teardown(void)
{
    clio_index_close(ix);
    tmpdir_remove();
}

TestSuite(kwic, .init = setup, .fini = teardown);

static clio_hits query(const char *q)
{
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, q, strlen(q), &h, &err), 0, "%s: %s", q, err.message);
    return h;
}

/* The line of hit i of q with these options; the context texts into left and right. */
static clio_kwic_line line_of(const char *q, size_t i, uint64_t width, int by_chars,
                              char *left, char *right)
{
    clio_hits h = query(q);
    cr_assert_lt(i, h.n, "%s has %zu hits", q, h.n);
    clio_kwic_opts o = {.width = width, .by_chars = by_chars};
    clio_kwic_line l;
    clio_error err;
    cr_assert_eq(clio_kwic_window(ix, &h.v[i], &o, &l, &err), 0, "%s", err.message);
    free(h.v);
    left[clio_kwic_text(l.src + l.left, (size_t)(l.start - l.left), left)] = 0;
    right[clio_kwic_text(l.src + l.end, (size_t)(l.right - l.end), right)] = 0;
    return l;
}

/* Byte offset of the first occurrence of s in text. */
static int64_t at(const char *text, const char *s)
{
    const char *p = strstr(text, s);
    cr_assert_not_null(p, "%s", s);
    return p - text;
}

Test(kwic, a_word_window_ends_on_token_edges)
{
    char left[128], right[128];
    clio_kwic_line l = line_of("trotsky", 0, 2, 0, left, right);
    cr_expect_eq(l.doc, 0);
    cr_expect_eq(l.sentence, 0);
    cr_expect_eq(l.start, at(DOC_A, "Trotsky"));
    cr_expect_eq(l.end, at(DOC_A, " in Moscow"));
    cr_expect_eq(l.left, 0);
    cr_expect_eq(l.right, at(DOC_A, ".\n\nThe"));
    cr_expect_str_eq(left, "Stalin met");
    cr_expect_str_eq(right, "in Moscow");
}

Test(kwic, the_source_spacing_around_the_hit_is_kept)
{
    char left[128], right[128];
    clio_kwic_line l = line_of("moscow", 0, 2, 0, left, right);
    cr_expect_str_eq(right, ". The");
    cr_expect(l.space_before, "a space before Moscow");
    cr_expect(!l.space_after, "the full stop follows Moscow directly");
    l = line_of("stalin", 0, 2, 0, left, right);
    cr_expect(!l.space_before, "nothing before the document's first word");
    cr_expect(l.space_after);
    l = line_of("won", 0, 0, 0, left, right);
    cr_expect(!l.space_before && !l.space_after, "no context, no space");
}

Test(kwic, a_window_never_leaves_its_document)
{
    char left[128], right[128];
    clio_kwic_line l = line_of("stalin", 0, 5, 0, left, right);
    cr_expect_eq(l.left, l.start, "nothing before the document's first token");
    cr_expect_str_eq(left, "");
    l = line_of("stalin", 2, 10, 0, left, right);
    cr_expect_eq(l.doc, 1);
    cr_expect_eq(l.left, 0, "the left context starts at b.txt's first byte, not in a.txt");
    cr_expect_eq(l.right, (int64_t)strlen(DOC_B));
    cr_expect_str_eq(left, "Москва стояла.");
    cr_expect_str_eq(right, "met Trotsky. Stalin met Trotsky.");
    l = line_of("won", 0, 10, 0, left, right);
    cr_expect_eq(l.right, (int64_t)strlen(DOC_A));
}

Test(kwic, a_character_window_counts_code_points)
{
    char left[128], right[128];
    clio_kwic_line l = line_of("stalin", 2, 3, 1, left, right);
    cr_expect_eq(l.start - l.left, 4, "а is two bytes: 'а. ' is three characters, four bytes");
    cr_expect_str_eq(left, "а.");
    cr_expect_str_eq(right, "me");
    l = line_of("stalin", 2, 100, 1, left, right);
    cr_expect_eq(l.left, 0);
    cr_expect_eq(l.right, (int64_t)strlen(DOC_B));
    l = line_of("stalin", 1, 0, 1, left, right);
    cr_expect_eq(l.left, l.start);
    cr_expect_eq(l.right, l.end);
}

Test(kwic, white_space_runs_fold_to_one_space)
{
    char left[128], right[128];
    line_of("voted", 0, 3, 0, left, right);
    cr_expect_str_eq(left, ". The Politburo", "a paragraph break and two spaces");
    char out[32];
    static const char s[] = " \t a \r\n\n b  c \n";
    out[clio_kwic_text(s, sizeof s - 1, out)] = 0;
    cr_expect_str_eq(out, "a b c");
    cr_expect_eq(clio_kwic_text("   ", 3, out), 0);
}

Test(kwic, sorted_by_the_words_after_or_before_the_hit_ties_in_corpus_order)
{
    /* a: "Stalin met Trotsky in", "Stalin won ."; b: twice "Stalin met Trotsky ." */
    clio_hits h = query("stalin");
    cr_assert_eq(h.n, 4);
    size_t order[4];
    clio_error err;
    cr_assert_eq(clio_kwic_order(ix, h.v, h.n, 1, order, &err), 0, "%s", err.message);
    cr_expect(order[0] == 2 && order[1] == 3 && order[2] == 0 && order[3] == 1,
              "met trotsky . (twice, in order) < met trotsky in < won: %zu %zu %zu %zu",
              order[0], order[1], order[2], order[3]);
    /* before: nothing (a's first word) < ". trotsky" < ". стояла" < "later" */
    cr_assert_eq(clio_kwic_order(ix, h.v, h.n, -1, order, &err), 0, "%s", err.message);
    cr_expect(order[0] == 0 && order[1] == 3 && order[2] == 2 && order[3] == 1,
              "%zu %zu %zu %zu", order[0], order[1], order[2], order[3]);
    cr_assert_eq(clio_kwic_order(ix, h.v, h.n, 0, order, &err), 0);
    cr_expect(order[0] == 0 && order[1] == 1 && order[2] == 2 && order[3] == 3, "by position");
    free(h.v);
}

Test(kwic, an_empty_hit_is_refused)
{
    clio_hit empty = {.pos = 3, .end_pos = 3};
    clio_kwic_opts o = {.width = 2};
    clio_kwic_line l;
    clio_error err;
    cr_expect_eq(clio_kwic_window(ix, &empty, &o, &l, &err), CLIO_EARG);
}
