/* Corpora: files, folders, stdin-like input, splitting, UTF-8 refusal and repair,
 * metadata sidecars, and analysis of the sample corpus. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clio.h"
#include "doc_name.h"
#include "profile_words.h"
#include "tmpdir.h"

TestSuite(corpus, .init = tmpdir_make, .fini = tmpdir_remove);

Test(corpus, sample_folder_has_sixteen_documents_in_order)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_add_path(c, CLIO_SOURCE_DIR "/data/corpora/stalin-essays", &e), 0,
                 "%s", e.message);
    cr_assert_eq(clio_corpus_ndocs(c), 16);
    cr_assert_str_eq(doc_name(clio_corpus_doc(c, 0)), "01-consolidation-of-power.txt");
    cr_assert_str_eq(doc_name(clio_corpus_doc(c, 15)), "16-after-kirovs-death.txt");
    for (size_t i = 0; i < 16; i++) {
        cr_assert_eq(clio_corpus_analyze(c, i), 0);
        cr_assert_gt(clio_doc_parts(clio_corpus_doc(c, i))->sentences.n, 0);
    }
    clio_corpus_free(c);
}

Test(corpus, invalid_utf8_is_refused_with_its_place)
{
    /* Latin-1 "café" on line 2 */
    const char *p = tmpdir_put_bytes("latin1.txt", "first line\nun caf\xE9 noir\n", 23);
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_add_path(c, p, &e), CLIO_EUTF8);
    cr_assert_str_eq(e.path, p);
    cr_assert_eq(e.line, 2);
    cr_assert_eq(e.column, 7);
    cr_assert_eq(e.offset, 17);
    cr_assert(strstr(e.message, "line 2, column 7, byte 17"), "%s", e.message);
    clio_corpus_free(c);
}

Test(corpus, repair_reads_bad_bytes_and_counts_them)
{
    const char *p = tmpdir_put_bytes("latin1.txt", "caf\xE9 and na\xEFve\n", 15);
    clio_corpus_opts o = {.repair = 1};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_path(c, p, NULL), 0);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->repaired, 2);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    cr_assert_eq(clio_doc_parts(d)->tokens.n, 3);
    cr_assert(clio_doc_parts(d)->tokens.v[0].flags & CLIO_TF_REPAIRED);
    clio_corpus_free(c);
}

Test(corpus, bom_is_skipped_but_offsets_stay_in_the_file)
{
    const char *p = tmpdir_put_bytes("bom.txt", "\xEF\xBB\xBFHello world.", 15);
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_path(c, p, NULL), 0);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, 3);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    cr_assert_eq(clio_doc_parts(d)->tokens.v[0].start, 3);
    cr_assert_eq(clio_doc_parts(d)->tokens.v[0].len, 5);
    clio_corpus_free(c);
}

Test(corpus, split_by_lines_blank_blocks_and_separator)
{
    const char *text = "one a\r\n\r\ntwo b\nthree c\n\n\nfour\n";
    const char *p = tmpdir_put_bytes("many.txt", text, strlen(text));
    int modes[] = {CLIO_SPLIT_LINES, CLIO_SPLIT_BLANK};
    size_t want[] = {4, 3};
    for (int m = 0; m < 2; m++) {
        clio_corpus_opts o = {.split = modes[m]};
        clio_corpus *c = clio_corpus_new(&o);
        cr_assert_eq(clio_corpus_add_path(c, p, NULL), 0);
        cr_assert_eq(clio_corpus_ndocs(c), want[m], "mode %d: %zu", m, clio_corpus_ndocs(c));
        clio_doc *d = clio_corpus_doc(c, 0);
        cr_assert_eq(d->start, 0);
        cr_assert_eq(d->end, 5, "CR is not part of the document");
        cr_assert_str_eq(doc_name(d), "many.txt#1");
        if (modes[m] == CLIO_SPLIT_BLANK) {
            d = clio_corpus_doc(c, 1);
            cr_assert_eq(d->start, 9);
            cr_assert_eq(d->end, 22);
        }
        clio_corpus_free(c);
    }
    const char *sep = "a\n---\nb\nc\n---\n";
    p = tmpdir_put_bytes("sep.txt", sep, strlen(sep));
    clio_corpus_opts o = {.split = CLIO_SPLIT_SEPARATOR, .separator = "---"};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_path(c, p, NULL), 0);
    cr_assert_eq(clio_corpus_ndocs(c), 2);
    cr_assert_eq(clio_corpus_doc(c, 1)->start, 6);
    cr_assert_eq(clio_corpus_doc(c, 1)->end, 9);
    clio_corpus_free(c);
}

