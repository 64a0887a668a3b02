/* Sentence splitting on real sentences (the sample corpus, WikiWars) and on written
 * cases for the rules in core/segment.c; the abbreviation set. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "split_text.h"

#define TEST_LANG (&en.lang) /* data/lang/en/words.lua, as the bindings hand it down */

TestSuite(segment, .init = split_setup, .fini = split_teardown);

/* The sentences of text are exactly want[0..nw): same bytes, covering every token. */
static void check_gaps(const char *text, const clio_gaps *gaps, const char *const *want,
                       size_t nw)
{
    split_text(text, gaps);
    size_t next = 0;
    for (size_t i = 0; i < sents.n; i++) {
        const clio_sentence *s = &sents.v[i];
        if (i < nw)
            cr_expect(s->end - s->start == (int64_t)strlen(want[i]) &&
                          !memcmp(text + s->start, want[i], strlen(want[i])),
                      "sentence %zu:\n  got  [%.*s]\n  want [%s]", i, (int)(s->end - s->start),
                      text + s->start, want[i]);
        cr_expect_eq(s->first_token, next, "sentence %zu: first token", i);
        cr_expect_gt(s->ntokens, 0);
        cr_expect_eq(s->start, toks.v[s->first_token].start);
        next = s->first_token + s->ntokens;
    }
    cr_expect_eq(next, toks.n, "sentences cover every token");
    cr_assert_eq(sents.n, nw, "%zu sentences, want %zu", sents.n, nw);
}

#define SPLIT(text, ...)                                                                   \
    do {                                                                                   \
        const char *const w_[] = {__VA_ARGS__};                                            \
        check_gaps(text, NULL, w_, sizeof w_ / sizeof *w_);                                \
    } while (0)

/* ---- real sentences ------------------------------------------------------------ */

Test(segment, wikiwars_us_and_initials)
{
    /* eval/wikiwars-dev/02_WW1.txt */
    SPLIT("The British and French wanted U.S. units used to reinforce their troops already on "
          "the battle lines and not waste scarce shipping on bringing over supplies. The U.S. "
          "rejected the first proposition and accepted the second. General John J. Pershing, "
          "American Expeditionary Force (AEF) commander, refused to break up U.S. units to be "
          "used as reinforcements for British Empire and French units. As an exception, he "
          "did allow",
          "The British and French wanted U.S. units used to reinforce their troops already on "
          "the battle lines and not waste scarce shipping on bringing over supplies.",
          "The U.S. rejected the first proposition and accepted the second.",
          "General John J. Pershing, American Expeditionary Force (AEF) commander, refused to "
          "break up U.S. units to be used as reinforcements for British Empire and French "
          "units.",
          "As an exception, he did allow");
}

Test(segment, wikiwars_us_title_and_us_at_sentence_end)
{
    /* 02_WW1.txt; 05_VietnamWar.txt */
    SPLIT("Soon after, U.S. President Wilson attempted to intervene as a peacemaker, asking in "
          "a note for both sides to state their",
          "Soon after, U.S. President Wilson attempted to intervene as a peacemaker, asking in "
          "a note for both sides to state their");
    SPLIT("had surpassed those of the U.S. As Kennedy took over, despite warnings from "
          "Eisenhower about Laos and Vietnam, Eur",
          "had surpassed those of the U.S.",
          "As Kennedy took over, despite warnings from Eisenhower about Laos and Vietnam, Eur");
}

Test(segment, wikiwars_dotted_initials_and_paragraphs)
{
    /* eval/wikiwars-dev/13_RussianCivWar.txt */
    SPLIT("7\n\nThe first attempt to regain power from the Bolsheviks was made by the "
          "Kerensky-Krasnov uprising in October, 1917. It was supported by the Junker mutiny in "
          "Petrograd, but quickly put down by the Red Guards, notably the Latvian rifle "
          "Division under I.I. Vatsetis.\nThe initial groups that fought against the Communists "
          "were local ",
          "7",
          "The first attempt to regain power from the Bolsheviks was made by the "
          "Kerensky-Krasnov uprising in October, 1917.",
          "It was supported by the Junker mutiny in Petrograd, but quickly put down by the Red "
          "Guards, notably the Latvian rifle Division under I.I. Vatsetis.",
          "The initial groups that fought against the Communists were local");
}

