/* Tokenizer: exact token sequences (kind, bytes, term, flags) for the cases the
 * rules in core/token.c name, gaps, offsets and repair. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "profile_words.h"

enum { W = CLIO_TOK_WORD, N = CLIO_TOK_NUMBER, C = CLIO_TOK_CLITIC, P = CLIO_TOK_PUNCT,
       S = CLIO_TOK_SYMBOL };
enum { CAP = CLIO_TF_CAPITALIZED, ALL = CLIO_TF_ALLCAPS, ABB = CLIO_TF_ABBREV,
       ORD = CLIO_TF_ORDINAL, REP = CLIO_TF_REPAIRED, NL = CLIO_TF_NEWLINE,
       PARA = CLIO_TF_PARAGRAPH | CLIO_TF_NEWLINE };

typedef struct {
    int kind;
    const char *bytes, *term;
    int flags;
} want;

static clio_vocab *vocab;
static clio_tokens toks;
static test_lang en; /* data/lang/en/words.lua, as the bindings hand it down */
static const clio_lang *cur_lang; /* the language the CHECKs tokenize with: en */
#define TEST_LANG cur_lang

static void setup(void)
{
    test_lang_load(&en, "en");
    cur_lang = &en.lang;
    vocab = clio_vocab_new();
    cr_assert_not_null(vocab);
    memset(&toks, 0, sizeof toks);
}

static void teardown(void)
{
    free(toks.v);
    clio_vocab_free(vocab);
    test_lang_free(&en);
}

TestSuite(token, .init = setup, .fini = teardown);

static const char *term_of(const clio_token *t)
{
    size_t n;
    const char *s = clio_vocab_term(vocab, t->term, &n);
    cr_assert_not_null(s);
    cr_assert_eq(strlen(s), n);
    return s;
}

/* Tokenizes text[start..end) and compares with w[0..nw). */
static void check_range(const char *text, int64_t start, int64_t end, const clio_gaps *gaps,
                        unsigned fold, const want *w, size_t nw)
{
    toks.n = 0;
    cr_assert_eq(clio_tokenize(text, start, end, gaps, fold, TEST_LANG, vocab, &toks), 0);
    for (size_t i = 0; i < toks.n && i < nw; i++) {
        const clio_token *t = &toks.v[i];
        size_t bl = strlen(w[i].bytes);
        cr_expect(t->len == bl && !memcmp(text + t->start, w[i].bytes, bl),
                  "token %zu: bytes [%.*s], want [%s]", i, (int)t->len, text + t->start,
                  w[i].bytes);
        cr_expect_eq(t->kind, w[i].kind, "token %zu [%s]: kind %d, want %d", i, w[i].bytes,
                     t->kind, w[i].kind);
        cr_expect_str_eq(term_of(t), w[i].term, "token %zu [%s]: term", i, w[i].bytes);
        cr_expect_eq(t->flags, w[i].flags, "token %zu [%s]: flags %d, want %d", i,
                     w[i].bytes, t->flags, w[i].flags);
    }
    cr_assert_eq(toks.n, nw, "%zu tokens, want %zu", toks.n, nw);
}

static void check(const char *text, const want *w, size_t nw)
{
    check_range(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, w, nw);
}

#define CHECK(text, ...)                                                                   \
    do {                                                                                   \
        const want w_[] = {__VA_ARGS__};                                                   \
        check(text, w_, sizeof w_ / sizeof *w_);                                           \
    } while (0)

Test(token, hyphens_and_apostrophes_inside_words)
{
    CHECK("twenty-nine O'Brien don't F-105 rock’n’roll",
          {W, "twenty-nine", "twenty-nine", 0}, {W, "O'Brien", "o'brien", CAP},
          {W, "don't", "don't", 0}, {W, "F-105", "f-105", CAP},
          {W, "rock’n’roll", "rock'n'roll", 0});
}

Test(token, hyphen_at_edges_is_punctuation)
{
    CHECK("-war- pre-", {P, "-", "-", 0}, {W, "war", "war", 0}, {P, "-", "-", 0},
          {W, "pre", "pre", 0}, {P, "-", "-", 0});
}

