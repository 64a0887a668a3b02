/* Vocabulary: dense ids, lookup, growth, arbitrary bytes, stable term pointers. */
#include "clio.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t intern(clio_vocab *v, const char *s)
{
    uint32_t id = UINT32_MAX;
    cr_assert_eq(clio_vocab_intern(v, s, strlen(s), &id), 0);
    return id;
}

Test(vocab, dense_ids_in_order_of_first_appearance)
{
    clio_vocab *v = clio_vocab_new();
    cr_assert_not_null(v);
    cr_assert_eq(clio_vocab_size(v), 0);
    cr_assert_eq(intern(v, "the"), 0);
    cr_assert_eq(intern(v, "war"), 1);
    cr_assert_eq(intern(v, "the"), 0);
    cr_assert_eq(intern(v, "began"), 2);
    cr_assert_eq(intern(v, "war"), 1);
    cr_assert_eq(clio_vocab_size(v), 3);

    size_t len;
    const char *t = clio_vocab_term(v, 2, &len);
    cr_assert_eq(len, 5);
    cr_assert_str_eq(t, "began");
    cr_assert_null(clio_vocab_term(v, 3, &len));
    cr_assert_eq(len, 0);
    cr_assert_null(clio_vocab_term(v, UINT32_MAX, NULL));
    clio_vocab_free(v);
}

Test(vocab, find)
{
    clio_vocab *v = clio_vocab_new();
    intern(v, "stalin");
    intern(v, "trotsky");
    uint32_t id = 99;
    cr_assert_eq(clio_vocab_find(v, "trotsky", 7, &id), 0);
    cr_assert_eq(id, 1);
    cr_assert_eq(clio_vocab_find(v, "trotsk", 6, &id), CLIO_ENOTFOUND);
    cr_assert_eq(clio_vocab_find(v, "trotskyx", 8, &id), CLIO_ENOTFOUND);
    cr_assert_eq(clio_vocab_find(v, "lenin", 5, &id), CLIO_ENOTFOUND);
    cr_assert_eq(clio_vocab_find(v, "stalin", 6, NULL), 0);
    cr_assert_eq(clio_vocab_size(v), 2, "find must not add");
    clio_vocab_free(v);
}

Test(vocab, length_matters_not_just_prefix)
{
    clio_vocab *v = clio_vocab_new();
    cr_assert_eq(intern(v, "a"), 0);
    cr_assert_eq(intern(v, "ab"), 1);
    cr_assert_eq(intern(v, "abc"), 2);
    uint32_t id;
    cr_assert_eq(clio_vocab_intern(v, "abcdef", 2, &id), 0);
    cr_assert_eq(id, 1);
    cr_assert_eq(clio_vocab_intern(v, "", 0, &id), 0);
    cr_assert_eq(id, 3);
    size_t len = 7;
    cr_assert_str_eq(clio_vocab_term(v, 3, &len), "");
    cr_assert_eq(len, 0);
    cr_assert_eq(clio_vocab_find(v, NULL, 0, &id), 0);
    cr_assert_eq(id, 3);
    clio_vocab_free(v);
}

Test(vocab, arbitrary_nul_free_bytes)
{
    clio_vocab *v = clio_vocab_new();
    unsigned char term[8];
    /* every single byte 1..255 and every pair differing in one byte */
    for (unsigned b = 1; b < 256; b++) {
        term[0] = (unsigned char)b;
        uint32_t id;
        cr_assert_eq(clio_vocab_intern(v, (char *)term, 1, &id), 0);
        cr_assert_eq(id, b - 1);
    }
    for (unsigned b = 1; b < 256; b++) {
        term[0] = 0xFF, term[1] = (unsigned char)b;
        uint32_t id;
        cr_assert_eq(clio_vocab_intern(v, (char *)term, 2, &id), 0);
        cr_assert_eq(id, 255 + b - 1);
    }
    for (unsigned b = 1; b < 256; b++) {
        term[0] = (unsigned char)b;
        uint32_t id;
        cr_assert_eq(clio_vocab_find(v, (char *)term, 1, &id), 0);
        cr_assert_eq(id, b - 1);
        size_t len;
        const char *t = clio_vocab_term(v, id, &len);
        cr_assert_eq(len, 1);
        cr_assert_eq((unsigned char)t[0], b);
        cr_assert_eq(t[1], '\0');
    }
    /* invalid UTF-8 is just bytes here */
    uint32_t id;
    cr_assert_eq(clio_vocab_intern(v, "\xC0\x80\xFF", 3, &id), 0);
    cr_assert_eq(clio_vocab_find(v, "\xC0\x80\xFF", 3, &id), 0);
    clio_vocab_free(v);
}

Test(vocab, long_terms)
{
    clio_vocab *v = clio_vocab_new();
    size_t n = 1000000; /* longer than an arena block */
    char *big = malloc(n);
    memset(big, 'x', n);
    uint32_t a, b, c;
    cr_assert_eq(clio_vocab_intern(v, "small", 5, &a), 0);
    cr_assert_eq(clio_vocab_intern(v, big, n, &b), 0);
    big[n - 1] = 'y';
    cr_assert_eq(clio_vocab_intern(v, big, n, &c), 0);
    cr_assert_eq(b, 1);
    cr_assert_eq(c, 2);
    size_t len;
    const char *t = clio_vocab_term(v, 2, &len);
    cr_assert_eq(len, n);
    cr_assert_eq(memcmp(t, big, n), 0);
    cr_assert_eq(t[n], '\0');
    cr_assert_str_eq(clio_vocab_term(v, 0, NULL), "small");
    free(big);
    clio_vocab_free(v);
}

Test(vocab, grows_past_a_million_terms, .timeout = 60)
{
    clio_vocab *v = clio_vocab_new();
    const uint32_t N = 1200000;
    char buf[32];
    const char *first = NULL;
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "term%u", i);
        uint32_t id;
        cr_assert_eq(clio_vocab_intern(v, buf, (size_t)n, &id), 0);
        if (id != i)
            cr_assert_fail("term%u got id %u", i, id);
        if (i == 0)
            first = clio_vocab_term(v, 0, NULL);
    }
    cr_assert_eq(clio_vocab_size(v), N);
    /* term pointers never move */
    cr_assert_eq(clio_vocab_term(v, 0, NULL), first);
    cr_assert_str_eq(first, "term0");
    for (uint32_t i = 0; i < N; i += 7) {
        int n = snprintf(buf, sizeof buf, "term%u", i);
        uint32_t id;
        if (clio_vocab_find(v, buf, (size_t)n, &id) != 0 || id != i)
            cr_assert_fail("find term%u", i);
        if (clio_vocab_intern(v, buf, (size_t)n, &id) != 0 || id != i)
            cr_assert_fail("re-intern term%u", i);
        size_t len;
        const char *t = clio_vocab_term(v, i, &len);
        if (len != (size_t)n || memcmp(t, buf, len) != 0 || t[len] != '\0')
            cr_assert_fail("term(%u)", i);
    }
    cr_assert_eq(clio_vocab_size(v), N);
    cr_assert_eq(clio_vocab_find(v, "term1200000", 11, NULL), CLIO_ENOTFOUND);
    clio_vocab_free(v);
}

Test(vocab, free_null)
{
    clio_vocab_free(NULL);
}
