/* The word lists of a bundled language profile (data/lang/<code>/words.lua) for C
 * tests, so that they check the core against the same lists the bindings hand it.
 * words.lua is plain data; this reads just its `name = { "a", "b", ... }` lists. */
#ifndef CLIO_TEST_PROFILE_WORDS_H
#define CLIO_TEST_PROFILE_WORDS_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The strings of list `field` (e.g. "abbreviations", "trailing") of profile `code`,
 * one per line, malloc'd; "" when the list is empty. Fails the test when absent. */
static char *profile_words(const char *code, const char *field)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/lang/%s/words.lua", CLIO_SOURCE_DIR, code);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    static char src[1 << 16];
    size_t n = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[n] = 0;
    char key[64];
    snprintf(key, sizeof key, " %s = {", field);
    const char *p = strstr(src, key);
    cr_assert_not_null(p, "%s: no list %s", path, field);
    p += strlen(key);
    char *out = calloc(1, n + 1);
    cr_assert_not_null(out);
    size_t len = 0;
    while (*p && *p != '}') {
        if (p[0] == '-' && p[1] == '-') { /* a comment, to the end of the line */
            while (*p && *p != '\n')
                p++;
        } else if (*p == '"') {
            const char *e = strchr(p + 1, '"');
            cr_assert_not_null(e);
            if (len)
                out[len++] = '\n';
            memcpy(out + len, p + 1, (size_t)(e - p - 1));
            len += (size_t)(e - p - 1);
            p = e + 1;
        } else {
            p++;
        }
    }
    return out;
}

#endif
