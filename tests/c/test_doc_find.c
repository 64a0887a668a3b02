/* Finding a document from where a record cites it (core/doc_find.c): by its file's
 * path and a byte offset, several documents sharing one file; by its name, "NAME" or
 * "NAME#N", or the path in place of the name. */
#include <criterion/criterion.h>
#include <string.h>

#include "clio.h"
#include "tmpdir.h"

TestSuite(doc_find, .init = tmpdir_make, .fini = tmpdir_remove);

/* many.txt cut at blank lines: [0,5) [7,12) [14,19); one.txt, cut too, one piece [0,4). */
static clio_corpus *two_files(char *many, char *one)
{
    const char *text = "one a\n\ntwo b\n\nthr c\n";
    snprintf(many, 256, "%s", tmpdir_put_bytes("many.txt", text, strlen(text)));
    snprintf(one, 256, "%s", tmpdir_put_bytes("one.txt", "Solo", 4));
    clio_corpus_opts o = {.split = CLIO_SPLIT_BLANK};
    clio_corpus *c = clio_corpus_new(&o);
    cr_assert_eq(clio_corpus_add_path(c, many, NULL), 0);
    cr_assert_eq(clio_corpus_ndocs(c), 3);
    cr_assert_eq(clio_corpus_add_path(c, one, NULL), 0);
    cr_assert_eq(clio_corpus_ndocs(c), 4);
    return c;
}

Test(doc_find, a_files_offset_picks_its_document)
{
    char many[256], one[256];
    clio_corpus *c = two_files(many, one);
    clio_doc_finder *f = clio_doc_finder_new(c);
    cr_assert_not_null(f);
    cr_assert_eq(clio_doc_finder_ndocs(f), 4);
    /* offset -> document (0-based), every boundary of the three pieces */
    struct { int64_t at; long want; } cases[] = {
        {0, 0}, {4, 0}, {5, -1}, {6, -1}, {7, 1}, {11, 1}, {12, -1}, {13, -1}, {14, 2}, {18, 2},
        {19, -1}, {20, -1}, {-1, -1}, {1000, -1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t i = 99;
        int known = 0;
        int rc = clio_doc_finder_at(f, many, cases[k].at, &i, &known);
        cr_assert_eq(known, 1, "offset %lld: the path is a file's", (long long)cases[k].at);
        if (cases[k].want < 0)
            cr_assert_eq(rc, CLIO_ENOTFOUND, "offset %lld is in no document", (long long)cases[k].at);
        else {
            cr_assert_eq(rc, 0, "offset %lld", (long long)cases[k].at);
            cr_assert_eq(i, (size_t)cases[k].want, "offset %lld: document %zu", (long long)cases[k].at, i);
        }
    }
    size_t i;
    int known = 0;
    cr_assert_eq(clio_doc_finder_at(f, one, 3, &i, &known), 0);
    cr_assert_eq(i, 3);
    cr_assert_eq(clio_doc_finder_at(f, one, 4, &i, &known), CLIO_ENOTFOUND);
    cr_assert_eq(known, 1);
    known = 1;
    cr_assert_eq(clio_doc_finder_at(f, "/no/such/file.txt", 0, &i, &known), CLIO_ENOTFOUND);
    cr_assert_eq(known, 0, "an unknown path is told apart from an offset in no document");
    cr_assert_eq(clio_doc_finder_at(f, "many.txt", 0, &i, &known), CLIO_ENOTFOUND, "a name is no path");
    cr_assert_eq(known, 0);
    cr_assert_eq(clio_doc_finder_at(NULL, many, 0, &i, NULL), CLIO_EARG);
    clio_doc_finder_free(f);
    clio_corpus_free(c);
}

Test(doc_find, by_name_or_path_and_piece_number)
{
    char many[256], one[256];
    clio_corpus *c = two_files(many, one);
    clio_doc_finder *f = clio_doc_finder_new(c);
    size_t i = 99;
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#2", 0, &i), 0);
    cr_assert_eq(i, 1);
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#3", 0, &i), 0);
    cr_assert_eq(i, 2);
    cr_assert_eq(clio_doc_finder_named(f, "one.txt#1", 0, &i), 0);
    cr_assert_eq(i, 3);
    cr_assert_eq(clio_doc_finder_named(f, "many.txt", 0, &i), CLIO_ENOTFOUND, "a cut file has no whole document");
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#4", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#0", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#02", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "one.txt", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "#1", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "", 0, &i), CLIO_ENOTFOUND);
    cr_assert_eq(clio_doc_finder_named(f, "many.txt#99999999999999999999", 0, &i), CLIO_ENOTFOUND);
    char key[300];
    snprintf(key, sizeof key, "%s#3", many);
    cr_assert_eq(clio_doc_finder_named(f, key, 1, &i), 0);
    cr_assert_eq(i, 2);
    cr_assert_eq(clio_doc_finder_named(f, key, 0, &i), CLIO_ENOTFOUND, "a path is no name");
    cr_assert_eq(clio_doc_finder_named(f, one, 1, &i), CLIO_ENOTFOUND);
    clio_doc_finder_free(f);
    clio_corpus_free(c);

    /* a file read whole: its document has the file's name, and its path */
    c = clio_corpus_new(NULL);
    cr_assert_eq(clio_corpus_add_path(c, one, NULL), 0);
    cr_assert_eq(clio_corpus_add_path(c, many, NULL), 0);
    f = clio_doc_finder_new(c);
    cr_assert_eq(clio_doc_finder_named(f, "one.txt", 0, &i), 0);
    cr_assert_eq(i, 0);
    cr_assert_eq(clio_doc_finder_named(f, many, 1, &i), 0);
    cr_assert_eq(i, 1);
    cr_assert_eq(clio_doc_finder_named(f, "one.txt#1", 0, &i), CLIO_ENOTFOUND);
    clio_doc_finder_free(f);
    clio_corpus_free(c);
}

Test(doc_find, an_empty_corpus_finds_nothing)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_doc_finder *f = clio_doc_finder_new(c);
    cr_assert_not_null(f);
    size_t i;
    int known = 1;
    cr_assert_eq(clio_doc_finder_at(f, "a.txt", 0, &i, &known), CLIO_ENOTFOUND);
    cr_assert_eq(known, 0);
    cr_assert_eq(clio_doc_finder_named(f, "a.txt", 0, &i), CLIO_ENOTFOUND);
    clio_doc_finder_free(f);
    clio_corpus_free(c);
}
