/* The index: build and read back (tokens, offsets, postings, sentences, documents),
 * one worker equals two, and damaged files (truncated, any byte flipped, another
 * version) refused with a message, never a crash. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clio.h"
#include "index.h"
#include "index_format.h"
#include "tmpdir.h"
#include "file_bytes.h"

TestSuite(index, .init = tmpdir_make, .fini = tmpdir_remove);

static const char *path_in(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_bytes(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}


static const char TEXT[] =
    "Stalin met Trotsky in 1917. Lenin's heirs fought; Lenins party split.\n\n"
    "The United States watched. Trotsky fled, and Stalin ruled the Soviet Union.\n";

/* A corpus of the text written as a file (so sources can be checked). */
static clio_corpus *corpus_of(const char *name, const char *text, size_t n)
{
    const char *p = path_in(name);
    write_bytes(p, text, n);
    /* one mtime, so that builds of the same text are the same bytes */
    struct timespec t[2] = {{1000000000, 0}, {1000000000, 0}};
    cr_assert_eq(utimensat(AT_FDCWD, p, t, 0), 0);
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_not_null(c);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, p, &err), 0, "%s", err.message);
    return c;
}

static clio_index *build_open(clio_corpus *c, const char *name, int threads)
{
    clio_error err;
    clio_index_build_opts o = {.threads = threads};
    const char *p = path_in(name);
    cr_assert_eq(clio_index_build(c, p, &o, &err), 0, "%s", err.message);
    clio_index *ix;
    cr_assert_eq(clio_index_open(p, &ix, &err), 0, "%s", err.message);
    return ix;
}

