/* The query language: errors with exact character offsets, and every operator
 * evaluated over a small corpus with metadata. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clio.h"
#include "index.h"
#include "profile_words.h"
#include "tmpdir.h"

static clio_index *ix;
static test_lang en; /* the corpus is English: data/lang/en/words.lua */

/* Two documents with metadata; sentences numbered in the comments. */
static const char DOC1[] =
    "Stalin met Trotsky in Moscow. Lenin's heirs quarrelled.\n\n"   /* s0, s1 */
    "Lenins party split, and the Stalinists won. TROTSKY fled.\n"; /* s2, s3 */
static const char DOC2[] =
    "The United States and the Soviet Union. Trotsky wrote; Stalin read the letter.\n"
    "United we stand.\n";

static void setup(void)
{
    tmpdir_make();
    tmpdir_put("a.txt", DOC1);
    tmpdir_put("b.txt", DOC2);
    tmpdir_put("metadata.csv", "file,year,author\na.txt,1925,Wood\nb.txt,1931,Carr\n");
    test_lang_load(&en, "en");
    clio_corpus_opts o = {.lang = &en.lang};
    ix = tmpdir_index(&o);
}

static void teardown(void)
{
    clio_index_close(ix);
    test_lang_free(&en);
    tmpdir_remove();
}

TestSuite(query, .init = setup, .fini = teardown);

static size_t count(const char *q)
{
    clio_hits h = {0};
    clio_error err;
    int rc = clio_query_lang(ix, q, strlen(q), &en.lang, &h, &err);
    cr_assert_eq(rc, 0, "%s: %s", q, err.message);
    free(h.v);
    return h.n;
}

/* A refusal whose message starts with `prefix`, at any offset inside the query. */
static void fails_with(const char *q, const char *prefix)
{
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, q, strlen(q), &h, &err), CLIO_EFORMAT, "%s", q);
    cr_assert_leq(err.offset, (int64_t)strlen(q), "%s", q);
    cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s: %s", q, err.message);
    free(h.v);
}

/* Hits of q under a language whose only list is the possessive suffix (or none). */
static size_t count_with_suffix(const char *q, const char *suffix)
{
    clio_lang lang = {.possessive_suffix = suffix};
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query_lang(ix, q, strlen(q), &lang, &h, &err), 0, "%s", err.message);
    free(h.v);
    return h.n;
}

Test(query, the_possessive_suffix_is_the_language_s)
{
    /* "Lenins party" counts for Lenin only with the English suffix "s" */
    cr_expect_eq(count_with_suffix("Lenin", "s"), 2);
    cr_expect_eq(count_with_suffix("Lenin", NULL), 1);
    cr_expect_eq(count_with_suffix("Lenin", "ns"), 1, "Leninns is no word here");
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, "Lenin", 5, &h, &err), 0);
    cr_expect_eq(h.n, 1, "clio_query knows no language");
    free(h.v);
}

static void fails(const char *q, int offset, const char *message)
{
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, q, strlen(q), &h, &err), CLIO_EFORMAT, "%s", q);
    cr_assert_eq(err.offset, offset, "%s: offset %lld", q, (long long)err.offset);
    cr_assert_str_eq(err.message, message, "%s", q);
    free(h.v);
}

Test(query, errors_name_the_character_offset)
{
    fails("(stalin OR trotsky", 18, "query error at 18: expected \")\"");
    fails("stalin AND", 10, "query error at 10: expected a word, a phrase or \"(\"");
    fails("stalin)", 6, "query error at 6: unexpected \")\"");
    fails("\"united states", 14, "query error at 14: expected \"\\\"\" to end the phrase");
    fails("stalin NEAR/x trotsky", 12, "query error at 12: expected a distance after NEAR/ (NEAR/5)");
    fails("/[a/", 3, "query error at 3: bad regular expression: missing terminating ] for character class");
    fails("NOT stalin", 0, "query error at 0: NOT needs something before it (a NOT b)");
    fails("OR stalin", 0, "query error at 0: expected a word before OR");
    fails("", 0, "query error at 0: expected a word, a phrase or \"(\"");
    fails("year:1920..1930", 0, "query error at 0: a query needs a word or phrase, not only metadata filters");
    fails("stalin OR year:1925", 7, "query error at 7: OR joins words with words or filters with filters");
    fails("year:19x..1930 stalin", 5, "query error at 5: expected a number, not \"19x\"");
    /* offsets count characters, not bytes */
    fails("Trótsky AND (x", 14, "query error at 14: expected \")\"");
    fails("=stal*", 0, "query error at 0: =word and word* do not go together");
}

Test(query, deep_nesting_is_refused_not_recursed)
{
    /* a fuzzed query of thousands of "(" overflowed the parser's stack */
    static char q[20001];
    memset(q, '(', 20000);
    fails(q, 100, "query error at 100: parentheses nested more than 100 deep");
    char ok[256] = {0};
    memset(ok, '(', 50);
    strcat(ok, "trotsky");
    memset(ok + strlen(ok), ')', 50);
    cr_assert_gt(count(ok), 0, "fifty levels are fine");
}

/* Repeats a query part n times, joined by sep, into a fresh string. */
static char *chain(const char *part, const char *sep, size_t n)
{
    size_t len = n * (strlen(part) + strlen(sep)) + 64; /* room for a tail */
    char *q = malloc(len), *w = q;
    cr_assert_not_null(q);
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "%s%s", i ? sep : "", part);
    return q;
}