Test(token, a_hyphen_before_a_closing_function_word_is_a_dash)
{
    /* transcripts that typed an em dash as "-": "the United States-that is" */
    CHECK("States-that peace-Not", {W, "States", "states", CAP}, {P, "-", "-", 0},
          {W, "that", "that", 0}, {W, "peace", "peace", 0}, {P, "-", "-", 0},
          {W, "Not", "not", CAP});
    /* compounds keep theirs: more than one hyphen, a particle, a longer word, another
     * hyphen kind (U+2011) */
    CHECK("bread-and-butter check-in that-way war-theory",
          {W, "bread-and-butter", "bread-and-butter", 0}, {W, "check-in", "check-in", 0},
          {W, "that-way", "that-way", 0}, {W, "war-theory", "war-theory", 0});
    CHECK("war-there peace\xe2\x80\x91the", {W, "war-there", "war-there", 0},
          {W, "peace\xe2\x80\x91the", "peace-the", 0});
}

Test(token, possessives_split_off)
{
    CHECK("Lenin’s Lenin's Lenins LENIN'S",
          {W, "Lenin", "lenin", CAP}, {C, "’s", "'s", 0},
          {W, "Lenin", "lenin", CAP}, {C, "'s", "'s", 0},
          {W, "Lenins", "lenins", CAP},
          {W, "LENIN", "lenin", CAP | ALL}, {C, "'S", "'s", CAP});
}

Test(token, lost_apostrophe_question_mark)
{
    CHECK("Stalin?s control. Why?so Is it?s",
          {W, "Stalin", "stalin", CAP}, {C, "?s", "'s", 0}, {W, "control", "control", 0},
          {P, ".", ".", 0}, {W, "Why", "why", CAP}, {P, "?", "?", 0}, {W, "so", "so", 0},
          {W, "Is", "is", CAP}, {W, "it", "it", 0}, {C, "?s", "'s", 0});
}

Test(token, question_mark_before_s_word_stays_punct)
{
    /* "?s" followed by more letters is no clitic; "? s" has a space */
    CHECK("who?stalin x? s", {W, "who", "who", 0}, {P, "?", "?", 0},
          {W, "stalin", "stalin", 0}, {W, "x", "x", 0}, {P, "?", "?", 0}, {W, "s", "s", 0});
}

Test(token, plural_possessive)
{
    CHECK("the Soviets' power, the Soviets’ plan",
          {W, "the", "the", 0}, {W, "Soviets", "soviets", CAP}, {C, "'", "'", 0},
          {W, "power", "power", 0}, {P, ",", ",", 0}, {W, "the", "the", 0},
          {W, "Soviets", "soviets", CAP}, {C, "’", "'", 0}, {W, "plan", "plan", 0});
}

Test(token, quote_after_word_not_ending_in_s)
{
    CHECK("'temporary' rule", {P, "'", "'", 0}, {W, "temporary", "temporary", 0},
          {P, "'", "'", 0}, {W, "rule", "rule", 0});
}

Test(token, decades)
{
    CHECK("1920’s 1920's 1920s 1920?s 1930S",
          {N, "1920’s", "1920s", 0}, {N, "1920's", "1920s", 0}, {N, "1920s", "1920s", 0},
          {N, "1920?s", "1920s", 0}, {N, "1930S", "1930s", 0});
}

Test(token, ordinals)
{
    CHECK("5th 21st 2nd 3rd 4TH 19th-century",
          {N, "5th", "5th", ORD}, {N, "21st", "21st", ORD}, {N, "2nd", "2nd", ORD},
          {N, "3rd", "3rd", ORD}, {N, "4TH", "4th", ORD}, {N, "19th", "19th", ORD},
          {P, "-", "-", 0}, {W, "century", "century", 0});
}

