/* Index segments and their merge: the segments of any cut of a corpus (files split
 * between parts, empty parts, metadata) merge into the file one build writes, byte for
 * byte; segments that are not parts of one cut built one way, or are damaged, are
 * refused naming the file, and nothing is written. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stddef.h>
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

TestSuite(index_merge, .init = tmpdir_make, .fini = tmpdir_remove);

static const char A[] =
    "Stalin met Trotsky in 1917. Lenin's heirs fought.\n\n"
    "The United States watched; Trotsky fled.\n\n"
    "Stalin ruled the Soviet Union until 1953.\n";
static const char B[] =
    "Bukharin wrote on the peasantry. Stalin read it.\n\n"
    "Zinoviev and Kamenev joined Trotsky in 1926.\n";
static const char C[] = "A last word: Trotsky, Mexico, 1940.\n\nEnd.\n";

/* texts/ with three files (documents per blank-line block) and their metadata, the
 * mtimes fixed so that every build records the same. */
static clio_corpus *corpus(void)
{
    char p[256];
    snprintf(p, sizeof p, "%s/texts", dir);
    mkdir(p, 0755);
    const char *names[] = {"texts/a.txt", "texts/b.txt", "texts/c.txt"};
    const char *texts[] = {A, B, C};
    for (int i = 0; i < 3; i++) {
        const char *path = tmpdir_put(names[i], texts[i]);
        struct timespec t[2] = {{1000000000, 0}, {1000000000, 0}};
        cr_assert_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    }
    const char *meta = tmpdir_put("texts/metadata.csv",
                                  "file,year,author\na.txt#2,1925,Wood\nb.txt#1,1931,Carr\nb.txt#2,1931,Carr\nc.txt#1,1940,Deutscher\n");
    struct timespec t[2] = {{1000000000, 0}, {1000000000, 0}};
    cr_assert_eq(utimensat(AT_FDCWD, meta, t, 0), 0);
    clio_corpus_opts o = {.split = CLIO_SPLIT_BLANK};
    clio_corpus *c = clio_corpus_new(&o);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, p, &err), 0, "%s", err.message);
    cr_assert_eq(clio_corpus_ndocs(c), 7, "seven paragraphs");
    return c;
}

static const char *build(clio_corpus *c, const char *name, const char *options, int some,
                         size_t first, size_t n)
{
    static char p[8][256];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    clio_index_build_opts o = {.threads = 1, .options = options, .some_docs = some,
                               .first_doc = first, .ndocs = n};
    clio_error err;
    cr_assert_eq(clio_index_build(c, p[k], &o, &err), 0, "%s", err.message);
    return p[k];
}

static void assert_same_file(const char *a, const char *b, const char *what)
{
    size_t na, nb;
    char *x = file_bytes(a, &na), *y = file_bytes(b, &nb);
    cr_assert_eq(na, nb, "%s: %zu bytes against %zu", what, na, nb);
    size_t i = 0;
    while (i < na && x[i] == y[i])
        i++;
    cr_assert_eq(i, na, "%s: first difference at byte %zu", what, i);
    free(x);
    free(y);
}

/* Segments for the cut at bounds (parts [bounds[k], bounds[k+1])), merged given in
 * reverse order; the merged file's path. */
static const char *merge_cut(clio_corpus *c, const size_t *bounds, unsigned n, const char *opts)
{
    const char *paths[8];
    char names[8][64], o[256];
    for (unsigned k = 0; k < n; k++) {
        snprintf(names[k], sizeof names[k], "seg-%u-of-%u.clio", k, n);
        snprintf(o, sizeof o, "%s; part=%u/%u", opts, k, n);
        paths[n - 1 - k] = build(c, names[k], o, 1, bounds[k], bounds[k + 1] - bounds[k]);
    }
    static char out[256];
    snprintf(out, sizeof out, "%s/merged.clio", dir);
    clio_error err;
    cr_assert_eq(clio_index_merge(paths, n, out, &err), 0, "%s: %s", err.path, err.message);
    return out;
}

Test(index_merge, every_cut_in_two_and_three_is_the_single_build)
{
    clio_corpus *c = corpus();
    char *whole = strdup(build(c, "whole.clio", "split=blank", 0, 0, 0));
    /* every cut in two (empty parts at either end, a file's paragraphs in both parts) */
    for (size_t cut = 0; cut <= 7; cut++) {
        size_t b[] = {0, cut, 7};
        char what[64];
        snprintf(what, sizeof what, "cut at document %zu", cut);
        assert_same_file(merge_cut(c, b, 2, "split=blank"), whole, what);
    }
    size_t three[][4] = {{0, 2, 4, 7}, {0, 1, 5, 7}, {0, 3, 3, 7}, {0, 0, 0, 7}, {0, 7, 7, 7}};
    for (size_t i = 0; i < sizeof three / sizeof *three; i++) {
        char what[64];
        snprintf(what, sizeof what, "three parts, cut %zu", i);
        assert_same_file(merge_cut(c, three[i], 3, "split=blank"), whole, what);
    }
    /* and the merged index reads as an index: metadata, a phrase, a document's name */
    clio_index *ix;
    clio_error err;
    cr_assert_eq(clio_index_open(merge_cut(c, three[0], 3, "split=blank"), &ix, &err), 0, "%s", err.message);
    cr_assert_str_eq(clio_index_build_options(ix), "split=blank", "the part field is gone");
    cr_assert_eq(clio_index_verify(ix, &err), 0, "%s", err.message);
    clio_hits h = {0};
    const char *q = "trotsky author:carr";
    cr_assert_eq(clio_query(ix, q, strlen(q), &h, &err), 0, "%s", err.message);
    cr_assert_eq(h.n, 1, "Trotsky once in Carr's file");
    h.n = 0;
    q = "\"soviet union\"";
    cr_assert_eq(clio_query(ix, q, strlen(q), &h, &err), 0, "%s", err.message);
    cr_assert_eq(h.n, 1);
    free(h.v);
    cr_assert_eq(clio_index_check_sources(ix, &err), 0, "%s", err.message);
    clio_index_close(ix);
    clio_corpus_free(c);
    free(whole);
}