Test(segment, wikiwars_spaced_initials_and_ranks)
{
    /* eval/wikiwars-dev/03_AmCivWar.txt */
    SPLIT("Under orders from Confederate President Jefferson Davis, troops controlled by the "
          "Confederate government under P. G. T. Beauregard bombarded the fort with artillery "
          "on April 12, forcing the fort's capitulation. Northerners rallied ",
          "Under orders from Confederate President Jefferson Davis, troops controlled by the "
          "Confederate government under P. G. T. Beauregard bombarded the fort with artillery "
          "on April 12, forcing the fort's capitulation.",
          "Northerners rallied");
    SPLIT("a march by Union troops under the command of Maj. Gen. Irvin McDowell on the "
          "Confederate forces there was halted in the First Battle of Bull Run, or First "
          "Manassas, whereupon they were forced back to Washington, D.C., by Confederate "
          "troops under",
          "a march by Union troops under the command of Maj. Gen. Irvin McDowell on the "
          "Confederate forces there was halted in the First Battle of Bull Run, or First "
          "Manassas, whereupon they were forced back to Washington, D.C., by Confederate "
          "troops under");
}

Test(segment, wikiwars_saint)
{
    /* 02_WW1.txt */
    SPLIT("were again able to push forward at Amiens to take Peronne and Mont St. Quentin on 31 "
          "August. Further south the French First and Third Armies had slowly fought for",
          "were again able to push forward at Amiens to take Peronne and Mont St. Quentin on 31 "
          "August.",
          "Further south the French First and Third Armies had slowly fought for");
}

Test(segment, wikiwars_ellipses)
{
    /* 02_WW1.txt, three quotations of Ludendorff */
    SPLIT("Ludendorff wrote on the fighting in 1917, \"The 25th of August concluded the second "
          "phase of the Flanders battle. It had cost us heavily. ... The costly August battles "
          "in Flanders and at Verdun imposed a heavy strain on the Western troops.",
          "Ludendorff wrote on the fighting in 1917, \"The 25th of August concluded the second "
          "phase of the Flanders battle.",
          "It had cost us heavily. ...",
          "The costly August battles in Flanders and at Verdun imposed a heavy strain on the "
          "Western troops.");
    SPLIT("The enemy managed to adapt himself to our method of employing counter attacks... I "
          "myself was being put to a terrible strain. The state of affairs in the West "
          "appeared to prevent the",
          "The enemy managed to adapt himself to our method of employing counter attacks...",
          "I myself was being put to a terrible strain.",
          "The state of affairs in the West appeared to prevent the");
    SPLIT("Ludendorff wrote: \"Another terrific assault was made on our lines on the 20 "
          "September.... The enemy's onslaught on the 20th was successful, which proved the "
          "superiority of the attack over the defence.",
          "Ludendorff wrote: \"Another terrific assault was made on our lines on the 20 "
          "September....",
          "The enemy's onslaught on the 20th was successful, which proved the superiority of "
          "the attack over the defence.");
}

Test(segment, wikiwars_quotations)
{
    /* 02_WW1.txt; 04_AmRevWar.txt */
    SPLIT("The day after the battle Ludenforff told Colonel Mertz \"We cannot win the war any "
          "more, but we must not lose it either.\" On 11 August he offered his resignation to "
          "the Kaiser, who refused it and replied, \"I see that we must strike a balance. We "
          "have nearly reached the limit of our powers of resistance. The war must be "
          "ended.\" On 13 August at Spa, Hindenburg, Ludendorff, Chancellor and Foreign "
          "minister Hintz agreed th",
          "The day after the battle Ludenforff told Colonel Mertz \"We cannot win the war any "
          "more, but we must not lose it either.\"",
          "On 11 August he offered his resignation to the Kaiser, who refused it and replied, "
          "\"I see that we must strike a balance.",
          "We have nearly reached the limit of our powers of resistance.",
          "The war must be ended.\"",
          "On 13 August at Spa, Hindenburg, Ludendorff, Chancellor and Foreign minister Hintz "
          "agreed th");
    SPLIT("\"It was a joke,\" he said, \"to think of keeping Pennsylvania.\" There was no hope of "
          "recovering New England. But the King ",
          "\"It was a joke,\" he said, \"to think of keeping Pennsylvania.\"",
          "There was no hope of recovering New England.", "But the King");
}