Test(token, numbers_with_separators)
{
    CHECK("1,000 3.5 10:30 1,000. 5, 1914-1918",
          {N, "1,000", "1,000", 0}, {N, "3.5", "3.5", 0}, {N, "10:30", "10:30", 0},
          {N, "1,000", "1,000", 0}, {P, ".", ".", 0}, {N, "5", "5", 0}, {P, ",", ",", 0},
          {N, "1914", "1914", 0}, {P, "-", "-", 0}, {N, "1918", "1918", 0});
}

Test(token, digits_then_letters_make_words)
{
    CHECK("3D B52 105mm 2nds", {W, "3D", "3d", CAP}, {W, "B52", "b52", CAP},
          {W, "105mm", "105mm", 0}, {W, "2nds", "2nds", 0});
}

Test(token, dotted_abbreviations)
{
    CHECK("U.S.S.R. U.S. e.g., i.e. a.m. I.I. Vatsetis",
          {W, "U.S.S.R.", "u.s.s.r.", CAP | ALL | ABB}, {W, "U.S.", "u.s.", CAP | ALL | ABB},
          {W, "e.g.", "e.g.", ABB}, {P, ",", ",", 0}, {W, "i.e.", "i.e.", ABB},
          {W, "a.m.", "a.m.", ABB}, {W, "I.I.", "i.i.", CAP | ALL | ABB},
          {W, "Vatsetis", "vatsetis", CAP});
}

Test(token, dotted_abbreviation_without_last_dot)
{
    CHECK("(149 B.C to", {P, "(", "(", 0}, {N, "149", "149", 0},
          {W, "B.C", "b.c", CAP | ALL | ABB}, {W, "to", "to", 0});
}

Test(token, abbreviation_possessive)
{
    CHECK("the U.S.'s army", {W, "the", "the", 0}, {W, "U.S.", "u.s.", CAP | ALL | ABB},
          {C, "'s", "'s", 0}, {W, "army", "army", 0});
}

Test(token, domain_like_words)
{
    CHECK("(school.eb.com). basis.But", {P, "(", "(", 0},
          {W, "school.eb.com", "school.eb.com", 0}, {P, ")", ")", 0}, {P, ".", ".", 0},
          {W, "basis", "basis", 0}, {P, ".", ".", 0}, {W, "But", "but", CAP});
}

Test(token, word_then_period)
{
    CHECK("Mr. Dr. end. J. Stalin", {W, "Mr", "mr", CAP}, {P, ".", ".", 0},
          {W, "Dr", "dr", CAP}, {P, ".", ".", 0}, {W, "end", "end", 0}, {P, ".", ".", 0},
          {W, "J", "j", CAP}, {P, ".", ".", 0}, {W, "Stalin", "stalin", CAP});
}

Test(token, punctuation_runs)
{
    CHECK("so... wait…. a -- b --- c ?! “q”", {W, "so", "so", 0}, {P, "...", "...", 0},
          {W, "wait", "wait", 0}, {P, "…", "...", 0}, {P, ".", ".", 0}, {W, "a", "a", 0},
          {P, "--", "--", 0}, {W, "b", "b", 0}, {P, "---", "---", 0}, {W, "c", "c", 0},
          {P, "?", "?", 0}, {P, "!", "!", 0}, {P, "“", "\"", 0}, {W, "q", "q", 0},
          {P, "”", "\"", 0});
}

Test(token, symbols)
{
    CHECK("$5 10% A&B 1+1=2 ©", {S, "$", "$", 0}, {N, "5", "5", 0}, {N, "10", "10", 0},
          {S, "%", "%", 0}, {W, "A", "a", CAP}, {S, "&", "&", 0}, {W, "B", "b", CAP},
          {N, "1", "1", 0}, {S, "+", "+", 0}, {N, "1", "1", 0}, {S, "=", "=", 0},
          {N, "2", "2", 0}, {S, "©", "©", 0});
}

Test(token, unicode_whitespace_separates)
{
    CHECK("a\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d\xE2\x80\x8B" "e\t f",
          {W, "a", "a", 0}, {W, "b", "b", 0}, {W, "c", "c", 0}, {W, "d", "d", 0},
          {W, "e", "e", 0}, {W, "f", "f", 0});
}