Test(corpus, folder_sidecar_metadata_is_attached)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s/texts", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    tmpdir_put_bytes("texts/b.txt", "Bee.", 4);
    tmpdir_put_bytes("texts/a.txt", "Ay.", 3);
    const char *meta = "file,author,year\na.txt,Wood,1990\nb,\"Wiener, Arnold\",2001\n";
    tmpdir_put_bytes("texts/metadata.csv", meta, strlen(meta));
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_add_path(c, sub, &e), 0, "%s", e.message);
    cr_assert_eq(clio_corpus_ndocs(c), 2);
    cr_assert_str_eq(clio_doc_meta(clio_corpus_doc(c, 0), "author"), "Wood");
    cr_assert_str_eq(clio_doc_meta(clio_corpus_doc(c, 1), "author"), "Wiener, Arnold");
    cr_assert_str_eq(clio_doc_meta(clio_corpus_doc(c, 1), "year"), "2001");
    cr_assert_null(clio_doc_meta(clio_corpus_doc(c, 1), "title"));
    clio_corpus_free(c);
}

Test(corpus, folder_files_are_what_a_corpus_reads)
{
    char sub[160], loop[200];
    snprintf(sub, sizeof sub, "%s/texts/", dir); /* a trailing slash is dropped */
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/texts/z", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    tmpdir_put_bytes("texts/b.txt", "Bee.", 4);
    const char *tei = "<TEI><text><body><p>Ay.</p></body></text></TEI>";
    tmpdir_put_bytes("texts/z/a.xml", tei, strlen(tei));
    tmpdir_put_bytes("texts/a.jsonl", "{\"text\": \"J.\"}\n", 15);
    tmpdir_put_bytes("texts/.hidden.txt", "No.", 3);
    tmpdir_put_bytes("texts/metadata.csv", "file,year\n", 10);
    tmpdir_put_bytes("texts/notes.md", "Md.", 3);
    tmpdir_put_bytes("texts/paper.pdf", "%PDF-", 5);
    snprintf(loop, sizeof loop, "%s/texts/z/up", dir); /* a symlink loop: walked once */
    cr_assert_eq(symlink("..", loop), 0);
    char **paths = NULL;
    size_t n = 0;
    clio_error e;
    clio_error_clear(&e);
    snprintf(sub, sizeof sub, "%s/texts/", dir);
    cr_assert_eq(clio_folder_files(sub, 0, &paths, &n, &e), 0, "%s", e.message);
    const char *want[] = {"a.jsonl", "b.txt", "notes.md", "z/a.xml"};
    cr_assert_eq(n, 4);
    for (size_t i = 0; i < n; i++) {
        char full[256];
        snprintf(full, sizeof full, "%s/texts/%s", dir, want[i]);
        cr_assert_str_eq(paths[i], full);
        free(paths[i]);
    }
    free(paths);
    /* the same files a corpus of the folder reads */
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_path(c, sub, &e), 0, "%s", e.message);
    size_t k = 0; /* each file's documents in turn, in the listed order */
    for (size_t i = 0; i < clio_corpus_ndocs(c); i++) {
        const char *path = clio_corpus_doc(c, i)->file->path;
        while (k < 4 && !strstr(path, want[k]))
            k++;
        cr_assert_lt(k, 4, "document %zu comes from %s, not a listed file", i, path);
    }
    cr_assert_eq(k, 3, "the last document comes from the last file");
    clio_corpus_free(c);
    snprintf(sub, sizeof sub, "%s/none", dir);
    cr_assert_eq(clio_folder_files(sub, 0, &paths, &n, &e), CLIO_EIO);
    cr_assert_str_eq(e.path, sub);
}

Test(corpus, metadata_row_for_a_missing_document_is_refused)
{
    tmpdir_put_bytes("a.txt", "Ay.", 3);
    const char *meta = "file\tyear\na.txt\t1990\nz.txt\t2000\n";
    const char *mp = tmpdir_put_bytes("m.tsv", meta, strlen(meta));
    char mpath[256];
    snprintf(mpath, sizeof mpath, "%s", mp);
    char apath[256];
    snprintf(apath, sizeof apath, "%s/a.txt", dir);
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_path(c, apath, NULL), 0);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_load_metadata(c, mpath, &e), CLIO_EFORMAT);
    cr_assert_eq(e.line, 3);
    cr_assert(strstr(e.message, "'z.txt'"), "%s", e.message);
    clio_corpus_free(c);
}

