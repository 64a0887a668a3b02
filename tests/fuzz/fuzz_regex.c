/* /regex/ query words through PCRE2 (core/regex.c): any pattern, any subjects. Input:
 * a byte giving the pattern's length, the pattern, then subjects separated by '\n'
 * (any bytes: terms of a damaged index need not be UTF-8). A pattern compiles or is
 * refused at a byte inside it; a match says 1, 0 or -1 (stopped by a limit, with a
 * reason), never crashes, never runs away (libFuzzer's -timeout catches that). */
#include <string.h>

#include "fuzz.h"
#include "index.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t plen = data[0];
    if (plen > size - 1)
        plen = size - 1;
    char *pat = fuzz_copy(data + 1, plen);
    clio_regex *re;
    size_t at;
    char why[160];
    int rc = clio_regex_compile(pat, plen, &re, &at, why, sizeof why);
    free(pat);
    if (rc) {
        FUZZ_CHECK(rc == CLIO_EFORMAT || rc == CLIO_ENOMEM);
        FUZZ_CHECK(at <= plen);
        FUZZ_CHECK(memchr(why, 0, sizeof why) && why[0]);
        return 0;
    }
    const uint8_t *s = data + 1 + plen, *end = data + size;
    int subjects = 0;
    while (s <= end && subjects++ < 64) {
        const uint8_t *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        char *subject = fuzz_copy(s, n);
        why[0] = 0;
        int m = clio_regex_match(re, subject, n, why, sizeof why);
        FUZZ_CHECK(m == 0 || m == 1 || (m == -1 && why[0]));
        free(subject);
        if (!nl)
            break;
        s = nl + 1;
    }
    clio_regex_free(re);
    return 0;
}