Test(token, unicode_letters_and_case)
{
    CHECK("Élan naïve Сталин СССР ǅemal Ω",
          {W, "Élan", "élan", CAP}, {W, "naïve", "naïve", 0},
          {W, "Сталин", "сталин", CAP}, {W, "СССР", "ссср", CAP | ALL},
          {W, "ǅemal", "džemal", CAP} /* NFKC splits the digraph */, {W, "Ω", "ω", CAP});
}

Test(token, combining_marks_stay_in_words)
{
    /* e + U+0301 folds to é (NFC) */
    CHECK("caf\xCC\x81" "e\xCC\x81 x", {W, "caf\xCC\x81" "e\xCC\x81", "caf\xCC\x81\xC3\xA9", 0},
          {W, "x", "x", 0});
}

Test(token, capitalization_flags)
{
    CHECK("USSR NKVD I A Stalin iPhone 3D", {W, "USSR", "ussr", CAP | ALL},
          {W, "NKVD", "nkvd", CAP | ALL}, {W, "I", "i", CAP}, {W, "A", "a", CAP},
          {W, "Stalin", "stalin", CAP}, {W, "iPhone", "iphone", 0}, {W, "3D", "3d", CAP});
}

Test(token, long_words_cross_the_eight_byte_path)
{
    CHECK("Abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQ abcdefghijklmnoP",
          {W, "Abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz", CAP},
          {W, "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnopq", CAP | ALL},
          {W, "abcdefghijklmnoP", "abcdefghijklmnop", 0});
}

Test(token, line_and_paragraph_flags)
{
    CHECK("a\nb\r\nc\n\nd\n  \t\ne\r\n\r\nf\rg\xE2\x80\xA8h\xE2\x80\xA9i",
          {W, "a", "a", 0}, {W, "b", "b", NL}, {W, "c", "c", NL}, {W, "d", "d", PARA},
          {W, "e", "e", PARA}, {W, "f", "f", PARA}, {W, "g", "g", NL}, {W, "h", "h", NL},
          {W, "i", "i", PARA});
}

Test(token, first_token_has_no_break_flags)
{
    CHECK("\n\n  First", {W, "First", "first", CAP});
}

Test(token, gaps_are_skipped_and_their_breaks_do_not_count)
{
    const char *text = "of the Soviet\n…show more content…\ngovernment. In";
    const char *m = strstr(text, "…show");
    int64_t gs = m - text, ge = gs + (int64_t)strlen("…show more content…");
    clio_gap g = {gs, ge, 0, 0};
    clio_gaps gaps = {.v = &g, .n = 1, .cap = 1};
    const want w[] = {{W, "of", "of", 0}, {W, "the", "the", 0}, {W, "Soviet", "soviet", CAP},
                      {W, "government", "government", NL}, {P, ".", ".", 0},
                      {W, "In", "in", CAP}};
    check_range(text, 0, (int64_t)strlen(text), &gaps, CLIO_FOLD_DEFAULT, w, 6);

    /* the gap takes the line breaks too: no break at all */
    g.start = gs - 1;
    g.end = ge + 1;
    const want w2[] = {{W, "of", "of", 0}, {W, "the", "the", 0}, {W, "Soviet", "soviet", CAP},
                       {W, "government", "government", 0}, {P, ".", ".", 0},
                       {W, "In", "in", CAP}};
    check_range(text, 0, (int64_t)strlen(text), &gaps, CLIO_FOLD_DEFAULT, w2, 6);
}

Test(token, gap_separates_tokens_and_blank_lines_outside_it_count)
{
    const char *text = "Bukha... ... middle of paper ... ...\n\nIn the";
    const char *m = strstr(text, "... middle");
    clio_gap g[2] = {{5, 8, 0, 0},
                     {m - text, m - text + (int64_t)strlen("... middle of paper ..."), 1, 0}};
    cr_assert_eq(strncmp(text + g[1].end - 3, "...", 3), 0);
    clio_gaps gaps = {.v = g, .n = 2, .cap = 2};
    const want w[] = {{W, "Bukha", "bukha", CAP}, {P, "...", "...", 0},
                      {W, "In", "in", CAP | PARA}, {W, "the", "the", 0}};
    check_range(text, 0, (int64_t)strlen(text), &gaps, CLIO_FOLD_DEFAULT, w, 4);
}

