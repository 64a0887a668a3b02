/* Metadata sidecars: clio_table_parse (CSV with RFC 4180 quoting, TSV) on any bytes.
 * Byte 0 picks the separator. Invariants: a parsed table has a header, every cell is
 * a NUL-terminated string, header names are found again; a refusal names a place
 * inside the input. */
#include <string.h>

#include "clio.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char sep = data[0] & 1 ? '\t' : ',';
    char *src = fuzz_copy(data + 1, size - 1);
    clio_table t = {0};
    clio_error err;
    clio_error_clear(&err);
    int rc = clio_table_parse(src, size - 1, sep, "fuzz.csv", &t, &err);
    if (rc == 0) {
        FUZZ_CHECK(t.ncols > 0);
        size_t total = 0;
        for (size_t r = 0; r < t.nrows; r++)
            for (size_t c = 0; c < t.ncols; c++)
                total += strlen(clio_table_cell(&t, r, c));
        FUZZ_CHECK(total <= size);
        for (size_t c = 0; c < t.ncols; c++) {
            long k = clio_table_column(&t, t.cells[c]);
            FUZZ_CHECK(k >= 0 && (size_t)k <= c && strcmp(t.cells[k], t.cells[c]) == 0);
        }
        clio_table_free(&t);
    } else {
        FUZZ_CHECK(rc < 0 && err.code == rc);
        FUZZ_CHECK(err.offset <= (int64_t)size);
        FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) != NULL);
    }
    free(src);
    return 0;
}