Test(index, build_options_are_recorded_and_cut_to_fit)
{
    clio_corpus *c = corpus_of("opts.txt", TEXT, sizeof TEXT - 1);
    clio_index *plain = build_open(c, "plain.clio", 1);
    cr_assert_str_eq(clio_index_build_options(plain), "", "none given, none recorded");
    clio_index_close(plain);

    clio_error err;
    clio_index *ix;
    clio_index_build_opts o = {.threads = 1, .options = "split=blank; repair=no"};
    cr_assert_eq(clio_index_build(c, path_in("opts.clio"), &o, &err), 0, "%s", err.message);
    cr_assert_eq(clio_index_open(path_in("opts.clio"), &ix, &err), 0, "%s", err.message);
    cr_assert_str_eq(clio_index_build_options(ix), "split=blank; repair=no");
    cr_assert_eq(clio_index_verify(ix, &err), 0, "%s", err.message);
    clio_index_close(ix);

    char long_opts[3000];
    memset(long_opts, 'x', sizeof long_opts - 1);
    long_opts[sizeof long_opts - 1] = '\0';
    o.options = long_opts;
    cr_assert_eq(clio_index_build(c, path_in("long.clio"), &o, &err), 0, "%s", err.message);
    cr_assert_eq(clio_index_open(path_in("long.clio"), &ix, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(clio_index_build_options(ix)), 1023, "cut to the header's room");
    clio_index_close(ix);
    clio_corpus_free(c);
}

Test(index, tokens_offsets_and_postings_read_back)
{
    clio_corpus *c = corpus_of("a.txt", TEXT, sizeof TEXT - 1);
    clio_index *ix = build_open(c, "a.clio", 0);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    const clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(clio_index_ndocs(ix), 1);
    cr_assert_eq(clio_index_ntokens(ix), clio_doc_parts(d)->tokens.n);
    clio_index_token *t = calloc(clio_doc_parts(d)->tokens.n, sizeof *t);
    cr_assert_eq(clio_index_tokens(ix, 0, clio_doc_parts(d)->tokens.n, t), 0);
    for (size_t i = 0; i < clio_doc_parts(d)->tokens.n; i++) {
        size_t n1, n2;
        const char *a = clio_vocab_term(clio_corpus_vocab(c), clio_doc_parts(d)->tokens.v[i].term, &n1), *b;
        cr_assert_eq(clio_index_term(ix, t[i].term, &b, &n2), 0);
        cr_assert_eq(n1, n2);
        cr_assert_eq(memcmp(a, b, n1), 0, "token %zu", i);
        cr_assert_eq(t[i].start, clio_doc_parts(d)->tokens.v[i].start);
        cr_assert_eq(t[i].end, clio_doc_parts(d)->tokens.v[i].start + clio_doc_parts(d)->tokens.v[i].len);
    }
    /* postings of "stalin": positions 0 and the one in the second sentence */
    uint32_t id;
    cr_assert_eq(clio_index_find(ix, "stalin", 6, &id), 0);
    clio_positions p = {0};
    cr_assert_eq(clio_index_postings(ix, id, &p), 0);
    cr_assert_eq(p.n, 2);
    cr_assert_eq(p.v[0], 0);
    cr_assert_eq(t[p.v[1]].start, strstr(TEXT, "Stalin ruled") - TEXT);
    cr_assert_eq(clio_index_term_count(ix, id), 2);
    /* the most frequent term has id 0 */
    cr_assert_geq(clio_index_term_count(ix, 0), clio_index_term_count(ix, 1));
    /* sentences as the splitter found them */
    cr_assert_eq(clio_index_doc_info(ix, 0, &(clio_index_doc){0}), 0);
    for (size_t s = 0; s < clio_doc_parts(d)->sentences.n; s++) {
        uint32_t k;
        uint64_t a, b;
        cr_assert_eq(clio_index_sentence_of(ix, clio_doc_parts(d)->sentences.v[s].first_token, &k, &a, &b), 0);
        cr_assert_eq(k, s);
        cr_assert_eq(a, clio_doc_parts(d)->sentences.v[s].first_token);
        cr_assert_eq(b, clio_doc_parts(d)->sentences.v[s].first_token + clio_doc_parts(d)->sentences.v[s].ntokens);
    }
    /* prefixes over the sorted vocabulary */
    uint32_t lo, hi;
    cr_assert_eq(clio_index_prefix(ix, "tr", 2, &lo, &hi), 0);
    cr_assert_eq(hi - lo, 1);
    cr_assert_eq(clio_index_find(ix, "zzz", 3, &id), CLIO_ENOTFOUND);
    cr_assert_eq(clio_index_verify(ix, NULL), 0);
    cr_assert_eq(clio_index_check_sources(ix, NULL), 0);
    free(p.v);
    free(t);
    clio_index_close(ix);
    clio_corpus_free(c);
}

/* Over 4 MB the build runs two workers and merges their vocabularies: the result must
 * equal a one-worker build, term for term and offset for offset. */
Test(index, two_workers_equal_one)
{
    clio_buf big = {0};
    static const char *words[] = {"alpha", "Beta", "gamma's", "delta", "Epsilon", "zeta-eta",
                                  "1917", "theta", "iota", "kappa"};
    unsigned seed = 7;
    while (big.len < (5u << 20)) {
        for (int s = 0; s < 12; s++) {
            seed = seed * 1103515245u + 12345u;
            const char *w = words[(seed >> 16) % 10];
            clio_buf_append(&big, w, strlen(w));
            if (seed % 97 == 0) { /* rare words, so the two vocabularies differ */
                char rare[32];
                int n = snprintf(rare, sizeof rare, " rare%u", seed % 100000);
                clio_buf_append(&big, rare, (size_t)n);
            }
            clio_buf_append(&big, s == 11 ? ". " : " ", s == 11 ? 2 : 1);
        }
        clio_buf_append(&big, (seed >> 8) % 5 == 0 ? "\n\n" : "\n", (seed >> 8) % 5 == 0 ? 2 : 1);
    }
    clio_corpus *c = corpus_of("big.txt", big.data, big.len);
    clio_index *one = build_open(c, "one.clio", 1);
    clio_corpus_free(c);
    c = corpus_of("big.txt", big.data, big.len);
    clio_index *two = build_open(c, "two.clio", 2);
    cr_assert_eq(clio_index_ntokens(one), clio_index_ntokens(two));
    cr_assert_eq(clio_index_nterms(one), clio_index_nterms(two));
    uint64_t n = clio_index_ntokens(one);
    clio_index_token a[128], b[128];
    for (uint64_t p = 0; p < n; p += 128) {
        size_t k = n - p < 128 ? (size_t)(n - p) : 128;
        cr_assert_eq(clio_index_tokens(one, p, k, a), 0);
        cr_assert_eq(clio_index_tokens(two, p, k, b), 0);
        for (size_t i = 0; i < k; i++) {
            cr_assert_eq(a[i].start, b[i].start);
            cr_assert_eq(a[i].end, b[i].end);
            cr_assert_eq(a[i].term, b[i].term, "ids are ranks with ties by bytes: equal too");
        }
    }
    for (uint32_t id = 0; id < clio_index_nterms(one); id += 7) {
        clio_positions x = {0}, y = {0};
        cr_assert_eq(clio_index_postings(one, id, &x), 0);
        cr_assert_eq(clio_index_postings(two, id, &y), 0);
        cr_assert_eq(x.n, y.n);
        cr_assert_eq(memcmp(x.v, y.v, x.n * 8), 0);
        free(x.v);
        free(y.v);
    }
    uint32_t s1, s2;
    uint64_t a1, b1, a2, b2;
    for (uint64_t p = 0; p < n; p += 4099) {
        cr_assert_eq(clio_index_sentence_of(one, p, &s1, &a1, &b1), 0);
        cr_assert_eq(clio_index_sentence_of(two, p, &s2, &a2, &b2), 0);
        cr_assert_eq(s1, s2);
        cr_assert_eq(a1, a2);
        cr_assert_eq(b1, b2);
    }
    /* a budget of 256 KiB: streams spilled to files, postings written in rounds */
    clio_corpus_free(c);
    c = corpus_of("big.txt", big.data, big.len);
    clio_error err;
    clio_index_build_opts small = {.threads = 2, .mem_budget = 256 << 10};
    cr_assert_eq(clio_index_build(c, path_in("small.clio"), &small, &err), 0, "%s", err.message);
    size_t n1, n2;
    char *f1 = file_bytes(path_in("two.clio"), &n1), *f2 = file_bytes(path_in("small.clio"), &n2);
    cr_assert_eq(n1, n2);
    cr_assert_eq(memcmp(f1, f2, n1), 0, "the budget changes nothing in the file");
    free(f1);
    free(f2);
    clio_index_close(one);
    clio_index_close(two);
    clio_corpus_free(c);
    clio_buf_free(&big);
}

/* Many documents (one per blank-line block) over two workers: the same documents,
 * tokens and sentences as one worker. */
Test(index, two_workers_equal_one_over_many_documents)
{
    clio_buf big = {0};
    unsigned paragraphs = 0;
    for (unsigned i = 0; big.len < (5u << 20); i++, paragraphs++) {
        char para[200];
        int n = snprintf(para, sizeof para, "Paragraph %u speaks of Stalin and term%u. Then it ends.\n%s",
                         i, i % 5000, i % 3 ? "\n" : "More.\n\n");
        clio_buf_append(&big, para, (size_t)n);
    }
    clio_index *ix[2];
    for (int k = 0; k < 2; k++) {
        const char *p = path_in("many.txt");
        write_bytes(p, big.data, big.len);
        clio_corpus_opts o = {.split = CLIO_SPLIT_BLANK};
        clio_corpus *c = clio_corpus_new(&o);
        clio_error err;
        cr_assert_eq(clio_corpus_add_path(c, p, &err), 0);
        ix[k] = build_open(c, k ? "many2.clio" : "many1.clio", k + 1);
        clio_corpus_free(c);
    }
    cr_assert_eq(clio_index_ndocs(ix[0]), clio_index_ndocs(ix[1]));
    cr_assert_gt(clio_index_ndocs(ix[0]), 10000);
    for (uint64_t d = 0; d < clio_index_ndocs(ix[0]); d += 97) {
        clio_index_doc a, b;
        cr_assert_eq(clio_index_doc_info(ix[0], d, &a), 0);
        cr_assert_eq(clio_index_doc_info(ix[1], d, &b), 0);
        cr_assert_eq(a.first_token, b.first_token);
        cr_assert_eq(a.ntokens, b.ntokens);
        cr_assert_eq(a.nsentences, b.nsentences);
        cr_assert_eq(a.start, b.start);
    }
    uint32_t id;
    cr_assert_eq(clio_index_find(ix[1], "stalin", 6, &id), 0);
    clio_positions p = {0};
    cr_assert_eq(clio_index_postings(ix[1], id, &p), 0);
    cr_assert_eq(p.n, paragraphs, "one Stalin a paragraph");
    for (size_t i = 0; i < p.n; i += 101) {
        clio_index_token t;
        cr_assert_eq(clio_index_tokens(ix[1], p.v[i], 1, &t), 0);
        cr_assert_eq(memcmp(big.data + t.start, "Stalin", 6), 0);
    }
    free(p.v);
    clio_index_close(ix[0]);
    clio_index_close(ix[1]);
    clio_buf_free(&big);
}

Test(index, stale_sources_are_named)
{
    clio_corpus *c = corpus_of("s.txt", TEXT, sizeof TEXT - 1);
    clio_index *ix = build_open(c, "s.clio", 0);
    clio_corpus_free(c);
    clio_error err;
    cr_assert_eq(clio_index_check_sources(ix, &err), 0);
    char changed[sizeof TEXT];
    memcpy(changed, TEXT, sizeof TEXT);
    changed[0] = 'X'; /* same size, new contents */
    write_bytes(path_in("s.txt"), changed, sizeof TEXT - 1);
    cr_assert_eq(clio_index_check_sources(ix, &err), CLIO_EFORMAT);
    cr_assert_str_eq(err.path, path_in("s.txt"));
    cr_assert(strstr(err.message, "contents differ"), "%s", err.message);
    write_bytes(path_in("s.txt"), TEXT, 10);
    cr_assert_eq(clio_index_check_sources(ix, &err), CLIO_EFORMAT);
    cr_assert(strstr(err.message, "size was 147 bytes, now 10"), "%s", err.message);
    unlink(path_in("s.txt"));
    cr_assert_eq(clio_index_check_sources(ix, &err), CLIO_EIO);
    cr_assert(strstr(err.message, "is gone"), "%s", err.message);
    clio_index_close(ix);
}

/* Reads everything an index offers; returns 0 when every call succeeded. */
static int exercise(clio_index *ix)
{
    int bad = 0;
    clio_hits h = {0};
    const char *queries[] = {"stalin", "\"soviet union\"", "tr*", "/l.n.n/", "stalin NEAR/3 trotsky",
                             "SENT(stalin AND trotsky)", "Lenin", "=Stalin"};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        clio_error err;
        bad |= clio_query(ix, queries[q], strlen(queries[q]), &h, &err) != 0;
    }
    free(h.v);
    uint64_t n = clio_index_ntokens(ix);
    clio_index_token t[16];
    for (uint64_t p = 0; p < n; p += 16) {
        size_t k = n - p < 16 ? (size_t)(n - p) : 16;
        bad |= clio_index_tokens(ix, p, k, t) != 0;
    }
    for (uint32_t id = 0; id < clio_index_nterms(ix); id++) {
        clio_positions ps = {0};
        bad |= clio_index_postings(ix, id, &ps) != 0;
        free(ps.v);
    }
    for (uint64_t d = 0; d < clio_index_ndocs(ix); d++) {
        clio_index_doc info;
        bad |= clio_index_doc_info(ix, d, &info) != 0;
    }
    return bad;
}