Test(token, gap_inside_a_word_splits_it)
{
    const char *text = "abcXYZdef";
    clio_gap g = {3, 6, 0, 0};
    clio_gaps gaps = {.v = &g, .n = 1, .cap = 1};
    const want w[] = {{W, "abc", "abc", 0}, {W, "def", "def", 0}};
    check_range(text, 0, 9, &gaps, CLIO_FOLD_DEFAULT, w, 2);
}

Test(token, offsets_are_file_offsets)
{
    /* a document in the middle of a file: [9, 31) */
    const char *text = "HEADER\n\n\nLenin's 5th decree (1920s)\nTRAILER";
    int64_t start = 9, end = (int64_t)(strstr(text, "\nTRAILER") - text);
    toks.n = 0;
    cr_assert_eq(clio_tokenize(text, start, end, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_assert_eq(toks.n, 7);
    static const int64_t starts[] = {9, 14, 17, 21, 28, 29, 34};
    static const uint32_t lens[] = {5, 2, 3, 6, 1, 5, 1};
    for (size_t i = 0; i < 7; i++) {
        cr_expect_eq(toks.v[i].start, starts[i], "token %zu start", i);
        cr_expect_eq(toks.v[i].len, lens[i], "token %zu len", i);
    }
    cr_expect_eq(toks.v[0].flags, CAP, "no break flag on the first token of the range");
}

Test(token, range_end_cuts_tokens_and_lookahead)
{
    /* end stops before 's: the clitic rule must not look past it */
    const char *text = "Lenin's";
    const want w[] = {{W, "Lenin", "lenin", CAP}, {P, "'", "'", 0}};
    check_range(text, 0, 6, NULL, CLIO_FOLD_DEFAULT, w, 2);
    const want w2[] = {{W, "ab", "ab", 0}};
    check_range("abcdef", 0, 2, NULL, CLIO_FOLD_DEFAULT, w2, 1);
}

Test(token, appends_to_existing_tokens)
{
    cr_assert_eq(clio_tokenize("a b", 0, 3, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_assert_eq(clio_tokenize("c", 0, 1, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_assert_eq(toks.n, 3);
    cr_expect_str_eq(term_of(&toks.v[2]), "c");
}

Test(token, invalid_utf8_is_repaired_inside_words)
{
    CHECK("caf\xE9 au \xFF x\xC3y", {W, "caf\xE9", "caf\xEF\xBF\xBD", REP},
          {W, "au", "au", 0}, {W, "\xFF", "\xEF\xBF\xBD", REP},
          {W, "x\xC3y", "x\xEF\xBF\xBDy", REP});
}

Test(token, truncated_sequence_at_the_end)
{
    CHECK("ok \xE2\x80", {W, "ok", "ok", 0}, {W, "\xE2\x80", "\xEF\xBF\xBD", REP});
}

Test(token, nul_and_controls_separate)
{
    const char text[] = "a\0b\x01" "c";
    const want w[] = {{W, "a", "a", 0}, {W, "b", "b", 0}, {W, "c", "c", 0}};
    check_range(text, 0, 5, NULL, CLIO_FOLD_DEFAULT, w, 3);
}

Test(token, terms_keep_case_without_case_folding)
{
    const want w[] = {{W, "Lenin", "Lenin", CAP}, {C, "’s", "'s", 0},
                      {W, "USSR", "USSR", CAP | ALL}, {N, "1920’s", "1920s", 0}};
    check_range("Lenin’s USSR 1920’s", 0, (int64_t)strlen("Lenin’s USSR 1920’s"), NULL,
                CLIO_FOLD_PUNCT, w, 4);
}

Test(token, fast_path_terms_equal_clio_fold)
{
    /* every token whose term is its own folded bytes must match clio_fold exactly */
    const char *text = "The U.S.S.R. and twenty-nine O'Brien's ABCDEFGHIJ 1,000 3.5 x-ray "
                       "`quoted` “Lenin’s” Straße ǅ naïve ﬁne MIXEDcase B52 a.m. -- ... "
                       "$ % & é\xCC\x81 Ⅻ";
    static const unsigned flag_sets[] = {0, CLIO_FOLD_CASE, CLIO_FOLD_PUNCT,
                                         CLIO_FOLD_DEFAULT, CLIO_FOLD_DEFAULT | CLIO_FOLD_MARKS};
    for (size_t f = 0; f < sizeof flag_sets / sizeof *flag_sets; f++) {
        toks.n = 0;
        cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, flag_sets[f], TEST_LANG, vocab,
                                   &toks), 0);
        cr_assert_gt(toks.n, 20);
        for (size_t i = 0; i < toks.n; i++) {
            clio_buf b = {0};
            cr_assert_eq(clio_fold(text + toks.v[i].start, toks.v[i].len, flag_sets[f], &b), 0);
            cr_expect_str_eq(term_of(&toks.v[i]), b.data ? b.data : "",
                             "flags %u token [%.*s]", flag_sets[f], (int)toks.v[i].len,
                             text + toks.v[i].start);
            clio_buf_free(&b);
        }
    }
}

Test(token, same_term_same_id)
{
    toks.n = 0;
    const char *text = "Lenin lenin LENIN Lenin’s";
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab,
                               &toks), 0);
    cr_assert_eq(toks.n, 5);
    cr_expect_eq(toks.v[0].term, toks.v[1].term);
    cr_expect_eq(toks.v[0].term, toks.v[2].term);
    cr_expect_eq(toks.v[0].term, toks.v[3].term);
    uint32_t id;
    cr_expect_eq(clio_vocab_find(vocab, "lenin", 5, &id), 0);
    cr_expect_eq(id, toks.v[0].term);
}

Test(token, empty_and_bad_arguments)
{
    cr_expect_eq(clio_tokenize("abc", 1, 1, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_expect_eq(toks.n, 0);
    cr_expect_eq(clio_tokenize("   \n\n ", 0, 6, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_expect_eq(toks.n, 0);
    cr_expect_eq(clio_tokenize("abc", 2, 1, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), CLIO_EARG);
    cr_expect_eq(clio_tokenize(NULL, 0, 0, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), CLIO_EARG);
    cr_expect_eq(clio_tokenize("abc", 0, 3, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, NULL, &toks), CLIO_EARG);
}

Test(token, sample_sentence_from_the_corpus)
{
    /* stalin-essays/07-party-machine.txt */
    CHECK("likely to support Trotsky. Stalin?s control of appointments",
          {W, "likely", "likely", 0}, {W, "to", "to", 0}, {W, "support", "support", 0},
          {W, "Trotsky", "trotsky", CAP}, {P, ".", ".", 0}, {W, "Stalin", "stalin", CAP},
          {C, "?s", "'s", 0}, {W, "control", "control", 0}, {W, "of", "of", 0},
          {W, "appointments", "appointments", 0});
}

/* ---- the language's lists decide: the core holds none of its own ----------------- */

static clio_wordset *words(const char *list)
{
    clio_wordset *w;
    cr_assert_eq(clio_wordset_parse(list, strlen(list), "test", &w, NULL), 0);
    return w;
}

Test(token, the_dash_rule_uses_the_function_words_it_is_given)
{
    clio_lang mine = en.lang;
    mine.function_words = words("peace\n");
    cur_lang = &mine;
    /* "that" is no function word of this language; "peace" is */
    CHECK("States-that war-peace", {W, "States-that", "states-that", CAP},
          {W, "war", "war", 0}, {P, "-", "-", 0}, {W, "peace", "peace", 0});
    clio_wordset_free((clio_wordset *)mine.function_words);
    mine.function_words = NULL;
    CHECK("peace-not", {W, "peace-not", "peace-not", 0});
}

Test(token, without_a_language_no_clitic_or_ordinal_splits)
{
    cur_lang = NULL;
    CHECK("Lenin's 5th Soviets' l'armée",
          {W, "Lenin's", "lenin's", CAP}, {W, "5th", "5th", 0}, {W, "Soviets", "soviets", CAP},
          {P, "'", "'", 0}, {W, "l'armée", "l'armée", 0});
}

Test(token, french_elisions_split_before_the_word)
{
    test_lang fr;
    test_lang_load(&fr, "fr");
    cur_lang = &fr.lang;
    CHECK("L'armée qu’il jusqu'à aujourd'hui 1er 2e XIXe",
          {C, "L'", "l'", CAP}, {W, "armée", "armée", 0}, {C, "qu’", "qu'", 0},
          {W, "il", "il", 0}, {C, "jusqu'", "jusqu'", 0}, {W, "à", "à", 0},
          {W, "aujourd'hui", "aujourd'hui", 0}, {N, "1er", "1er", ORD},
          {N, "2e", "2e", ORD}, {W, "XIXe", "xixe", CAP});
    /* English trailing clitics are not French ones */
    CHECK("Lenin's", {W, "Lenin's", "lenin's", CAP});
    test_lang_free(&fr);
}

Test(token, clitics_and_ordinals_come_from_the_lists)
{
    clio_lang mine = {0};
    mine.clitics_trailing = words("ll\n");
    mine.ordinal_suffixes = words("o\n");
    cur_lang = &mine;
    CHECK("we'll Lenin's 5o 5th", {W, "we", "we", 0}, {C, "'ll", "'ll", 0},
          {W, "Lenin's", "lenin's", CAP}, {N, "5o", "5o", ORD}, {W, "5th", "5th", 0});
    clio_wordset_free((clio_wordset *)mine.clitics_trailing);
    clio_wordset_free((clio_wordset *)mine.ordinal_suffixes);
}

Test(token, word_characters_by_unicode_class)
{
    /* letters, marks and digits beyond ASCII are word characters, whole */
    cr_expect_eq(clio_class_char_len("é", strlen("é"), CLIO_CHAR_WORD), 2);
    cr_expect_eq(clio_class_char_len("Ж", strlen("Ж"), CLIO_CHAR_WORD), 2);
    cr_expect_eq(clio_class_char_len("٣", strlen("٣"), CLIO_CHAR_WORD), 2);
    cr_expect_eq(clio_class_char_len("a", 1, CLIO_CHAR_WORD), 1);
    /* punctuation, spaces and symbols are not */
    const char *not_words[] = {"–", "—", "«", "»", "“", "”", "’", "…", "¹", "\xC2\xA0", "€", "-", " "};
    for (size_t i = 0; i < sizeof not_words / sizeof *not_words; i++)
        cr_expect_eq(clio_class_char_len(not_words[i], strlen(not_words[i]), CLIO_CHAR_WORD), 0, "%s",
                     not_words[i]);
    /* an invalid sequence reads as a letter, as the tokenizer reads it; nothing to read is 0 */
    cr_expect_eq(clio_class_char_len("\xC3(", 2, CLIO_CHAR_WORD), 1);
    cr_expect_eq(clio_class_char_len("", 0, CLIO_CHAR_WORD), 0);
    /* capitals: upper and title case, beyond ASCII too */
    cr_expect_eq(clio_class_char_len("Ö", strlen("Ö"), CLIO_CHAR_UPPER), 2);
    cr_expect_eq(clio_class_char_len("Ж", strlen("Ж"), CLIO_CHAR_UPPER), 2);
    cr_expect_eq(clio_class_char_len("ǅ", strlen("ǅ"), CLIO_CHAR_UPPER), 2);
    cr_expect_eq(clio_class_char_len("ö", strlen("ö"), CLIO_CHAR_UPPER), 0);
    cr_expect_eq(clio_class_char_len("«", strlen("«"), CLIO_CHAR_UPPER), 0);
}