Test(segment, sample_decree_with_numbered_items_and_citation)
{
    /* corpora/stalin-essays/01-consolidation-of-power.txt */
    SPLIT("Within days of his assassination people were being interrogated. This event also "
          "allowed Stalin to pass a decree stating “1) Investigation agencies are directed to "
          "speed up the cases of those accused of the preparation or execution of acts of "
          "terror 2) Judicial organs are directed not to hold up the execution of death "
          "sentences pertaining to crimes of this category in order to consider the "
          "possibility of pardon, since the Central Executive Committee of the USSR does not "
          "consider as possible the receiving of petitions of this sort. 3) The organs of the "
          "NKVD are directed to execute the death sentence against criminals of the above "
          "category immediately after the passing of sentences.”(Page 37, Kirov Murder) This "
          "decree would give Stalin more leeway in the future to rid himself of his "
          "opposition. Stalin’s justification for the decree",
          "Within days of his assassination people were being interrogated.",
          "This event also allowed Stalin to pass a decree stating “1) Investigation agencies "
          "are directed to speed up the cases of those accused of the preparation or execution "
          "of acts of terror 2) Judicial organs are directed not to hold up the execution of "
          "death sentences pertaining to crimes of this category in order to consider the "
          "possibility of pardon, since the Central Executive Committee of the USSR does not "
          "consider as possible the receiving of petitions of this sort. 3) The organs of the "
          "NKVD are directed to execute the death sentence against criminals of the above "
          "category immediately after the passing of sentences.”(Page 37, Kirov Murder)",
          "This decree would give Stalin more leeway in the future to rid himself of his "
          "opposition.",
          "Stalin’s justification for the decree");
}

Test(segment, sample_sentence_continues_across_a_gap)
{
    /* corpora/stalin-essays/01-consolidation-of-power.txt, with its marker as a gap */
    const char *text = "Shortly after the 1917 October Revolution this would change. His "
                       "ruthlessness and drive would propel him into the upper echelons of the "
                       "Soviet\n…show more content…\ngovernment. In 1922 while the Soviet "
                       "government was being organized";
    const char *m = strstr(text, "…show");
    clio_gap g = {m - text, m - text + (int64_t)strlen("…show more content…"), 0, 0};
    clio_gaps gaps = {.v = &g, .n = 1, .cap = 1};
    const char *const want[] = {
        "Shortly after the 1917 October Revolution this would change.",
        "His ruthlessness and drive would propel him into the upper echelons of the Soviet\n"
        "…show more content…\ngovernment.",
        "In 1922 while the Soviet government was being organized"};
    check_gaps(text, &gaps, want, 3);
}

Test(segment, sample_excerpts_joined_by_a_gap)
{
    /* corpora/stalin-essays.txt: two excerpts, the first cut off */
    const char *text = "In 1929 for example, Bukha... ... middle of paper ... ...\nIn the "
                       "beginning Josef Stalin was a worshiper of his beloved Vladimir Lenin.";
    const char *m = strstr(text, "... middle");
    clio_gap g = {m - text, m - text + (int64_t)strlen("... middle of paper ..."), 0, 0};
    clio_gaps gaps = {.v = &g, .n = 1, .cap = 1};
    const char *const want[] = {
        "In 1929 for example, Bukha... ... middle of paper ... ...",
        "In the beginning Josef Stalin was a worshiper of his beloved Vladimir Lenin."};
    check_gaps(text, &gaps, want, 2);
}

Test(segment, sample_lost_apostrophe_is_no_question)
{
    /* corpora/stalin-essays/07-party-machine.txt */
    SPLIT("expelling those members likely to support Trotsky. Stalin?s control of appointments "
          "and membership also made him a valua",
          "expelling those members likely to support Trotsky.",
          "Stalin?s control of appointments and membership also made him a valua");
}

/* ---- written cases -------------------------------------------------------------- */

Test(segment, initials_before_names_and_openers)
{
    SPLIT("The order was signed by J. Stalin and sent at once. Nobody objected.",
          "The order was signed by J. Stalin and sent at once.", "Nobody objected.");
    SPLIT("He fought in World War I. The war changed him.", "He fought in World War I.",
          "The war changed him.");
}

Test(segment, abbreviations_from_the_list)
{
    SPLIT("Mr. Smith met Dr. Jones on St. Patrick's Day, i.e. in March, etc. The meeting (see "
          "p. 37, fig. 2) went well. Gen. Tukhachevsky was shot in 1937. Sept. 1937 saw more "
          "arrests.",
          "Mr. Smith met Dr. Jones on St. Patrick's Day, i.e. in March, etc.",
          "The meeting (see p. 37, fig. 2) went well.",
          "Gen. Tukhachevsky was shot in 1937.", "Sept. 1937 saw more arrests.");
}

