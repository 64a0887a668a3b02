/* A corpus of one text held in memory under a file name, for the tests of the readers:
 * the name's extension picks the reader (.xml TEI, .csv/.tsv rows, .jsonl, else plain). */
#ifndef CLIO_TEST_TEXT_CORPUS_H
#define CLIO_TEST_TEXT_CORPUS_H

#include <criterion/criterion.h>
#include <string.h>

#include "clio.h"

/* The corpus, with the reader's status in *rc and *e: a refusal is the test's to check. */
static inline clio_corpus *text_corpus_read(const char *name, const char *data, size_t n,
                                            const clio_corpus_opts *o, int *rc, clio_error *e)
{
    clio_corpus *c = clio_corpus_new(o);
    cr_assert_not_null(c);
    clio_error_clear(e);
    *rc = clio_corpus_add_memory(c, name, data, n, e);
    return c;
}

/* A text that must load: the corpus, or the test fails with the reader's message. */
static inline clio_corpus *text_corpus(const char *name, const char *data)
{
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read(name, data, strlen(data), NULL, &rc, &e);
    cr_assert_eq(rc, 0, "%s: %s", name, e.message);
    return c;
}

#endif
