/* Hostile conditions below the command line (tests/cli/hostile.sh has the rest):
 * sources that change between their reading and the end of an index build, and a folder
 * with more small files than the process may hold mappings. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clio.h"
#include "index.h"
#include "tmpdir.h"

TestSuite(hostile, .init = tmpdir_make, .fini = tmpdir_remove);

static void append(const char *path, const char *text)
{
    FILE *f = fopen(path, "ab");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void set_mtime(const char *path, struct timespec t)
{
    struct timespec both[2] = {t, t};
    cr_assert_eq(utimensat(AT_FDCWD, path, both, 0), 0);
}

static int64_t mtime_of(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

/* The source and index paths of a test: a.txt and a.clio in its folder. */
static void test_paths(char *src, char *ix_path, size_t cap)
{
    snprintf(src, cap, "%s/a.txt", dir);
    snprintf(ix_path, cap, "%s/a.clio", dir);
}

/* A corpus of the one file at path, read now. */
static clio_corpus *read_corpus(const char *path)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, path, &err), 0, "%s", err.message);
    return c;
}

/* Builds an index at ix_path from corpus c and returns what checking its sources says. */
static int built_then_checked(clio_corpus *c, const char *ix_path, clio_error *err)
{
    cr_assert_eq(clio_index_build(c, ix_path, NULL, err), 0, "%s", err->message);
    clio_index *ix;
    cr_assert_eq(clio_index_open(ix_path, &ix, err), 0, "%s", err->message);
    int rc = clio_index_check_sources(ix, err);
    clio_index_close(ix);
    return rc;
}

/* The build stamped such a file "not a file" (mtime -1), so the next open skipped it
 * and answered from the old text. */
Test(hostile, a_source_changed_during_the_build_is_stale)
{
    char src[128], ix_path[128];
    test_paths(src, ix_path, sizeof src);
    append(src, "Stalin wrote to Trotsky.\n");
    clio_corpus *c = read_corpus(src);
    clio_error err;
    append(src, "Lenin replied.\n"); /* after the read, before the build */
    cr_assert_eq(built_then_checked(c, ix_path, &err), CLIO_EFORMAT);
    cr_assert(strstr(err.message, "changed since the index"), "%s", err.message);
    cr_assert(strstr(err.message, "size was 25 bytes, now 40"), "%s", err.message);
    clio_corpus_free(c);
}

/* The build stamped each source with a stat at its end: a change of the same size
 * between the read and that stat was recorded as the indexed state. */
Test(hostile, a_same_size_change_after_the_read_is_stale)
{
    char src[128], ix_path[128];
    test_paths(src, ix_path, sizeof src);
    write_text(src, "Stalin wrote to Trotsky.\n");
    set_mtime(src, (struct timespec){.tv_sec = time(NULL) - 3600});
    clio_corpus *c = read_corpus(src);
    clio_error err;
    cr_assert_eq(clio_corpus_doc(c, 0)->file->mtime_ns, mtime_of(src), "an old file's mtime is kept");
    write_text(src, "Stalin wrote to Kamenev.\n"); /* same size, after the read */
    cr_assert_eq(built_then_checked(c, ix_path, &err), CLIO_EFORMAT);
    cr_assert(strstr(err.message, "contents differ"), "%s", err.message);
    clio_corpus_free(c);
}

/* A file written just before it was read may be written again within the same clock
 * tick, keeping its mtime and size: its contents are compared at the next open. */
Test(hostile, a_change_in_the_same_clock_tick_is_stale)
{
    char src[128], ix_path[128];
    test_paths(src, ix_path, sizeof src);
    write_text(src, "Stalin wrote to Trotsky.\n");
    struct stat st;
    cr_assert_eq(stat(src, &st), 0);
    clio_corpus *c = read_corpus(src);
    clio_error err;
    cr_assert_eq(clio_corpus_doc(c, 0)->file->mtime_ns, 0, "too recent to vouch for");
    write_text(src, "Stalin wrote to Kamenev.\n");
    set_mtime(src, st.st_mtim); /* as if in the same tick */
    cr_assert_eq(built_then_checked(c, ix_path, &err), CLIO_EFORMAT);
    cr_assert(strstr(err.message, "contents differ"), "%s", err.message);
    clio_corpus_free(c);
    /* read again unchanged, it is current */
    c = read_corpus(src);
    cr_assert_eq(built_then_checked(c, ix_path, &err), 0, "%s", err.message);
    clio_corpus_free(c);
}

/* Every file was mapped: past vm.max_map_count (65530) mappings, "cannot map". */
Test(hostile, seventy_thousand_small_files_are_read, .timeout = 120)
{
    char p[128];
    enum { N = 70000 };
    for (int i = 0; i < N; i++) {
        snprintf(p, sizeof p, "%s/%05d.txt", dir, i);
        FILE *f = fopen(p, "wb");
        cr_assert_not_null(f);
        fprintf(f, "Doc %d.\n", i);
        fclose(f);
    }
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    clio_error_clear(&err);
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), 0, "%s", err.message);
    cr_assert_eq(clio_corpus_ndocs(c), N);
    cr_assert_eq(clio_corpus_doc(c, N - 1)->file->bytes[4], '6');
    clio_corpus_free(c);
}

/* An empty folder sorted a NULL array (UBSan in the sanitizer build of hostile.sh). */
Test(hostile, an_empty_folder_is_an_empty_corpus)
{
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    clio_error_clear(&err);
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), 0, "%s", err.message);
    cr_assert_eq(clio_corpus_ndocs(c), 0);
    clio_corpus_free(c);
}
