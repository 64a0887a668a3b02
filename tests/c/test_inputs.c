/* Inputs: which files a folder gives, which it skips and why, binary documents named
 * directly, legacy encodings read through iconv, and every bad file of a folder found
 * before the run stops (or left out under skip_bad). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clio.h"
#include "tmpdir.h"

TestSuite(inputs, .init = tmpdir_make, .fini = tmpdir_remove);

Test(inputs, kinds_by_name_ignore_case)
{
    cr_expect_eq(clio_kind_of_name("a.TXT"), CLIO_KIND_TEXT);
    cr_expect_eq(clio_kind_of_name("notes.md"), CLIO_KIND_TEXT);
    cr_expect_eq(clio_kind_of_name("b.text"), CLIO_KIND_TEXT);
    cr_expect_eq(clio_kind_of_name("c.Pdf"), CLIO_KIND_PDF);
    cr_expect_eq(clio_kind_of_name("d.docx"), CLIO_KIND_DOCX);
    cr_expect_eq(clio_kind_of_name("e.htm"), CLIO_KIND_HTML);
    cr_expect_eq(clio_kind_of_name("f.png"), CLIO_KIND_OTHER);
    cr_expect_eq(clio_kind_of_name("txt"), CLIO_KIND_OTHER);
}

Test(inputs, kinds_by_first_bytes)
{
    cr_expect_eq(clio_kind_of_bytes("x.txt", "%PDF-1.7\n", 9), CLIO_KIND_PDF);
    cr_expect_eq(clio_kind_of_bytes("x.txt", "{\\rtf1\\ansi", 11), CLIO_KIND_RTF);
    cr_expect_eq(clio_kind_of_bytes("x.docx", "PK\x03\x04....", 8), CLIO_KIND_DOCX);
    cr_expect_eq(clio_kind_of_bytes("x.txt", "PK\x03\x04....", 8), CLIO_KIND_ZIP);
    cr_expect_eq(clio_kind_of_bytes("x.txt", "%PDF", 4), CLIO_KIND_TEXT); /* too short */
    cr_expect_eq(clio_kind_of_bytes("x.txt", "Plain words.", 12), CLIO_KIND_TEXT);
    cr_expect_not_null(strstr(clio_kind_convert(CLIO_KIND_PDF), "pdftotext"));
}

Test(inputs, folder_skips_are_listed_with_kinds)
{
    tmpdir_put("a.txt", "One.\n");
    tmpdir_put("B.TXT", "Two.\n");
    tmpdir_put("c.md", "Three.\n");
    tmpdir_put("d.pdf", "%PDF-1.4\n");
    tmpdir_put("e.html", "<p>x</p>\n");
    tmpdir_put("metadata.csv", "file,year\na.txt,1920\n");
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), 0, "%s", err.message);
    cr_expect_eq(clio_corpus_ndocs(c), 3);
    cr_assert_eq(clio_corpus_nnot_text(c), 2); /* the sidecar is clio's own */
    cr_expect(strstr(clio_corpus_not_text(c, 0)->path, "d.pdf"));
    cr_expect_eq(clio_corpus_not_text(c, 0)->kind, CLIO_KIND_PDF);
    cr_expect_eq(clio_corpus_not_text(c, 1)->kind, CLIO_KIND_HTML);
    clio_corpus_free(c);
}

Test(inputs, a_pdf_named_directly_is_refused_with_the_command)
{
    const char *path = tmpdir_put("paper.txt", "%PDF-1.4 binary\n");
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, path, &err), CLIO_EFORMAT);
    cr_expect(strstr(err.message, "PDF document"), "%s", err.message);
    cr_expect(strstr(err.message, "pdftotext"), "%s", err.message);
    cr_expect(strstr(err.message, path), "the command names the file: %s", err.message);
    cr_expect_eq(clio_corpus_nrefused(c), 1);
    clio_corpus_free(c);
}

Test(inputs, every_bad_file_of_a_folder_is_found)
{
    tmpdir_put("a.txt", "good\n");
    tmpdir_put("b.txt", "bad \xff\n");
    tmpdir_put("c.txt", "also good\n");
    tmpdir_put("d.txt", "bad \xfe too\n");
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), CLIO_EUTF8);
    cr_expect(strstr(err.path, "b.txt"));
    cr_expect(strstr(err.message, "1 more bad file"), "%s", err.message);
    cr_assert_eq(clio_corpus_nrefused(c), 2);
    cr_expect(strstr(clio_corpus_refused(c, 1)->path, "d.txt"));
    cr_expect_eq(clio_corpus_refused(c, 1)->offset, 4);
    clio_corpus_free(c);
}

Test(inputs, skip_bad_leaves_bad_files_out)
{
    tmpdir_put("a.txt", "good\n");
    tmpdir_put("b.txt", "bad \xff\n");
    clio_corpus_opts o = {.skip_bad = 1};
    clio_corpus *c = clio_corpus_new(&o);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), 0);
    cr_expect_eq(clio_corpus_ndocs(c), 1);
    cr_expect_eq(clio_corpus_nrefused(c), 1);
    clio_corpus_free(c);
}

Test(inputs, legacy_encodings_are_read_into_utf8)
{
    const char *path = tmpdir_put("alg.txt", "S\xe9tif, 8 May 1945.\n");
    clio_corpus_opts o = {.encoding = "latin1"};
    clio_corpus *c = clio_corpus_new(&o);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, path, &err), 0, "%s", err.message);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_not_null(d);
    cr_assert_geq(d->end - d->start, 19); /* é takes two bytes in UTF-8 */
    cr_expect(memcmp(d->file->bytes + d->start, "S\xc3\xa9tif, 8 May 1945.", 19) == 0);
    clio_corpus_free(c);
}

Test(inputs, a_byte_the_encoding_lacks_is_refused_with_its_place)
{
    const char *path = tmpdir_put("w.txt", "line one\nx\x81y\n");
    clio_corpus_opts o = {.encoding = "cp1252"};
    clio_corpus *c = clio_corpus_new(&o);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, path, &err), CLIO_EFORMAT);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.offset, 10);
    cr_expect(strstr(err.message, "0x81"), "%s", err.message);
    cr_expect_eq(clio_encoding_check("no-such-encoding"), CLIO_EARG);
    cr_expect_eq(clio_encoding_check("KOI8-R"), 0);
    clio_corpus_free(c);
}
