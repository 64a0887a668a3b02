/* A fresh folder under /tmp for the tests of one suite: made before each test, removed
 * after it, with files written into it by name. Include once per test file; use as
 * TestSuite(name, .init = tmpdir_make, .fini = tmpdir_remove). */
#ifndef CLIO_TEST_TMPDIR_H
#define CLIO_TEST_TMPDIR_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clio.h"
#include "index.h"

static char dir[64];

static inline void tmpdir_make(void)
{
    snprintf(dir, sizeof dir, "/tmp/clio-test-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static inline void tmpdir_remove(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* dir/name, in a buffer the next call reuses. */
static inline const char *tmpdir_path(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Writes n bytes to dir/name; returns the path (tmpdir_path's buffer). */
static inline const char *tmpdir_put_bytes(const char *name, const void *data, size_t n)
{
    const char *path = tmpdir_path(name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
    return path;
}

/* Writes a NUL-terminated text to dir/name. */
static inline const char *tmpdir_put(const char *name, const char *text)
{
    return tmpdir_put_bytes(name, text, strlen(text));
}

/* The folder's files (metadata.csv read as such) as a corpus with options o (NULL:
 * none), indexed into dir/i.clio and opened. */
static inline clio_index *tmpdir_index(const clio_corpus_opts *o)
{
    clio_corpus *c = clio_corpus_new(o);
    clio_error err;
    cr_assert_eq(clio_corpus_add_path(c, dir, &err), 0, "%s", err.message);
    char p[256];
    snprintf(p, sizeof p, "%s/i.clio", dir);
    cr_assert_eq(clio_index_build(c, p, NULL, &err), 0, "%s", err.message);
    clio_corpus_free(c);
    clio_index *ix;
    cr_assert_eq(clio_index_open(p, &ix, &err), 0, "%s", err.message);
    return ix;
}

#endif