Test(index_merge, empty_parts_and_an_empty_corpus)
{
    clio_corpus *c = corpus();
    char *whole = strdup(build(c, "whole.clio", "split=blank", 0, 0, 0));
    size_t b[] = {0, 0, 7, 7};
    assert_same_file(merge_cut(c, b, 3, "split=blank"), whole, "empty first and last parts");
    clio_corpus_free(c);
    free(whole);

    clio_corpus *none = clio_corpus_new(NULL);
    const char *empty = build(none, "empty.clio", "", 0, 0, 0);
    size_t z[] = {0, 0, 0};
    assert_same_file(merge_cut(none, z, 2, ""), empty, "two empty parts of an empty corpus");
    clio_corpus_free(none);
}

/* The merge fails with code, its message naming file and saying why, and writes
 * nothing over out. */
static void refused(const char *const *paths, size_t n, int code, const char *file,
                    const char *why)
{
    char out[256];
    snprintf(out, sizeof out, "%s/refused.clio", dir);
    tmpdir_put("refused.clio", "the previous file");
    clio_error err;
    clio_error_clear(&err);
    cr_assert_eq(clio_index_merge(paths, n, out, &err), code, "%s", err.message);
    cr_assert_str_eq(err.path, file);
    cr_assert_not_null(strstr(err.message, why), "'%s' says '%s'", err.message, why);
    size_t len;
    char *kept = file_bytes(out, &len);
    cr_assert(len == 17 && !memcmp(kept, "the previous file", 17), "the previous file kept");
    free(kept);
}

Test(index_merge, segments_not_of_one_cut_or_one_reading_are_refused)
{
    clio_corpus *c = corpus();
    const char *p0 = build(c, "p0.clio", "split=blank; part=0/2", 1, 0, 3);
    const char *p1 = build(c, "p1.clio", "split=blank; part=1/2", 1, 3, 4);
    const char *lines = build(c, "l1.clio", "split=lines; part=1/2", 1, 3, 4);
    const char *of3 = build(c, "t1.clio", "split=blank; part=1/3", 1, 3, 4);
    const char *plain = build(c, "plain.clio", "split=blank", 0, 0, 0);
    const char *fr = build(c, "fr.clio", "split=blank; lang=fr; part=1/2", 1, 3, 4);

    const char *other[] = {p0, lines};
    refused(other, 2, CLIO_EARG, lines, "split=lines against split=blank");
    const char *lang[] = {p0, fr};
    refused(lang, 2, CLIO_EARG, fr, "built with other options");
    const char *twice[] = {p0, p1, p1};
    refused(twice, 3, CLIO_EARG, p1, "part 1 of 2 twice");
    const char *missing[] = {p1};
    refused(missing, 1, CLIO_EARG, p1, "part 0 of 2 is missing");
    const char *count[] = {p0, of3};
    refused(count, 2, CLIO_EARG, of3, "a part of 3");
    const char *not_seg[] = {p0, plain};
    refused(not_seg, 2, CLIO_EARG, plain, "not an index segment");
    clio_corpus_free(c);
}

Test(index_merge, damaged_or_old_segments_are_refused)
{
    clio_corpus *c = corpus();
    const char *p0 = build(c, "p0.clio", "split=blank; part=0/2", 1, 0, 3);
    const char *p1 = build(c, "p1.clio", "split=blank; part=1/2", 1, 3, 4);
    size_t n;
    char *bytes = file_bytes(p1, &n);

    /* a flipped byte in the sections: the checksum of its block */
    char *bad = malloc(n);
    memcpy(bad, bytes, n);
    bad[IX_HEADER_SIZE + 10] ^= 0x40;
    const char *flipped = strdup(tmpdir_put_bytes("flipped.clio", bad, n));
    const char *paths[] = {p0, flipped};
    refused(paths, 2, CLIO_EFORMAT, flipped, "damaged index");

    /* another format version, with a header checksum that matches it */
    memcpy(bad, bytes, n);
    ix_header h;
    memcpy(&h, bad, sizeof h);
    h.version = IX_VERSION - 1;
    h.header_sum = 0;
    memcpy(bad, &h, sizeof h);
    h.header_sum = clio_hash64(bad, IX_HEADER_SIZE, 0);
    memcpy(bad, &h, sizeof h);
    const char *old = strdup(tmpdir_put_bytes("old.clio", bad, n));
    const char *olds[] = {old, p0};
    refused(olds, 2, CLIO_EFORMAT, old, "index format version");

    /* cut short */
    const char *short_ = strdup(tmpdir_put_bytes("short.clio", bytes, n - 8));
    const char *shorts[] = {p0, short_};
    refused(shorts, 2, CLIO_EFORMAT, short_, "truncated");
    free((void *)flipped);
    free((void *)old);
    free((void *)short_);
    free(bad);
    free(bytes);
    clio_corpus_free(c);
}

Test(index_merge, a_part_of_documents_out_of_range_is_refused)
{
    clio_corpus *c = corpus();
    clio_index_build_opts o = {.threads = 1, .some_docs = 1, .first_doc = 4, .ndocs = 4};
    clio_error err;
    cr_assert_eq(clio_index_build(c, tmpdir_path("x.clio"), &o, &err), CLIO_EARG);
    cr_assert(access(tmpdir_path("x.clio"), F_OK) != 0, "nothing written");
    clio_corpus_free(c);
}