Test(corpus, missing_file_names_the_path)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_add_path(c, "/nonexistent/x.txt", &e), CLIO_EIO);
    cr_assert_str_eq(e.path, "/nonexistent/x.txt");
    cr_assert(strstr(e.message, "No such file"), "%s", e.message);
    clio_corpus_free(c);
}

Test(corpus, gaps_are_skipped_and_sentences_continue_across_them)
{
    const char *rules_src = "show-more marker …show more content…\n";
    clio_clean_rules *r;
    cr_assert_eq(clio_clean_rules_parse(rules_src, strlen(rules_src), "r", &r, NULL), 0);
    clio_corpus_opts o = {.rules = r};
    clio_corpus *c = clio_corpus_new(&o);
    const char *text = "It rose into the upper echelons of the Soviet\n…show more content…\n"
                       "government. In 1922 it changed.";
    cr_assert_eq(clio_corpus_add_memory(c, "mem", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(clio_doc_parts(d)->gaps.n, 1);
    for (size_t i = 0; i < clio_doc_parts(d)->tokens.n; i++)
        cr_assert(clio_doc_parts(d)->tokens.v[i].start + clio_doc_parts(d)->tokens.v[i].len <= clio_doc_parts(d)->gaps.v[0].start ||
                  clio_doc_parts(d)->tokens.v[i].start >= clio_doc_parts(d)->gaps.v[0].end);
    cr_assert_eq(clio_doc_parts(d)->sentences.n, 2);
    cr_assert_eq(clio_doc_parts(d)->sentences.v[0].start, 0);
    cr_assert_eq(clio_doc_parts(d)->sentences.v[0].end, (int64_t)(strstr(text, "government.") - text) + 11);
    clio_corpus_free(c);
    clio_clean_rules_free(r);
}

typedef struct {
    size_t tokens, sentences, pieces;
    int64_t last_end;
    int ordered;
} scan_totals;

static int count_piece(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                       const clio_sentence *s, size_t ns)
{
    (void)d;
    scan_totals *y = ctx;
    y->tokens += nt;
    y->sentences += ns;
    y->pieces++;
    for (size_t i = 0; i < ns; i++) {
        y->ordered &= s[i].start >= y->last_end && s[i].first_token + s[i].ntokens <= nt;
        y->last_end = s[i].end;
    }
    (void)t;
    return 0;
}

Test(corpus, streaming_scan_equals_analysis_on_a_large_document)
{
    /* the sample corpus a hundred times over (2.4 MB): several scan pieces */
    FILE *f = fopen(CLIO_SOURCE_DIR "/data/corpora/stalin-essays.txt", "rb");
    cr_assert_not_null(f);
    static char one[32768];
    size_t n = fread(one, 1, sizeof one, f);
    fclose(f);
    size_t total = n * 100;
    char *big = malloc(total);
    for (size_t k = 0; k < 100; k++)
        memcpy(big + k * n, one, n);

    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "big", big, total, NULL), 0);
    scan_totals streamed = {.ordered = 1};
    cr_assert_eq(clio_corpus_scan(c, 0, count_piece, &streamed), 0);
    cr_assert_gt(streamed.pieces, 1, "a 2 MB document is read in pieces");
    cr_assert(streamed.ordered, "sentences come in order, each within its piece");
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(streamed.tokens, clio_doc_parts(d)->tokens.n);
    cr_assert_eq(streamed.sentences, clio_doc_parts(d)->sentences.n);
    clio_corpus_free(c);
    free(big);
}