Test(segment, abbreviation_before_a_paragraph_break)
{
    SPLIT("He served under Gen.\n\nStalin did not.", "He served under Gen.", "Stalin did not.");
    SPLIT("Troops came from the U.S.\n\nMany stayed.", "Troops came from the U.S.",
          "Many stayed.");
}

Test(segment, hard_wrapped_lines_are_not_sentences)
{
    SPLIT("Stalin was able to gain control of the\nSoviet Union through a series of\npolitical "
          "maneuvers. He would go\nagainst many of Lenin’s teachings.\n",
          "Stalin was able to gain control of the\nSoviet Union through a series of\npolitical "
          "maneuvers.",
          "He would go\nagainst many of Lenin’s teachings.");
}

Test(segment, paragraph_break_ends_a_sentence)
{
    SPLIT("Chapter One\n\nThe war began in 1914.\r\n\r\nNotes\nsee below",
          "Chapter One", "The war began in 1914.", "Notes\nsee below");
    SPLIT("a line\n   \nwith spaces between", "a line", "with spaces between");
}

Test(segment, list_markers_at_line_start)
{
    SPLIT("The decree had two parts:\n1. Arrests were to be quick.\n2. Appeals were refused.\n",
          "The decree had two parts:\n1. Arrests were to be quick.",
          "2. Appeals were refused.");
}

Test(segment, numbered_items_do_not_start_sentences)
{
    SPLIT("It said: 1) arrest them. 2) try them. a) at once. Done.",
          "It said: 1) arrest them. 2) try them. a) at once.", "Done.");
}

Test(segment, exclamations_and_questions)
{
    SPLIT("Who ordered it? Stalin did! Or so they said?! nobody knows.", "Who ordered it?",
          "Stalin did!", "Or so they said?! nobody knows.");
}

Test(segment, period_before_lowercase_or_comma_does_not_end)
{
    SPLIT("The vote was 5 vs. 3 in favour. and then the session closed. Approx., they said.",
          "The vote was 5 vs. 3 in favour. and then the session closed.",
          "Approx., they said.");
}

Test(segment, closing_quotes_and_brackets)
{
    SPLIT("(He resigned.) Then he left. [Sic.] He wrote: “The party is everything.” Few "
          "disagreed. ‘Never.’ End.",
          "(He resigned.)", "Then he left.", "[Sic.]",
          "He wrote: “The party is everything.”", "Few disagreed.", "‘Never.’", "End.");
}

Test(segment, ellipsis_needs_a_sentence_start_after_it)
{
    SPLIT("He paused... and went on… “Go!” he said… 1937 came.",
          "He paused... and went on…", "“Go!” he said…", "1937 came.");
}

Test(segment, opening_quote_after_period_starts_a_sentence)
{
    SPLIT("It ended. \"Never again,\" they said.", "It ended.",
          "\"Never again,\" they said.");
}

Test(segment, no_abbreviations_given)
{
    toks.n = sents.n = 0;
    const char *text = "Mr. Smith left. Gen. Jones stayed.";
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab,
                               &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, NULL, &sents), 0);
    cr_expect_eq(sents.n, 4); /* without the list every period ends a sentence */
}

Test(segment, empty_input_and_appending)
{
    cr_assert_eq(clio_sentences_split("", NULL, 0, NULL, TEST_LANG, &sents), 0);
    cr_expect_eq(sents.n, 0);
    split_text("One. Two.", NULL);
    cr_assert_eq(sents.n, 2);
    cr_assert_eq(clio_sentences_split("One. Two.", toks.v, toks.n, NULL, TEST_LANG, &sents), 0);
    cr_expect_eq(sents.n, 4, "appends");
    cr_expect_eq(clio_sentences_split("x", NULL, 1, NULL, TEST_LANG, &sents), CLIO_EARG);
}

Test(segment, offsets_in_a_document_inside_a_file)
{
    const char *text = "HEAD\nOne two. Three four.\nTAIL";
    toks.n = sents.n = 0;
    cr_assert_eq(clio_tokenize(text, 5, 25, NULL, CLIO_FOLD_DEFAULT, TEST_LANG, vocab, &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, TEST_LANG, &sents), 0);
    cr_assert_eq(sents.n, 2);
    cr_expect_eq(sents.v[0].start, 5);
    cr_expect_eq(sents.v[0].end, 13);
    cr_expect_eq(sents.v[1].start, 14);
    cr_expect_eq(sents.v[1].end, 25);
    cr_expect_eq(sents.v[1].first_token, 3);
    cr_expect_eq(sents.v[1].ntokens, 3);
}

