/* UTF-8: clio_utf8_check, clio_utf8_decode, clio_utf8_encode and clio_fold on any
 * bytes. Invariants: decoding always steps forward and covers the input; the check's
 * verdict, count and first problem agree with a decode loop; re-encoding a valid
 * sequence gives its bytes back; folding never fails and yields valid UTF-8. */
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
    unsigned flags = size ? data[0] & 15 : 0;
    char *s = fuzz_copy(data, size);
    const unsigned char *u = (const unsigned char *)s;

    /* lines end at LF and at a CR not followed by LF; columns count the bytes that are
     * no continuation bytes */
    int64_t bad = 0, first = -1, line = 1, fline = -1, fcol = -1;
    size_t line_start = 0;
    int fproblem = 0;
    for (size_t i = 0; i < size;) {
        int32_t cp = 0;
        int problem = CLIO_UTF8_VALID;
        int k = clio_utf8_decode(u + i, size - i, &cp, &problem);
        FUZZ_CHECK(k >= 1 && k <= 4 && (size_t)k <= size - i);
        if (cp < 0 || cp == 0) {
            FUZZ_CHECK(cp == 0 || problem != CLIO_UTF8_VALID);
            bad++;
            if (first < 0) {
                first = (int64_t)i, fline = line, fcol = 1;
                for (size_t j = line_start; j < i; j++)
                    fcol += (u[j] & 0xC0) != 0x80;
                fproblem = cp == 0 ? CLIO_UTF8_NUL : problem;
            }
        } else {
            FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
            char out[4];
            int m = clio_utf8_encode(cp, out);
            FUZZ_CHECK(m == k && memcmp(out, u + i, (size_t)k) == 0);
        }
        FUZZ_CHECK(clio_utf8_problem_text(problem) != NULL);
        if (cp == '\n' || (cp == '\r' && (i + 1 >= size || u[i + 1] != '\n')))
            line++, line_start = i + 1;
        i += (size_t)k;
    }
    clio_utf8_report r;
    int clean = clio_utf8_check(s, size, &r);
    FUZZ_CHECK(clean == (bad == 0));
    FUZZ_CHECK(r.bad == bad);
    FUZZ_CHECK(r.offset == first);
    if (first >= 0) {
        FUZZ_CHECK(r.line == fline && r.column == fcol);
        FUZZ_CHECK(r.problem == fproblem);
    }

    clio_buf out = {0};
    FUZZ_CHECK(clio_fold(s, size, flags, &out) == 0);
    clio_utf8_report r2;
    if (out.len) {
        FUZZ_CHECK(out.data[out.len] == '\0');
        /* folding writes U+FFFD for bad input; only NUL bytes may remain */
        clio_utf8_check(out.data, out.len, &r2);
        FUZZ_CHECK(r2.bad == 0 || r2.problem == CLIO_UTF8_NUL);
    }
    clio_buf_free(&out);
    free(s);
    return 0;
}