Test(corpus, threaded_totals_equal_a_single_pass)
{
    /* 6 MB in blocks separated by blank lines: several units for several threads */
    FILE *f = fopen(CLIO_SOURCE_DIR "/data/corpora/stalin-essays.txt", "rb");
    cr_assert_not_null(f);
    static char one[32768];
    size_t n = fread(one, 1, sizeof one, f);
    fclose(f);
    one[n++] = '\n';
    one[n++] = '\n';
    size_t total = n * 250;
    char *big = malloc(total);
    for (size_t k = 0; k < 250; k++)
        memcpy(big + k * n, one, n);

    test_lang en;
    test_lang_load(&en, "en");
    clio_corpus_opts o = {.lang = &en.lang};
    clio_corpus *threaded = clio_corpus_new(&o), *single = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_memory(threaded, "big", big, total, NULL), 0);
    cr_assert_eq(clio_corpus_add_memory(single, "big", big, total, NULL), 0);
    unsigned words = 1u << CLIO_TOK_WORD;
    clio_totals t, s;
    cr_assert_eq(clio_corpus_totals(threaded, words, 3, &t), 0);
    cr_assert_eq(clio_corpus_analyze(single, 0), 0); /* the kept analysis, one pass */
    cr_assert_eq(clio_corpus_totals(single, words, 1, &s), 0);
    cr_assert_eq(t.tokens, s.tokens);
    cr_assert_eq(t.words, s.words);
    cr_assert_eq(t.sentences, s.sentences);
    cr_assert_eq(clio_vocab_size(clio_corpus_vocab(threaded)),
                 clio_vocab_size(clio_corpus_vocab(single)));
    uint32_t id_t, id_s;
    cr_assert_eq(clio_vocab_find(clio_corpus_vocab(threaded), "stalin", 6, &id_t), 0);
    cr_assert_eq(clio_vocab_find(clio_corpus_vocab(single), "stalin", 6, &id_s), 0);
    cr_assert_eq(t.freq[id_t], s.freq[id_s]);
    cr_assert_eq(t.freq[id_t], 250 * 125, "125 a copy, possessives included");
    free(t.freq);
    free(s.freq);
    clio_corpus_free(threaded);
    clio_corpus_free(single);
    test_lang_free(&en);
    free(big);
}

Test(corpus, a_forgotten_document_is_analysed_again_the_same)
{
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_path(c, CLIO_SOURCE_DIR "/data/corpora/stalin-essays", NULL), 0);
    cr_assert_eq(clio_corpus_analyze(c, 2), 0);
    clio_doc *d = clio_corpus_doc(c, 2);
    size_t nt = clio_doc_parts(d)->tokens.n, ns = clio_doc_parts(d)->sentences.n;
    cr_assert_gt(nt, 0);
    clio_token *copy = malloc(nt * sizeof *copy);
    cr_assert_not_null(copy);
    memcpy(copy, clio_doc_parts(d)->tokens.v, nt * sizeof *copy);
    int64_t last_sentence_end = clio_doc_parts(d)->sentences.v[ns - 1].end;

    cr_assert_eq(clio_corpus_forget(c, 2), 0);
    cr_assert_eq(d->analyzed, 0);
    cr_assert_null(clio_doc_parts(d)->tokens.v);
    cr_assert_eq(clio_doc_parts(d)->tokens.n, 0);
    cr_assert_eq(clio_doc_parts(d)->sentences.n, 0);
    cr_assert_eq(clio_corpus_forget(c, 2), 0, "forgetting twice is harmless");

    cr_assert_eq(clio_corpus_analyze(c, 2), 0);
    cr_assert_eq(clio_doc_parts(d)->tokens.n, nt);
    cr_assert_eq(clio_doc_parts(d)->sentences.n, ns);
    for (size_t k = 0; k < nt; k++) { /* field by field: the padding is not compared */
        cr_assert_eq(clio_doc_parts(d)->tokens.v[k].start, copy[k].start);
        cr_assert_eq(clio_doc_parts(d)->tokens.v[k].len, copy[k].len);
        cr_assert_eq(clio_doc_parts(d)->tokens.v[k].term, copy[k].term);
        cr_assert_eq(clio_doc_parts(d)->tokens.v[k].kind, copy[k].kind);
        cr_assert_eq(clio_doc_parts(d)->tokens.v[k].flags, copy[k].flags);
    }
    cr_assert_eq(clio_doc_parts(d)->sentences.v[ns - 1].end, last_sentence_end);
    cr_assert_eq(clio_corpus_forget(c, 99), CLIO_EARG);
    free(copy);
    clio_corpus_free(c);
}

typedef struct {
    clio_sentences all;
    size_t pieces, max_tokens;
} kept_sentences;

static int keep_sentences(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                          const clio_sentence *s, size_t ns)
{
    (void)d, (void)t;
    kept_sentences *k = ctx;
    k->pieces++;
    if (nt > k->max_tokens)
        k->max_tokens = nt;
    cr_assert_eq(clio_grow((void **)&k->all.v, &k->all.cap, k->all.n + ns, sizeof *s), 0);
    memcpy(k->all.v + k->all.n, s, ns * sizeof *s);
    k->all.n += ns;
    return 0;
}