Test(query, long_queries_are_walked_not_recursed)
{
    /* "a b c ..." is a left spine as long as the query: a fuzzed query of a few
     * thousand words overflowed the evaluator's stack */
    char *q = chain("stalin trotsky", " ", 100000);
    cr_assert_eq(count(q), count("stalin trotsky"));
    free(q);
    q = chain("zzz", " OR ", 100000);
    strcat(q, " OR trotsky");
    cr_assert_eq(count(q), count("trotsky"));
    free(q);
    /* each NEAR wants one more Trotsky than the corpus has in a document */
    q = chain("trotsky", " NEAR/40 ", 50000);
    cr_assert_eq(count(q), 0);
    free(q);
}

Test(query, costly_regular_expressions_are_refused)
{
    /* regcomp copied repeated repetitions ("a+++", "(a{99}){99}": gigabytes); PCRE2
     * compiles in bounded memory, refuses what it cannot compile with the byte, and
     * stops a match that backtracks past its limits */
    fails("/la++++/", 5, "query error at 5: bad regular expression: quantifier does not follow a repeatable item");
    fails("x /(a{99999}){99}/", 11, "query error at 11: bad regular expression: number too big in {} quantifier");
    fails("/ab(c/", 5, "query error at 5: bad regular expression: missing closing parenthesis");
    char deep[300] = "/";
    memset(deep + 1, '(', 100);
    memcpy(deep + 101, "a/", 3);
    fails_with(deep, "query error at 66: bad regular expression: parentheses are too deeply nested");
    /* exponential backtracking on every term: stopped by the match limit */
    fails_with("/(\\w*)*(\\w*)*(\\w*)*(\\w*)*(\\w*)*(\\w*)*[0-9][0-9]/",
               "query error at 0: regular expression too costly");
    cr_assert_gt(count("/trotsk(y|ies)/"), 0, "ordinary expressions still work");
    cr_assert_geq(count("/[a-z]{2,4}s/"), 0);
    cr_assert_geq(count("/x[+*]+/"), 0, "quantifier characters in brackets are literal");
}

/* Unicode: . is one character, \w and classes know letters beyond ASCII. */
Test(query, regular_expressions_read_utf8)
{
    cr_assert_eq(count("/stalin/"), count("stalin"));
    cr_assert_eq(count("/STALIN/"), count("stalin"), "case-insensitive");
    cr_assert_eq(count("/\\w+ists/"), 1, "stalinists through \\w");
}

Test(query, words_fold_and_possessives)
{
    cr_assert_eq(count("trotsky"), 3);
    cr_assert_eq(count("TROTSKY"), 3);
    /* Lenin finds Lenin's (split into lenin + 's) and Lenins (capitalized, no apostrophe) */
    cr_assert_eq(count("Lenin"), 2);
    cr_assert_eq(count("lenin"), 1, "the possessive rule needs a capitalized query");
    cr_assert_eq(count("stalin"), 2);
    cr_assert_eq(count("=Stalin"), 2);
    cr_assert_eq(count("=TROTSKY"), 1);
    cr_assert_eq(count("=trotsky"), 0);
    cr_assert_eq(count("Lenin's"), 1, "a word of two tokens is a phrase");
    cr_assert_eq(count("nosuchword"), 0);
}

Test(query, prefixes_and_regular_expressions)
{
    cr_assert_eq(count("stalin*"), 3); /* stalin x2, stalinists */
    cr_assert_eq(count("/s.*ts/"), 1);  /* stalinists */
    cr_assert_eq(count("/(united|states)/"), 3); /* whole terms: united x2, states */
    cr_assert_eq(count("/unit/"), 0);
}

Test(query, phrases_near_and_sentences)
{
    cr_assert_eq(count("\"united states\""), 1);
    cr_assert_eq(count("\"soviet union\""), 1);
    cr_assert_eq(count("\"the u*\""), 1); /* the United */
    cr_assert_eq(count("\"union trotsky\""), 0, "the full stop is a token between them");
    cr_assert_eq(count("stalin NEAR/1 trotsky"), 1);  /* Stalin met Trotsky */
    cr_assert_eq(count("stalin NEAR/0 trotsky"), 0);
    cr_assert_eq(count("trotsky NEAR/3 stalin"), 2);  /* also: Trotsky wrote ; Stalin */
    cr_assert_eq(count("SENT(trotsky NEAR/5 stalin)"), 2);
    cr_assert_eq(count("SENT(lenin AND split)"), 0);
    cr_assert_eq(count("SENT(moscow AND trotsky)"), 2);
    cr_assert_eq(count("moscow AND trotsky"), 3); /* same document: moscow + two trotskys */
}

Test(query, boolean_operators_and_metadata)
{
    cr_assert_eq(count("stalin OR trotsky"), 5);
    cr_assert_eq(count("trotsky AND letter"), 2);
    cr_assert_eq(count("trotsky NOT letter"), 2);
    cr_assert_eq(count("trotsky AND NOT letter"), 2);
    cr_assert_eq(count("(stalin OR lenin) AND moscow"), 3);
    cr_assert_eq(count("trotsky year:1920..1930"), 2);
    cr_assert_eq(count("trotsky AND year:1930..1940"), 1);
    cr_assert_eq(count("trotsky author:wood"), 2);
    cr_assert_eq(count("trotsky AND (author:carr OR author:wood)"), 3);
    cr_assert_eq(count("trotsky NOT author:wood"), 1);
    cr_assert_eq(count("trotsky doc:b.txt"), 1);
}
