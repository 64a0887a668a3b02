/* Inputs that the fuzz targets (tests/fuzz/) found crashing or misbehaving, fed to the
 * same functions, with what must happen instead. The crashing files themselves are in
 * tests/fuzz/regressions/ and replayed through the targets by the fuzz/ ctest tests. */
#include <criterion/criterion.h>
#include <string.h>

#include "../fuzz/fixed_index.h"

static clio_index *open_fixed(void)
{
    int fd = fixed_index_fd();
    clio_index *ix;
    clio_error err;
    cr_assert_eq(clio_index_open_fd(fd, "fuzz.clio", &ix, &err), 0, "%s", err.message);
    close(fd);
    return ix;
}

static size_t hits(clio_index *ix, const char *q, size_t n)
{
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, q, n, &h, &err), 0, "%.*s: %s", (int)n, q, err.message);
    size_t k = h.n;
    free(h.v);
    return k;
}

/* query.c read NEAR/'s distance with strtol, past the n bytes given: a heap overflow
 * on an unterminated query, and digits after the end taken as part of it. */
Test(fuzz_regressions, near_distance_stops_at_the_query_end)
{
    clio_index *ix = open_fixed();
    static const char q[] = "trotsky NEAR/0123456 stalin";
    size_t n = strlen("trotsky NEAR/0");
    char *exact = malloc(n);
    memcpy(exact, q, n);
    clio_hits h = {0};
    clio_error err;
    cr_assert_eq(clio_query(ix, exact, n, &h, &err), CLIO_EFORMAT);
    cr_assert_leq(err.offset, (int64_t)n, "%s", err.message);
    free(exact);
    cr_assert_gt(hits(ix, "stalin NEAR/1 trotsky", 21), 0);
    cr_assert_eq(clio_query(ix, "trotsky NEAR/", 13, &h, &err), CLIO_EFORMAT);
    cr_assert_eq(clio_query(ix, "trotsky NEAR/99999999999 stalin", 31, &h, &err), CLIO_EFORMAT);
    free(h.v);
    clio_index_close(ix);
}