Test(corpus, a_line_without_breaks_or_sentence_ends_streams_in_bounded_windows)
{
    /* 3 MB on one line, no full stop: pieces end at a space, sentences at the cap,
     * and the windows equal those of the kept analysis */
    size_t total = 3u << 20;
    char *big = malloc(total);
    for (size_t i = 0; i < total; i++)
        big[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 5);
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "line", big, total, NULL), 0);
    kept_sentences streamed = {0};
    cr_assert_eq(clio_corpus_scan(c, 0, keep_sentences, &streamed), 0);
    cr_expect_gt(streamed.pieces, 2, "a line of 3 MB is read in pieces");
    cr_expect_lt(streamed.max_tokens, 300000, "no piece holds the whole line");
    cr_expect_eq(clio_corpus_doc(c, 0)->sentence_cut, streamed.all.v[0].end,
                 "the first cut is remembered");
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(streamed.all.n, clio_doc_parts(d)->sentences.n);
    for (size_t i = 0; i < clio_doc_parts(d)->sentences.n; i++) {
        const clio_sentence *a = &streamed.all.v[i], *b = &clio_doc_parts(d)->sentences.v[i];
        cr_assert(a->start == b->start && a->end == b->end && a->flags == b->flags &&
                      a->ntokens == b->ntokens,
                  "window %zu: streamed [%lld, %lld) kept [%lld, %lld)", i,
                  (long long)a->start, (long long)a->end, (long long)b->start, (long long)b->end);
        cr_assert_leq(b->ntokens, CLIO_SENTENCE_MAX_TOKENS);
        cr_assert_eq(b->flags, i + 1 < clio_doc_parts(d)->sentences.n ? CLIO_SF_CUT : 0);
    }
    free(streamed.all.v);
    clio_corpus_free(c);
    free(big);
}

/* ---- the table of documents: 64 bytes each, parts only while there is something ---- */

/* Millions of paragraphs cost their table: what each document holds for itself. */
_Static_assert(sizeof(clio_doc) <= 64, "a document's record stays within 64 bytes");

static size_t doc_tokens(const clio_doc *d) { return clio_doc_parts(d)->tokens.n; }

Test(corpus, plain_documents_hold_parts_only_while_analysed)
{
    const char *text = "First paragraph here.\n\nSecond one, longer: it has more words.\n\n"
                       "Third.\n";
    clio_corpus_opts o = {.split = CLIO_SPLIT_BLANK};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_memory(c, "p.txt", text, strlen(text), NULL), 0);
    cr_assert_eq(clio_corpus_ndocs(c), 3);
    for (size_t i = 0; i < 3; i++)
        cr_assert_null(clio_corpus_doc(c, i)->parts, "read, not analysed: no parts");
    const clio_doc *d = clio_corpus_doc(c, 1);
    cr_assert_eq(doc_tokens(d), 0, "no parts read as empty ones");
    cr_assert_eq(clio_doc_parts(d)->gaps.n, 0);
    /* counting streams every document and keeps nothing of a plain one */
    clio_totals t;
    cr_assert_eq(clio_corpus_totals(c, 0, 1, &t), 0);
    free(t.freq);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_null(clio_corpus_doc(c, i)->parts, "scanned: still no parts");
        cr_assert(clio_corpus_doc(c, i)->gaps_found, "its (no) gaps are found once");
    }
    cr_assert_eq(clio_corpus_analyze(c, 1), 0);
    cr_assert_not_null(d->parts);
    size_t n = doc_tokens(d);
    cr_assert_eq(n, 10, "%zu tokens", n);
    cr_assert_eq(clio_corpus_forget(c, 1), 0);
    cr_assert_null(d->parts, "released: its parts are freed");
    cr_assert_eq(clio_corpus_analyze(c, 1), 0);
    cr_assert_eq(doc_tokens(d), n, "analysing again gives the same");
    cr_assert_null(clio_corpus_doc(c, 0)->parts, "its neighbours were never analysed");
    clio_corpus_free(c);
}

