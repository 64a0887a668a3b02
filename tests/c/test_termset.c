/* Term sets and candidate sentences: what may start a match of a Lua grammar. */
#include <criterion/criterion.h>
#include <stdio.h>
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
    cr_assert_eq(clio_tokenize(text, 0, (int64_t)strlen(text), NULL, CLIO_FOLD_DEFAULT, NULL, v, &t), 0);
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

Test(termset, words_only_numbers_are_no_hits_unless_in_the_set)
{
    const char *words[] = {"died", "1917", "elected"};
    size_t lens[] = {4, 4, 7};
    clio_termset *s;
    cr_assert_eq(clio_termset_new_words(words, lens, 3, &s), 0);
    cr_assert_eq(hit_of(s, "Died"), 1, "a word of the set");
    cr_assert_eq(hit_of(s, "1922"), 0, "a number not in the set");
    cr_assert_eq(hit_of(s, "1917"), 1, "a number in the set");
    cr_assert_eq(hit_of(s, "mid-1916"), 0, "a part starting with a digit");
    cr_assert_eq(hit_of(s, "re-elected"), 1, "a part in the set");
    cr_assert_eq(hit_of(s, "Trotsky"), 0);
    clio_termset_free(s);
    /* the grammar set over the same words still takes any number */
    cr_assert_eq(clio_termset_new(words, lens, 3, &s), 0);
    cr_assert_eq(hit_of(s, "1922"), 1);
    cr_assert_eq(hit_of(s, "mid-1916"), 1);
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

/* ---- candidates block by block ------------------------------------------------------ */

/* The candidates of document i in blocks of about `bytes`, appended to *out; checks
 * that each block ends just after a blank line (or at the document's end) and that the
 * blocks reach the end. Returns the number of blocks. */
static size_t blocks_of(clio_corpus *c, size_t i, clio_termset *s, int64_t bytes,
                        clio_candidates *out)
{
    const clio_doc *d = clio_corpus_doc(c, i);
    int64_t pos = d->start, sentence = 0, last_sentence = -1;
    size_t blocks = 0;
    while (pos < d->end) {
        clio_candidates block = {0};
        int64_t next = -1, before = sentence;
        cr_assert_eq(clio_corpus_candidate_block(c, i, s, 0, pos, bytes, &sentence, &next, &block),
                     0);
        cr_assert_gt(next, pos, "a block moves on (from %lld)", (long long)pos);
        cr_assert_leq(next, d->end);
        cr_assert_geq(sentence, before, "sentence numbers run on");
        if (next < d->end) {
            /* just after a blank line: "\n", then spaces, tabs or CRs, then "\n" */
            cr_assert_eq(d->file->bytes[next - 1], '\n', "block %zu ends after a line break", blocks);
            int64_t k = next - 2;
            while (k > d->start && (d->file->bytes[k] == ' ' || d->file->bytes[k] == '\t' || d->file->bytes[k] == '\r'))
                k--;
            cr_assert_eq(d->file->bytes[k], '\n', "block %zu ends just after a blank line (at %lld)",
                         blocks, (long long)next);
        }
        for (size_t k = 0; k < block.n; k++) {
            cr_assert_geq(block.v[k].start, pos, "a candidate lies in its block");
            cr_assert_leq(block.v[k].end, next, "a candidate lies in its block");
            cr_assert_gt(block.v[k].sentence, last_sentence, "sentences strictly increase");
            cr_assert_geq(block.v[k].sentence, before);
            cr_assert_lt(block.v[k].sentence, sentence);
            last_sentence = block.v[k].sentence;
            cr_assert_eq(clio_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v), 0);
            out->v[out->n++] = block.v[k];
        }
        free(block.v);
        pos = next;
        blocks++;
    }
    cr_assert_eq(pos, d->end, "the blocks reach the document's end");
    return blocks;
}

static void assert_same_candidates(const clio_candidates *a, const clio_candidates *b,
                                   const char *what)
{
    cr_assert_eq(a->n, b->n, "%s: %zu candidates, want %zu", what, a->n, b->n);
    for (size_t k = 0; k < a->n; k++) {
        cr_assert_eq(a->v[k].start, b->v[k].start, "%s: candidate %zu start", what, k);
        cr_assert_eq(a->v[k].end, b->v[k].end, "%s: candidate %zu end", what, k);
        cr_assert_eq(a->v[k].sentence, b->v[k].sentence, "%s: candidate %zu sentence", what, k);
    }
}