Test(index, every_flipped_byte_is_refused_and_nothing_crashes)
{
    clio_corpus *c = corpus_of("f.txt", TEXT, sizeof TEXT - 1);
    clio_index *ix = build_open(c, "f.clio", 0);
    cr_assert_eq(exercise(ix), 0);
    clio_index_close(ix);
    clio_corpus_free(c);
    size_t n;
    char *good = file_bytes(path_in("f.clio"), &n);
    cr_assert_gt(n, IX_HEADER_SIZE);
    char *bad = malloc(n);
    const char *p = path_in("flipped.clio");
    for (size_t at = 0; at < n; at++) {
        memcpy(bad, good, n);
        bad[at] ^= (char)(1u << (at % 8));
        write_bytes(p, bad, n);
        clio_index *x;
        clio_error err;
        if (clio_index_open(p, &x, &err) != 0) {
            cr_assert_eq(err.code, CLIO_EFORMAT, "byte %zu", at);
            cr_assert(err.message[0], "byte %zu: a message", at);
            continue;
        }
        exercise(x); /* may fail, must not crash */
        cr_assert_eq(clio_index_verify(x, &err), CLIO_EFORMAT, "byte %zu flipped unnoticed", at);
        cr_assert(strstr(err.message, "damaged index"), "byte %zu: %s", at, err.message);
        clio_index_close(x);
    }
    free(bad);
    free(good);
}