Test(corpus, released_documents_keep_only_their_gaps_and_markup)
{
    const char *rules_src = "show-more marker …show more content…\n";
    clio_clean_rules *r;
    cr_assert_eq(clio_clean_rules_parse(rules_src, strlen(rules_src), "r", &r, NULL), 0);
    clio_corpus_opts o = {.rules = r, .split = CLIO_SPLIT_LINES};
    clio_corpus *c = clio_corpus_new(&o);
    const char *text = "Cut …show more content… here.\nNothing to cut.\n";
    cr_assert_eq(clio_corpus_add_memory(c, "g.txt", text, strlen(text), NULL), 0);
    for (size_t i = 0; i < 2; i++) {
        cr_assert_eq(clio_corpus_analyze(c, i), 0);
        cr_assert_eq(clio_corpus_forget(c, i), 0);
    }
    const clio_doc *cut = clio_corpus_doc(c, 0);
    cr_assert_not_null(cut->parts, "a found gap is kept");
    cr_assert_eq(clio_doc_parts(cut)->gaps.n, 1);
    cr_assert_eq(doc_tokens(cut), 0, "its tokens are not");
    cr_assert_null(clio_corpus_doc(c, 1)->parts);
    clio_corpus_free(c);
    clio_clean_rules_free(r);

    /* a JSON escape is markup, set when the file is read and kept after a release */
    const char *json = "{\"text\":\"a \\\"quoted\\\" word\"}\n{\"text\":\"plain\"}\n";
    c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_memory(c, "q.jsonl", json, strlen(json), NULL), 0);
    const clio_doc *escaped = clio_corpus_doc(c, 0), *plain = clio_corpus_doc(c, 1);
    cr_assert_not_null(escaped->parts);
    size_t markup = clio_doc_parts(escaped)->markup.n;
    cr_assert_gt(markup, 0);
    cr_assert_null(plain->parts, "a row without escapes has none");
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    cr_assert_eq(clio_corpus_forget(c, 0), 0);
    cr_assert_not_null(escaped->parts);
    cr_assert_eq(clio_doc_parts(escaped)->markup.n, markup);
    cr_assert_eq(doc_tokens(escaped), 0);
    cr_assert_str_eq(doc_name(escaped), "q.jsonl#1");
    cr_assert_str_eq(doc_name(plain), "q.jsonl#2");
    cr_assert_str_eq(escaped->file->name, "q.jsonl");
    cr_assert_eq(escaped->file, plain->file, "one file record for both");
    clio_corpus_free(c);
}

Test(corpus, piece_names_are_cut_where_they_always_were)
{
    /* "NAME#N" never runs past CLIO_DOC_NAME_MAX - 1 bytes, however long the name */
    char name[1400];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = 0;
    clio_corpus_opts o = {.split = CLIO_SPLIT_LINES};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_memory(c, name, "a\nb\n", 4, NULL), 0);
    const char *got = doc_name(clio_corpus_doc(c, 1));
    cr_assert_eq(strlen(got), CLIO_DOC_NAME_MAX - 1);
    cr_assert_eq(strncmp(got, name, CLIO_DOC_NAME_MAX - 1), 0);
    clio_corpus_free(c);
}

Test(corpus, names_are_distinct_unless_files_share_a_name_or_hold_a_hash)
{
    clio_corpus_opts o = {.split = CLIO_SPLIT_BLANK};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_names_distinct(c), 1, "no documents at all");
    cr_assert_eq(clio_corpus_add_memory(c, "b.txt", "x\n\ny\n", 5, NULL), 0);
    cr_assert_eq(clio_corpus_add_memory(c, "a.txt", "z\n", 2, NULL), 0);
    cr_assert_eq(clio_corpus_names_distinct(c), 1);
    cr_assert_eq(clio_corpus_add_memory(c, "b.txt", "w\n", 2, NULL), 0);
    cr_assert_eq(clio_corpus_names_distinct(c), 0, "b.txt twice");
    clio_corpus_free(c);
    c = clio_corpus_new(NULL); /* rows of a table, and a text named like one of them */
    const char *rows = "{\"text\":\"x\"}\n{\"text\":\"y\"}\n";
    cr_assert_eq(clio_corpus_add_memory(c, "b.jsonl", rows, strlen(rows), NULL), 0);
    cr_assert_eq(clio_corpus_add_memory(c, "b.jsonl#2", "v\n", 2, NULL), 0);
    cr_assert_str_eq(doc_name(clio_corpus_doc(c, 1)), "b.jsonl#2");
    cr_assert_str_eq(doc_name(clio_corpus_doc(c, 2)), "b.jsonl#2");
    cr_assert_eq(clio_corpus_names_distinct(c), 0, "a '#' in a file's name");
    clio_corpus_free(c);
}
