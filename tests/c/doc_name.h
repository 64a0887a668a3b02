/* A document's name for an assertion. One buffer: one name per expression. */
#ifndef CLIO_TEST_DOC_NAME_H
#define CLIO_TEST_DOC_NAME_H
#include "clio.h"

static inline const char *doc_name(const clio_doc *d)
{
    static char buf[CLIO_DOC_NAME_MAX];
    return clio_doc_name(d, buf);
}
#endif