Test(index, truncated_and_other_versions_are_refused)
{
    clio_corpus *c = corpus_of("t.txt", TEXT, sizeof TEXT - 1);
    clio_index_close(build_open(c, "t.clio", 0));
    clio_corpus_free(c);
    size_t n;
    char *good = file_bytes(path_in("t.clio"), &n);
    const char *p = path_in("cut.clio");
    size_t cuts[] = {0, 1, 8, 100, IX_HEADER_SIZE - 1, IX_HEADER_SIZE, IX_HEADER_SIZE + 10, n - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        write_bytes(p, good, cuts[k]);
        clio_index *x;
        clio_error err;
        cr_assert_eq(clio_index_open(p, &x, &err), CLIO_EFORMAT, "cut at %zu", cuts[k]);
        cr_assert(strstr(err.message, cuts[k] < IX_HEADER_SIZE ? "not a clio index" : "truncated"),
                  "cut at %zu: %s", cuts[k], err.message);
    }
    /* the next version with a correct header checksum: refused for its version */
    ix_header h;
    memcpy(&h, good, sizeof h);
    h.version = IX_VERSION + 1;
    h.header_sum = 0;
    memcpy(good, &h, sizeof h);
    h.header_sum = clio_hash64(good, IX_HEADER_SIZE, 0);
    memcpy(good, &h, sizeof h);
    write_bytes(p, good, n);
    clio_index *x;
    clio_error err;
    cr_assert_eq(clio_index_open(p, &x, &err), CLIO_EFORMAT);
    char want[128];
    snprintf(want, sizeof want, "index format version %u, but this clio reads version %u: rebuild it",
             IX_VERSION + 1, IX_VERSION);
    cr_assert_str_eq(err.message, want);
    write_bytes(p, "hello", 5);
    cr_assert_eq(clio_index_open(p, &x, &err), CLIO_EFORMAT);
    cr_assert(strstr(err.message, "not a clio index"));
    free(good);
}

Test(index, a_failed_build_leaves_the_previous_index)
{
    clio_corpus *c = corpus_of("k.txt", TEXT, sizeof TEXT - 1);
    clio_index_close(build_open(c, "k.clio", 0));
    size_t n1;
    char *before = file_bytes(path_in("k.clio"), &n1);
    /* a build into a directory that cannot take the temporary file fails cleanly */
    clio_error err;
    char nodir[300];
    snprintf(nodir, sizeof nodir, "%s/no/such/dir/k.clio", dir);
    cr_assert_eq(clio_index_build(c, nodir, NULL, &err), CLIO_EIO);
    cr_assert(strstr(err.message, "cannot create"), "%s", err.message);
    size_t n2;
    char *after = file_bytes(path_in("k.clio"), &n2);
    cr_assert_eq(n1, n2);
    cr_assert_eq(memcmp(before, after, n1), 0);
    free(before);
    free(after);
    clio_corpus_free(c);
}