Test(termset, candidate_blocks_equal_candidates_of_the_whole_document)
{
    const char *text = "Stalin rose. In January 1924 Lenin died. The troika ruled.\n\n"
                       "Trotsky lost. A ten-day congress met. Nothing else.\n \t\r\n"
                       "No date here. Nor here.\n\n\n"
                       "The next year came. He was alone.\r\n\r\n"
                       "In September 1928 the turn. It went on\nfor a day and\n\n"
                       "Last words in 1953";
    clio_termset *s = months();
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "t", text, strlen(text), NULL), 0);
    clio_candidates whole = {0};
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &whole), 0);
    cr_assert_eq(whole.n, 6);
    int64_t sizes[] = {1, 10, 60, 100, 200, 100000};
    size_t want_blocks[] = {6, 6, 3, 3, 2, 1}; /* six paragraphs */
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        clio_candidates got = {0};
        size_t blocks = blocks_of(c, 0, s, sizes[k], &got);
        cr_assert_eq(blocks, want_blocks[k], "blocks of %lld bytes: %zu", (long long)sizes[k],
                     blocks);
        assert_same_candidates(&got, &whole, "streamed blocks");
        free(got.v);
    }
    /* the same once the document is analysed */
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    clio_candidates kept = {0}, got = {0};
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &kept), 0);
    assert_same_candidates(&kept, &whole, "analysed");
    blocks_of(c, 0, s, 1, &got);
    assert_same_candidates(&got, &whole, "blocks of an analysed document");
    free(got.v);
    free(kept.v);
    /* nonsense refused */
    int64_t sentence = 0, next = 0;
    clio_candidates none = {0};
    cr_assert_eq(clio_corpus_candidate_block(c, 1, s, 0, 0, 10, &sentence, &next, &none), CLIO_EARG);
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 0, 0, 0, &sentence, &next, &none), CLIO_EARG);
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 0, -1, 10, &sentence, &next, &none),
                 CLIO_EARG);
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 0, (int64_t)strlen(text) + 1, 10, &sentence,
                                             &next, &none),
                 CLIO_EARG);
    /* at the end: an empty block that stays there */
    sentence = 7;
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 0, (int64_t)strlen(text), 10, &sentence,
                                             &next, &none),
                 0);
    cr_assert_eq(none.n, 0);
    cr_assert_eq(next, (int64_t)strlen(text));
    cr_assert_eq(sentence, 7);
    free(none.v);
    free(whole.v);
    clio_corpus_free(c);
    clio_termset_free(s);
}

Test(termset, candidate_blocks_of_a_large_document_and_of_documents_inside_a_file)
{
    /* the sample corpus, its lines as paragraphs, a hundred times over (2.4 MB): blocks
     * larger than the core's scan pieces (1 MB), and many small ones */
    FILE *f = fopen(CLIO_SOURCE_DIR "/data/corpora/stalin-essays.txt", "rb");
    cr_assert_not_null(f);
    static char one[65536];
    size_t n = 0;
    int ch;
    while ((ch = fgetc(f)) != EOF && n + 2 < sizeof one) {
        one[n++] = (char)ch;
        if (ch == '\n')
            one[n++] = '\n';
    }
    fclose(f);
    size_t copies = 100, total = n * copies;
    char *big = malloc(total);
    for (size_t k = 0; k < copies; k++)
        memcpy(big + k * n, one, n);
    clio_termset *s = months();
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "big", big, total, NULL), 0);
    clio_candidates whole = {0};
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &whole), 0);
    cr_assert_gt(whole.n, 100 * 20);
    int64_t sizes[] = {1, 5000, 1500000};
    for (size_t k = 0; k < 3; k++) {
        clio_candidates got = {0};
        size_t blocks = blocks_of(c, 0, s, sizes[k], &got);
        cr_assert_gt(blocks, 1);
        assert_same_candidates(&got, &whole, "a large document");
        free(got.v);
    }
    clio_corpus_free(c);
    free(whole.v);
    free(big);

    /* documents that start inside their file (--split separator): blocks from each
     * document's start, sentences numbered from 0 in each */
    const char *text = "First part in 1920.\n\nMore of it in 1921.\n---\n"
                       "Second part in 1922. Then nothing.\n\nAnd 1923.\n\nDone in 1924.\n";
    clio_corpus_opts o = {.split = CLIO_SPLIT_SEPARATOR, .separator = "---"};
    c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_memory(c, "sep", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_ndocs(c), 2);
    const clio_doc *d = clio_corpus_doc(c, 1);
    cr_assert_gt(d->start, 0);
    int64_t sentence = 0, next = 0;
    clio_candidates none = {0};
    cr_assert_eq(clio_corpus_candidate_block(c, 1, s, 0, d->start - 1, 10, &sentence, &next, &none),
                 CLIO_EARG, "a start before the document");
    for (size_t i = 0; i < 2; i++) {
        clio_candidates all = {0}, got = {0};
        cr_assert_eq(clio_corpus_candidates(c, i, s, 0, &all), 0);
        cr_assert_eq(all.v[0].sentence, 0);
        cr_assert_eq(blocks_of(c, i, s, 1, &got), i == 0 ? 2 : 3);
        assert_same_candidates(&got, &all, "a document inside a file");
        free(all.v);
        free(got.v);
    }
    clio_corpus_free(c);
    clio_termset_free(s);
}