/* ---- the abbreviation set --------------------------------------------------------- */

Test(segment, abbrevs_lookup_ignores_case_and_final_dot)
{
    cr_expect(clio_wordset_has(en.lang.abbreviations, "Gen", 3));
    cr_expect(clio_wordset_has(en.lang.abbreviations, "gen.", 4));
    cr_expect(clio_wordset_has(en.lang.abbreviations, "GEN", 3));
    cr_expect(clio_wordset_has(en.lang.abbreviations, "e.g.", 4));
    cr_expect(clio_wordset_has(en.lang.abbreviations, "e.g", 3));
    cr_expect(clio_wordset_has(en.lang.abbreviations, "Sept", 4));
    cr_expect(!clio_wordset_has(en.lang.abbreviations, "General", 7));
    cr_expect(!clio_wordset_has(en.lang.abbreviations, "end", 3));
    cr_expect(!clio_wordset_has(en.lang.abbreviations, "", 0));
    cr_expect(!clio_wordset_has(en.lang.abbreviations, ".", 1));
    cr_expect(!clio_wordset_has(NULL, "Gen", 3));
}

Test(segment, abbrevs_parse_comments_blanks_unicode)
{
    const char *src = "# titles\n  Mr.  \n\nDr # doctor\r\nСв.\n\tjr\t\n";
    clio_wordset *a;
    cr_assert_eq(clio_wordset_parse(src, strlen(src), "t", &a, NULL), 0);
    cr_expect(clio_wordset_has(a, "mr", 2));
    cr_expect(clio_wordset_has(a, "DR.", 3));
    cr_expect(clio_wordset_has(a, "Jr", 2));
    cr_expect(clio_wordset_has(a, "св", strlen("св")));
    cr_expect(clio_wordset_has(a, "СВ.", strlen("СВ.")));
    cr_expect(!clio_wordset_has(a, "titles", 6));
    cr_expect(!clio_wordset_has(a, "doctor", 6));
    clio_wordset_free(a);

    cr_assert_eq(clio_wordset_parse("", 0, "empty", &a, NULL), 0);
    cr_expect(!clio_wordset_has(a, "mr", 2));
    clio_wordset_free(a);
    clio_wordset_free(NULL);
}

Test(segment, abbrevs_parse_errors_name_the_line)
{
    clio_wordset *a = (clio_wordset *)1;
    clio_error err;
    clio_error_clear(&err);
    const char *src = "Mr\nDr\nSt Jr\n";
    cr_assert_eq(clio_wordset_parse(src, strlen(src), "abbr.txt", &a, &err), CLIO_EFORMAT);
    cr_expect_null(a);
    cr_expect_eq(err.line, 3);
    cr_expect_str_eq(err.path, "abbr.txt");
    cr_expect_eq(err.offset, 6);
    cr_expect_str_eq(err.message, "a word holds no spaces: 'St Jr'");
    const char bad[] = "ok\nb\xFF\n";
    clio_error_clear(&err);
    cr_assert_eq(clio_wordset_parse(bad, sizeof bad - 1, "x", &a, &err), CLIO_EFORMAT);
    cr_expect_eq(err.line, 2);
}

Test(segment, openers_and_abbreviations_are_the_languages)
{
    /* after "etc." a sentence ends only before an opener of the language */
    split_text("Bread, salt etc. The war went on.", NULL);
    cr_expect_eq(sents.n, 2, "The is an English opener");
    clio_lang mine = en.lang;
    clio_wordset *openers;
    cr_assert_eq(clio_wordset_parse("Puis\n", 5, "t", &openers, NULL), 0);
    mine.sentence_openers = openers;
    toks.n = sents.n = 0;
    const char *text = "Bread, salt etc. The war went on. Bread etc. Puis war.";
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, &mine,
                               vocab, &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, &mine, &sents), 0);
    cr_expect_eq(sents.n, 3, "after etc. only Puis opens a sentence, The does not");
    mine.abbreviations = NULL;
    toks.n = sents.n = 0;
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, &mine,
                               vocab, &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, &mine, &sents), 0);
    cr_expect_eq(sents.n, 4, "without abbreviations every period ends one");
    clio_wordset_free(openers);
}

