/* Cleaning rules: scraping artifacts become gaps; the text is never changed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"

static clio_clean_rules *defaults; /* data/cleaning/default.rules, read for each test */

static void load_defaults(void)
{
    FILE *f = fopen(CLIO_SOURCE_DIR "/data/cleaning/default.rules", "rb");
    cr_assert_not_null(f);
    static char src[8192];
    size_t n = fread(src, 1, sizeof src, f);
    fclose(f);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_clean_rules_parse(src, n, "default.rules", &defaults, &e), 0, "%s", e.message);
}

static void free_defaults(void)
{
    clio_clean_rules_free(defaults);
    defaults = NULL;
}

TestSuite(clean, .init = load_defaults, .fini = free_defaults);

static const char *gap_text(const char *text, const clio_gap *g)
{
    static char out[256];
    snprintf(out, sizeof out, "%.*s", (int)(g->end - g->start), text + g->start);
    return out;
}

/* The gaps rules r find in text[start, end) (end < 0: to the end of text); the caller
 * frees .v. */
static clio_gaps gaps_in(const clio_clean_rules *r, const char *text, int64_t start, int64_t end)
{
    clio_gaps g = {0};
    cr_assert_eq(clio_clean_find(r, text, start, end < 0 ? (int64_t)strlen(text) : end, &g), 0);
    return g;
}

/* The default rules find exactly one gap in text: these bytes, by this rule (NULL: any). */
static void expect_one_gap(const char *text, const char *bytes, const char *rule)
{
    clio_gaps g = gaps_in(defaults, text, 0, -1);
    cr_assert_eq(g.n, 1, "gaps: %zu", g.n);
    cr_assert_str_eq(gap_text(text, &g.v[0]), bytes);
    if (rule)
        cr_assert_str_eq(clio_clean_rule_name(defaults, g.v[0].rule), rule);
    free(g.v);
}

Test(clean, show_more_marker_inside_a_sentence)
{
    expect_one_gap("the upper echelons of the Soviet\n\xE2\x80\xA6show more content\xE2\x80\xA6\n"
                   "government. In 1922",
                   "\xE2\x80\xA6show more content\xE2\x80\xA6", "show-more");
}

Test(clean, cut_word_and_marker_at_the_end)
{
    expect_one_gap("In 1929 for example, Bukha... ... middle of paper ... ...",
                   "Bukha... ... middle of paper ... ...", NULL);
}

Test(clean, cut_fragment_at_the_start)
{
    expect_one_gap("...ense of worth in which they were", "...ense", "cut-start");
}

Test(clean, offsets_are_file_offsets_within_a_range)
{
    const char *text = "First line.\n...ense of worth.\nThird";
    /* the second line alone, as a split document */
    clio_gaps g = gaps_in(defaults, text, 12, 29);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.v[0].start, 12);
    cr_assert_eq(g.v[0].end, 19);
    free(g.v);
}

Test(clean, ordinary_ellipses_are_left_alone)
{
    /* "end..." is a whole word before a final ellipsis: cut-end takes it only because
     * it ends the document, which is what an excerpt cut mid-word looks like */
    expect_one_gap("He waited... and then, \xE2\x80\xA6 nothing. The end...", "end...", NULL);
}

Test(clean, marker_matching_is_flexible_about_space_case_and_ellipsis_form)
{
    const char *rules = "more marker ...Show More Content...\n";
    clio_clean_rules *r;
    cr_assert_eq(clio_clean_rules_parse(rules, strlen(rules), "r", &r, NULL), 0);
    const char *text = "a \xE2\x80\xA6show  more\ncontent\xE2\x80\xA6 b";
    clio_gaps g = gaps_in(r, text, 0, -1);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.v[0].start, 2);
    cr_assert_eq(g.v[0].end, (int64_t)strlen(text) - 2);
    free(g.v);
    clio_clean_rules_free(r);
}

Test(clean, bad_rule_names_line_and_offset)
{
    const char *rules = "# comment\nok marker x\nbad scrub y\n";
    clio_clean_rules *r = NULL;
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_clean_rules_parse(rules, strlen(rules), "my.rules", &r, &e), CLIO_EFORMAT);
    cr_assert_null(r);
    cr_assert_eq(e.line, 3);
    cr_assert_eq(e.offset, 26);
    cr_assert(strstr(e.message, "unknown rule kind 'scrub'"), "%s", e.message);
}

Test(clean, the_gap_inside_which_a_position_falls)
{
    clio_gap v[] = {{2, 5, 0, 0}, {5, 9, 1, 0}, {20, 30, CLIO_GAP_MARKUP, 0}};
    clio_gaps g = {.v = v, .n = 3, .cap = 3};
    int64_t at[] = {0, 2, 3, 5, 6, 9, 15, 20, 25, 30, 99};
    int want[] = {-1, -1, 0, -1, 1, -1, -1, -1, 2, -1, -1}; /* strictly inside */
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        const clio_gap *x = clio_gaps_inside(&g, at[i]);
        cr_assert_eq(x ? (int)(x - v) : -1, want[i], "at %lld", (long long)at[i]);
    }
    clio_gaps none = {0};
    cr_assert_null(clio_gaps_inside(&none, 3));
}
