/* Inputs that the fuzz targets (tests/fuzz/) found crashing or misbehaving, fed to the
 * same functions, with what must happen instead. The crashing files themselves are in
 * tests/fuzz/regressions/ and replayed through the targets by the fuzz/ ctest tests. */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/resource.h>

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

/* The fixed index as bytes, with a change made by `edit`, opened as `name`. With
 * fix_checksums the checksums are made right again (damage that every checksum agrees
 * with, a consistent but absurd file); without, the file is as the edit left it. */
static clio_index *open_edited(void (*edit)(uint8_t *b, const ix_header *h), int fix_checksums,
                               const char *name)
{
    int fd = fixed_index_fd();
    off_t n = lseek(fd, 0, SEEK_END);
    uint8_t *b = malloc((size_t)n);
    cr_assert_eq(pread(fd, b, (size_t)n, 0), n);
    ix_header h;
    memcpy(&h, b, sizeof h);
    edit(b, &h);
    if (fix_checksums)
        fixed_index_fix_checksums(b, (size_t)n, 0);
    cr_assert_eq(ftruncate(fd, 0), 0);
    cr_assert_eq(pwrite(fd, b, (size_t)n, 0), n);
    free(b);
    clio_index *ix;
    clio_error err;
    cr_assert_eq(clio_index_open_fd(fd, name, &ix, &err), 0, "%s", err.message);
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

static void huge_term_count(uint8_t *b, const ix_header *h)
{
    ix_header big = *h;
    big.ntokens = 1ull << 34;
    memcpy(b, &big, sizeof big);
    uint64_t count = 1ull << 31;
    memcpy(b + h->sec[IX_TERMS].off + offsetof(ix_term, count), &count, sizeof count);
}

/* A damaged term count (at most the header's token count, itself unchecked against the
 * file) was the size of the positions array to allocate: 16 GiB for this file, found by
 * fuzz_index as an out-of-memory. Each position takes at least a byte of the postings,
 * so such a count is damage. */
Test(fuzz_regressions, huge_term_count_is_damage_not_an_allocation)
{
#if !defined(__SANITIZE_ADDRESS__)
    struct rlimit lim = {1u << 30, 1u << 30}; /* the old code failed with CLIO_ENOMEM */
    cr_assert_eq(setrlimit(RLIMIT_AS, &lim), 0);
#endif
    clio_index *ix = open_edited(huge_term_count, 1, "damaged.clio");
    clio_positions pos = {0};
    cr_assert_eq(clio_index_postings(ix, 0, &pos), CLIO_EFORMAT);
    cr_assert(strstr(clio_index_error(ix)->message, "bad postings of term 0"), "%s",
              clio_index_error(ix)->message);
    free(pos.v);
    clio_index_close(ix);
}

static uint32_t met; /* the term whose count met_count_max damages */

static void met_count_max(uint8_t *b, const ix_header *h)
{
    uint64_t count = UINT64_MAX;
    memcpy(b + h->sec[IX_TERMS].off + met * sizeof(ix_term) + offsetof(ix_term, count), &count,
           sizeof count);
}

/* A damaged term count of 2^64-1 went through a double into collocates' freq: a
 * float-to-integer overflow (UBSan, found by fuzz_index). The count is kept as is. */
Test(fuzz_regressions, collocate_freq_keeps_a_damaged_count)
{
    clio_index *ix = open_fixed();
    cr_assert_eq(clio_index_find(ix, "met", 3, &met), 0);
    clio_index_close(ix);
    ix = open_edited(met_count_max, 1, "damaged.clio");
    clio_error err;
    clio_hits hits = {0};
    cr_assert_eq(clio_query(ix, "trotsky", 7, &hits, &err), 0, "%s", err.message);
    clio_colloc *co = NULL;
    size_t n = 0;
    cr_assert_eq(clio_index_collocates(ix, &hits, 3, 3, 1, &co, &n, NULL), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (co[i].term == met) {
            found = 1;
            cr_assert_eq(co[i].freq, UINT64_MAX);
        }
    cr_assert(found, "'met' is a collocate of 'trotsky'");
    free(co);
    free(hits.v);
    clio_index_close(ix);
}

/* An index whose checksum table starts at an offset not a multiple of 4 was read
 * through misaligned uint32_t loads (UBSan, found by fuzz_index; real indexes can
 * have such a table too). Now read bytewise: the damaged file is refused cleanly. */
Test(fuzz_regressions, misaligned_checksum_table_is_refused)
{
    FILE *f = fopen(CLIO_SOURCE_DIR "/tests/fuzz/regressions/index/misaligned-checksums", "rb");
    cr_assert_not_null(f);
    static uint8_t b[1 << 16];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    cr_assert_gt(n, 1);
    if (b[0] & 1)
        fixed_index_fix_checksums(b + 1, n - 1, b[0] & 2);
    int fd = memfd_create("misaligned", MFD_CLOEXEC);
    cr_assert_eq(write(fd, b + 1, n - 1), (ssize_t)(n - 1));
    clio_index *ix = NULL;
    clio_error err;
    if (clio_index_open_fd(fd, "misaligned.clio", &ix, &err) == 0) {
        clio_index_verify(ix, &err); /* reads every checksum: no misaligned load */
        clio_index_close(ix);
    }
    close(fd);
}

static void kind_111(uint8_t *b, const ix_header *h)
{
    ix_term *t = (ix_term *)(b + h->sec[IX_TERMS].off);
    t[0].kind = 111;
}

/* A term kind is a shift count for the callers' kind masks (1u << kind in l_index.c:
 * UBSan's "shift exponent 111"): an unknown kind is damage, refused, and the refusal
 * sticks: later calls fail too rather than answer around it. */
Test(fuzz_regressions, unknown_term_kind_is_damage)
{
    clio_index *ix = open_edited(kind_111, 1, "edited.clio");
    cr_assert_eq(clio_index_term_kind(ix, 0), 0);
    cr_assert(clio_index_damaged(ix));
    cr_assert(strstr(clio_index_error(ix)->message, "unknown kind"), "%s",
              clio_index_error(ix)->message);
    const char *s;
    size_t n;
    cr_assert_eq(clio_index_term(ix, 1, &s, &n), CLIO_EFORMAT, "damage must stick");
    clio_index_close(ix);
}

/* term 0's count changed, the checksums left as they were */
static void flip_a_count_bit(uint8_t *b, const ix_header *h) { b[h->sec[IX_TERMS].off + 8] ^= 0x10; }

/* A block whose checksum fails made term counts read as 0 and the index answer on
 * (`freq --index` listed other words, status 0): the failure now marks the index
 * damaged for the caller to see. */
Test(fuzz_regressions, a_failed_block_check_marks_the_index_damaged)
{
    clio_index *bad = open_edited(flip_a_count_bit, 0, "flipped.clio");
    cr_assert_eq(clio_index_term_count(bad, 0), 0);
    cr_assert(clio_index_damaged(bad), "a failed check must not read as a count of 0");
    cr_assert(strstr(clio_index_error(bad)->message, "checksum mismatch"), "%s",
              clio_index_error(bad)->message);
    clio_index_close(bad);
}

/* format_tei.c: a reference expat could not read (an undeclared entity) inside the
 * expansion of another ("&a;" with a = "x &b; d") ended the expansion being read, and
 * its rest started another: two substitutions over the same bytes, out of order for
 * every reader of the gaps. The expansion now goes on past it. Input
 * tests/fuzz/regressions/tei/unknown-entity-inside-an-expansion. */
Test(fuzz_regressions, an_unknown_entity_inside_an_expansion_keeps_one_substitution)
{
    static const char xml[] = "<!DOCTYPE TEI SYSTEM \"tei.dtd\" [<!ENTITY a \"x&b; d\">]>\n"
                              "<TEI><text><body><p>b &a; q</p></body></text></TEI>\n";
    clio_corpus *c = clio_corpus_new(NULL);
    clio_error err;
    clio_error_clear(&err);
    cr_assert_eq(clio_corpus_add_memory(c, "letter.xml", xml, sizeof xml - 1, &err), 0, "%s",
                 err.message);
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    clio_doc *d = clio_corpus_doc(c, 0);
    int64_t ref = strstr(xml, "&a;") - xml;
    size_t nsubst = 0;
    for (size_t k = 0; k < clio_doc_parts(d)->markup.n; k++) {
        const clio_gap *g = &clio_doc_parts(d)->markup.v[k];
        if (k)
            cr_assert_geq(g->start, clio_doc_parts(d)->markup.v[k - 1].end, "gap %zu overlaps the one before", k);
        if (g->rule == CLIO_GAP_SUBST) {
            nsubst++;
            cr_assert_eq(g->start, ref);
            cr_assert_eq(g->end, ref + 3);
            cr_assert_str_eq(clio_gap_sub(&clio_doc_parts(d)->markup, g), "x d");
        }
    }
    cr_assert_eq(nsubst, 1);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    clio_corpus_free(c);
}