/* "w0 w1 w2 ..." with no sentence end: n words of `len` letters each. */
static char *endless_words(size_t n, size_t len)
{
    char *s = malloc(n * (len + 1) + 1), *p = s;
    for (size_t i = 0; i < n; i++) {
        memset(p, 'a' + (char)(i % 26), len);
        p[len] = ' ';
        p += len + 1;
    }
    *p = 0;
    return s;
}

/* Every token in exactly one sentence, in order; each within the cap. */
static void expect_windows(size_t max_tokens, int64_t max_bytes)
{
    size_t next = 0;
    for (size_t i = 0; i < sents.n; i++) {
        const clio_sentence *s = &sents.v[i];
        cr_expect_eq(s->first_token, next, "window %zu starts where the last ended", i);
        cr_expect_leq(s->ntokens, max_tokens, "window %zu: %u tokens", i, s->ntokens);
        cr_expect_leq(s->end - s->start, max_bytes, "window %zu: %lld bytes", i,
                      (long long)(s->end - s->start));
        next = s->first_token + s->ntokens;
    }
    cr_expect_eq(next, toks.n, "the windows cover every token");
}

Test(segment, a_sentence_without_end_is_cut_at_the_token_cap)
{
    char *text = endless_words(2500, 3); /* 10 KB, under the byte cap */
    split_text(text, NULL);
    cr_assert_eq(sents.n, 3, "2500 tokens: windows of 1000, 1000 and 500");
    cr_expect_eq(sents.v[0].ntokens, CLIO_SENTENCE_MAX_TOKENS);
    cr_expect_eq(sents.v[0].flags, CLIO_SF_CUT);
    cr_expect_eq(sents.v[1].flags, CLIO_SF_CUT);
    cr_expect_eq(sents.v[2].flags, 0, "the last one ends with the text, not the cap");
    expect_windows(CLIO_SENTENCE_MAX_TOKENS, CLIO_SENTENCE_MAX_BYTES);
    free(text);
}

Test(segment, a_sentence_without_end_is_cut_at_the_byte_cap)
{
    char *text = endless_words(900, 199); /* 180 KB in 900 tokens: the bytes decide */
    split_text(text, NULL);
    cr_assert_geq(sents.n, 3);
    for (size_t i = 0; i + 1 < sents.n; i++)
        cr_expect_eq(sents.v[i].flags, CLIO_SF_CUT, "window %zu was cut", i);
    expect_windows(CLIO_SENTENCE_MAX_TOKENS, CLIO_SENTENCE_MAX_BYTES);
    free(text);
}

Test(segment, ordinary_sentences_are_not_cut_and_the_cap_is_the_languages)
{
    split_text("The war ended. A long peace followed it.", NULL);
    cr_assert_eq(sents.n, 2);
    cr_expect_eq(sents.v[0].flags | sents.v[1].flags, 0);

    clio_lang mine = en.lang;
    mine.sentence_max_tokens = 4;
    const char *text = "one two three four five six seven. Eight nine.";
    toks.n = sents.n = 0;
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, &mine,
                               vocab, &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, &mine, &sents), 0);
    cr_assert_eq(sents.n, 3, "a cap of 4: [one..four] [five six seven .] [Eight nine .]");
    cr_expect_eq(sents.v[0].ntokens, 4);
    cr_expect_eq(sents.v[0].flags, CLIO_SF_CUT);
    cr_expect_eq(sents.v[1].ntokens, 4, "the period still ends the second window");
    cr_expect_eq(sents.v[1].flags, 0);

    mine.sentence_max_tokens = 0;
    mine.sentence_max_bytes = 10;
    toks.n = sents.n = 0;
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, &mine,
                               vocab, &toks), 0);
    cr_assert_eq(clio_sentences_split(text, toks.v, toks.n, NULL, &mine, &sents), 0);
    cr_expect_eq(sents.v[0].end - sents.v[0].start, 7, "[one two] fits 10 bytes, three does not");
    expect_windows(1000, 10);
}

Test(segment, a_run_of_terminals_on_one_line_is_capped_too)
{
    /* "! ! ! ..." is one terminal group; the cap still bounds the sentence */
    size_t n = 5000;
    char *text = malloc(2 * n + 8);
    memcpy(text, "Alas ", 5);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 5 + 2 * i, "! ", 2);
    text[5 + 2 * n] = 0;
    split_text(text, NULL);
    expect_windows(CLIO_SENTENCE_MAX_TOKENS, CLIO_SENTENCE_MAX_BYTES);
    free(text);
}
