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

/* A bundled profile's lists compiled as the bindings compile them (clitics without
 * their apostrophe): what the core is given for that language. */
typedef struct test_lang {
    clio_lang lang;
    clio_wordset *sets[6];
} test_lang;

static clio_wordset *profile_set(const char *code, const char *field, int strip)
{
    char *w = profile_words(code, field), *o = w;
    if (strip) { /* drop each line's apostrophe: l' -> l, 's -> s */
        size_t k = 0;
        for (char *p = w; *p; p++)
            if (*p != '\'')
                w[k++] = *p;
        w[k] = 0;
    }
    clio_wordset *set = NULL;
    clio_error err;
    clio_error_clear(&err);
    cr_assert_eq(clio_wordset_parse(w, strlen(w), field, &set, &err), 0, "%s", err.message);
    free(o);
    return set;
}

static void test_lang_load(test_lang *t, const char *code)
{
    memset(t, 0, sizeof *t);
    t->lang.function_words = t->sets[0] = profile_set(code, "function_words", 0);
    t->lang.clitics_leading = t->sets[1] = profile_set(code, "leading", 1);
    t->lang.clitics_trailing = t->sets[2] = profile_set(code, "trailing", 1);
    t->lang.ordinal_suffixes = t->sets[3] = profile_set(code, "ordinal_suffixes", 0);
    t->lang.abbreviations = t->sets[4] = profile_set(code, "abbreviations", 0);
    t->lang.sentence_openers = t->sets[5] = profile_set(code, "sentence_openers", 0);
    /* possessive = { suffix = "s", ... } */
    char *list = profile_words(code, "possessive");
    (void)list;
    free(list);
    static char suffixes[2][32];
    char *slot = suffixes[strcmp(code, "en") != 0];
    char path[512];
    snprintf(path, sizeof path, "%s/data/lang/%s/words.lua", CLIO_SOURCE_DIR, code);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char src[1 << 16];
    size_t n = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[n] = 0;
    const char *p = strstr(src, " suffix = \"");
    t->lang.possessive_suffix = NULL;
    if (p) {
        p += strlen(" suffix = \"");
        size_t k = (size_t)(strchr(p, '"') - p);
        cr_assert(k < sizeof suffixes[0]);
        memcpy(slot, p, k);
        slot[k] = 0;
        t->lang.possessive_suffix = slot;
    }
}

static void test_lang_free(test_lang *t)
{
    for (int i = 0; i < 6; i++)
        clio_wordset_free(t->sets[i]);
    memset(t, 0, sizeof *t);
}