Test(termset, candidate_blocks_merge_neighbours_within_a_block_only)
{
    const char *text = "In 1920 it began. In 1921 it went on.\n\nIn 1922 it ended. So 1923 came.";
    clio_termset *s = months();
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "m", text, strlen(text), NULL), 0);
    clio_candidates merged = {0};
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 1, &merged), 0);
    cr_assert_eq(merged.n, 1, "four neighbours, one span");
    int64_t sentence = 0, next = 0;
    clio_candidates a = {0}, b = {0};
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 1, 0, 1, &sentence, &next, &a), 0);
    cr_assert_eq(a.n, 1);
    cr_assert_eq(a.v[0].start, 0);
    cr_assert_eq(a.v[0].end, (int64_t)(strstr(text, "on.") - text) + 3);
    cr_assert_eq(next, (int64_t)(strstr(text, "In 1922") - text));
    cr_assert_eq(sentence, 2);
    cr_assert_eq(clio_corpus_candidate_block(c, 0, s, 1, next, 1, &sentence, &next, &b), 0);
    cr_assert_eq(b.n, 1);
    cr_assert_eq(b.v[0].sentence, 2);
    cr_assert_eq(b.v[0].end, (int64_t)strlen(text));
    cr_assert_eq(next, (int64_t)strlen(text));
    cr_assert_eq(sentence, 4);
    free(a.v);
    free(b.v);
    free(merged.v);
    clio_corpus_free(c);
    clio_termset_free(s);
}

Test(termset, paragraph_after_finds_blank_lines_outside_gaps)
{
    const char *rules_src = "middle-of-paper marker ... middle of paper ...\n";
    clio_clean_rules *r;
    cr_assert_eq(clio_clean_rules_parse(rules_src, strlen(rules_src), "r", &r, NULL), 0);
    clio_corpus_opts o = {.rules = r};
    clio_corpus *c = clio_corpus_new(&o);
    const char *text = "One line.\nTwo lines.\n\n"     /* a blank line: cut at 22 */
                       "Then spaces\n \t\r\n"          /* blank with white space: 38 */
                       "A gap ...\n\nmiddle\n\nof paper ... here.\n\n" /* gap, then 75 */
                       "Last paragraph\nwith no blank line after it.";
    cr_assert_eq(clio_corpus_add_memory(c, "g", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_find_gaps(c, 0), 0);
    const clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(clio_doc_parts(d)->gaps.n, 1, "the middle-of-paper marker across two blank lines");
    int64_t gap_start = (int64_t)(strstr(text, "...") - text);
    cr_assert_eq(clio_doc_parts(d)->gaps.v[0].start, gap_start);
    int64_t first = (int64_t)(strstr(text, "Then") - text);
    int64_t second = (int64_t)(strstr(text, "A gap") - text);
    int64_t third = (int64_t)(strstr(text, "Last") - text);
    cr_assert_eq(clio_doc_paragraph_after(d, 0), first);
    cr_assert_eq(clio_doc_paragraph_after(d, 5), first);
    cr_assert_eq(clio_doc_paragraph_after(d, first - 2), first, "from the first line break");
    cr_assert_eq(clio_doc_paragraph_after(d, first), second, "a line of spaces, tab and CR");
    cr_assert_eq(clio_doc_paragraph_after(d, second), third,
                 "the blank lines inside the gap are no cut");
    cr_assert_eq(clio_doc_paragraph_after(d, gap_start + 4), third);
    cr_assert_eq(clio_doc_paragraph_after(d, third), d->end, "no blank line: the end");
    cr_assert_eq(clio_doc_paragraph_after(d, d->end - 1), d->end);
    cr_assert_eq(clio_doc_paragraph_after(d, d->end), d->end);
    /* without the rule, the same text cuts inside the marker */
    clio_corpus *plain = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(plain, "g", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_find_gaps(plain, 0), 0);
    const clio_doc *p = clio_corpus_doc(plain, 0);
    cr_assert_eq(clio_doc_parts(p)->gaps.n, 0);
    cr_assert_eq(clio_doc_paragraph_after(p, second), (int64_t)(strstr(text, "middle") - text));
    /* and the blocks of the document with the rule never end inside the gap */
    clio_termset *s = months();
    clio_candidates whole = {0}, got = {0};
    cr_assert_eq(clio_corpus_candidates(c, 0, s, 0, &whole), 0);
    cr_assert_eq(blocks_of(c, 0, s, 1, &got), 4);
    assert_same_candidates(&got, &whole, "a document with a gap");
    free(whole.v);
    free(got.v);
    clio_termset_free(s);
    clio_corpus_free(plain);
    clio_corpus_free(c);
    clio_clean_rules_free(r);
}
