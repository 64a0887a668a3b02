/* /regex/ query words through PCRE2: UTF-8 mode with Unicode classes, matched against
 * whole terms, with limits on the work one match may do. PCRE2 compiles in memory
 * bounded by the pattern (no copying of repeated groups, unlike the C library's
 * regcomp) and its limits stop backtracking that would otherwise run for hours. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "index.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

/* One match may take this many backtracking steps, this deep a recursion and this
 * much heap (KiB): a term is at most a few hundred bytes, so an honest pattern needs
 * a small fraction of them. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000
#define HEAP_LIMIT_KIB 16384
#define PARENS_LIMIT 64

struct clio_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
};

void clio_regex_free(clio_regex *r)
{
    if (!r)
        return;
    pcre2_match_data_free(r->md);
    pcre2_match_context_free(r->mc);
    pcre2_code_free(r->code);
    free(r);
}

int clio_regex_compile(const char *re, size_t n, clio_regex **out, size_t *at, char *why,
                       size_t cap)
{
    *out = NULL;
    *at = 0;
    if (n > CLIO_REGEX_MAX) {
        *at = CLIO_REGEX_MAX;
        snprintf(why, cap, "more than %d bytes", CLIO_REGEX_MAX);
        return CLIO_EFORMAT;
    }
    clio_regex *r = calloc(1, sizeof *r);
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (!r || !cc) {
        free(r);
        pcre2_compile_context_free(cc);
        snprintf(why, cap, "out of memory");
        return CLIO_ENOMEM;
    }
    pcre2_set_parens_nest_limit(cc, PARENS_LIMIT);
    pcre2_set_max_pattern_length(cc, CLIO_REGEX_MAX);
    int code;
    PCRE2_SIZE off;
    r->code = pcre2_compile((PCRE2_SPTR)re, n,
                            PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_ANCHORED |
                                PCRE2_ENDANCHORED | PCRE2_NO_AUTO_CAPTURE |
                                PCRE2_MATCH_INVALID_UTF,
                            &code, &off, cc);
    pcre2_compile_context_free(cc);
    if (!r->code) {
        PCRE2_UCHAR msg[120];
        if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", code);
        snprintf(why, cap, "%s", (const char *)msg);
        *at = off <= n ? (size_t)off : n;
        clio_regex_free(r);
        return CLIO_EFORMAT;
    }
    r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
    r->mc = pcre2_match_context_create(NULL);
    if (!r->md || !r->mc) {
        clio_regex_free(r);
        snprintf(why, cap, "out of memory");
        return CLIO_ENOMEM;
    }
    pcre2_set_match_limit(r->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(r->mc, DEPTH_LIMIT);
    pcre2_set_heap_limit(r->mc, HEAP_LIMIT_KIB);
    *out = r;
    return 0;
}

int clio_regex_match(clio_regex *r, const char *s, size_t n, char *why, size_t cap)
{
    int rc = pcre2_match(r->code, (PCRE2_SPTR)(n ? s : ""), n, 0, 0, r->md, r->mc);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT) {
        snprintf(why, cap,
                 "regular expression too costly: it backtracks past the limit on a term of "
                 "%zu bytes (simplify nested repetitions such as (a+)+)", n);
        return -1;
    }
    if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
        return 0; /* a term that is not UTF-8 (a damaged index refuses it elsewhere) */
    PCRE2_UCHAR msg[120];
    if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
        snprintf((char *)msg, sizeof msg, "error %d", rc);
    snprintf(why, cap, "regular expression: %s", (const char *)msg);
    return -1;
}
