/* A file's whole bytes for a test to compare (NUL-terminated after the n bytes); the
 * caller frees them. */
#ifndef CLIO_TEST_FILE_BYTES_H
#define CLIO_TEST_FILE_BYTES_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

static inline char *file_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(*n + 1);
    cr_assert_not_null(b);
    cr_assert_eq(fread(b, 1, *n, f), *n, "%s", path);
    b[*n] = '\0';
    fclose(f);
    return b;
}

#endif
