/* Queries over an index: a recursive-descent parser into a small tree, evaluated over
 * position lists. The language is in docs/index.md. Errors name the 0-based character
 * offset of the offending place. */
#include "index.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

enum { N_WORD, N_PHRASE, N_NEAR, N_AND, N_OR, N_NOT, N_SENT, N_FILTER };

typedef struct node {
    int kind, at;          /* at: byte offset in the query */
    struct node *a, *b;    /* operands; N_PHRASE: a list through b chains of N_WORD */
    const char *s;         /* N_WORD: the word (without = and *); N_FILTER: key */
    size_t n;
    int exact, prefix, regex;
    long dist;             /* N_NEAR */
    const char *v;         /* N_FILTER value (or lo), hi */
    size_t vn;
    const char *hi;
    size_t hn;
    int range;
} node;

typedef struct {
    clio_index *ix;
    const char *q;
    size_t n, i;
    node *pool;
    size_t npool, cap;
    clio_error *err;
    int rc;
    int depth; /* open parentheses: the parser recurses once per level */
} parser;

/* Deeper nesting is refused rather than recursed into: a fuzzed query of thousands of
 * "(" overflowed the stack. */
#define MAX_NESTING 100

static int char_offset(const char *q, size_t byte)
{
    int k = 0;
    for (size_t i = 0; i < byte; i++)
        k += ((unsigned char)q[i] & 0xC0) != 0x80;
    return k;
}

static int qerror(parser *p, size_t at, const char *fmt, const char *what)
{
    if (p->rc)
        return p->rc;
    int off = char_offset(p->q, at);
    char msg[300];
    snprintf(msg, sizeof msg, fmt, what);
    clio_error_set(p->err, CLIO_EFORMAT, "", "query error at %d: %s", off, msg);
    if (p->err)
        p->err->offset = off;
    return p->rc = CLIO_EFORMAT;
}

static node *new_node(parser *p, int kind, size_t at)
{
    if (p->npool == p->cap) {
        p->rc = CLIO_ENOMEM;
        return NULL;
    }
    node *x = &p->pool[p->npool++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->at = (int)at;
    return x;
}

static void skip_space(parser *p)
{
    while (p->i < p->n && isspace((unsigned char)p->q[p->i]))
        p->i++;
}

static int is_word_byte(char c)
{
    return c && !isspace((unsigned char)c) && c != '(' && c != ')' && c != '"';
}

/* An operator keyword at p->i, all capitals, followed by a non-word byte. */
static int keyword(parser *p, const char *kw)
{
    size_t k = strlen(kw);
    if (p->i + k > p->n || memcmp(p->q + p->i, kw, k) != 0)
        return 0;
    if (strcmp(kw, "NEAR/") == 0 || strcmp(kw, "SENT(") == 0)
        return 1;
    return p->i + k == p->n || !is_word_byte(p->q[p->i + k]);
}

static node *parse_or(parser *p);

/* word: [=]letters[*] | /regex/ */
static node *parse_word(parser *p, int in_phrase)
{
    size_t at = p->i;
    if (p->q[p->i] == '/') {
        size_t j = p->i + 1;
        while (j < p->n && p->q[j] != '/') {
            if (p->q[j] == '\\' && j + 1 < p->n)
                j++;
            j++;
        }
        if (j >= p->n) {
            qerror(p, p->n, "expected \"/\" to end the regular expression%s", "");
            return NULL;
        }
        node *x = new_node(p, N_WORD, at);
        if (!x)
            return NULL;
        x->regex = 1;
        x->s = p->q + at + 1;
        x->n = j - at - 1;
        p->i = j + 1;
        if (!x->n) {
            qerror(p, at, "empty regular expression%s", "");
            return NULL;
        }
        if (x->n > CLIO_REGEX_MAX) {
            qerror(p, at + 1 + CLIO_REGEX_MAX, "a regular expression of more than 256 bytes%s",
                   "");
            return NULL;
        }
        return x;
    }
    node *x = new_node(p, N_WORD, at);
    if (!x)
        return NULL;
    if (p->q[p->i] == '=') {
        x->exact = 1;
        p->i++;
    }
    size_t start = p->i;
    while (p->i < p->n && is_word_byte(p->q[p->i]) && !(in_phrase && p->q[p->i] == '"'))
        p->i++;
    size_t end = p->i;
    if (end > start && p->q[end - 1] == '*') {
        x->prefix = 1;
        end--;
    }
    x->s = p->q + start;
    x->n = end - start;
    if (!x->n) {
        qerror(p, start, "expected a word%s", "");
        return NULL;
    }
    if (x->exact && x->prefix) {
        qerror(p, at, "=word and word* do not go together%s", "");
        return NULL;
    }
    return x;
}

static node *parse_primary(parser *p)
{
    skip_space(p);
    if (p->i >= p->n) {
        qerror(p, p->i, "expected a word, a phrase or \"(\"%s", "");
        return NULL;
    }
    size_t at = p->i;
    char c = p->q[p->i];
    if (c == '(' || keyword(p, "SENT(")) {
        int sent = c != '(';
        if (++p->depth > MAX_NESTING) {
            qerror(p, at, "parentheses nested more than 100 deep%s", "");
            return NULL;
        }
        p->i += sent ? 5 : 1;
        node *inner = parse_or(p);
        p->depth--;
        if (!inner)
            return NULL;
        skip_space(p);
        if (p->i >= p->n || p->q[p->i] != ')') {
            qerror(p, p->i, "expected \")\"%s", "");
            return NULL;
        }
        p->i++;
        if (!sent)
            return inner;
        node *x = new_node(p, N_SENT, at);
        if (x)
            x->a = inner;
        return x;
    }
    if (c == ')') {
        qerror(p, at, "unexpected \")\"%s", "");
        return NULL;
    }
    if (c == '"') {
        p->i++;
        node *x = new_node(p, N_PHRASE, at), **tail = x ? &x->a : NULL;
        if (!x)
            return NULL;
        for (;;) {
            skip_space(p);
            if (p->i >= p->n) {
                qerror(p, p->i, "expected \"\\\"\" to end the phrase%s", "");
                return NULL;
            }
            if (p->q[p->i] == '"') {
                p->i++;
                break;
            }
            node *w = parse_word(p, 1);
            if (!w)
                return NULL;
            *tail = w;
            tail = &w->b;
        }
        if (!x->a) {
            qerror(p, at, "empty phrase%s", "");
            return NULL;
        }
        return x;
    }
    if (keyword(p, "AND") || keyword(p, "OR") || keyword(p, "NOT") || keyword(p, "NEAR/")) {
        qerror(p, at, "expected a word before %s", keyword(p, "AND") ? "AND" : keyword(p, "OR") ? "OR" : keyword(p, "NOT") ? "NOT" : "NEAR");
        return NULL;
    }
    /* key:value metadata filter */
    size_t j = p->i;
    while (j < p->n && (isalnum((unsigned char)p->q[j]) || p->q[j] == '_' || p->q[j] == '-'))
        j++;
    if (j > p->i && j < p->n && p->q[j] == ':' && isalpha((unsigned char)p->q[p->i])) {
        node *x = new_node(p, N_FILTER, at);
        if (!x)
            return NULL;
        x->s = p->q + p->i;
        x->n = j - p->i;
        p->i = j + 1;
        if (p->i < p->n && p->q[p->i] == '"') {
            size_t k = p->i + 1;
            while (k < p->n && p->q[k] != '"')
                k++;
            if (k >= p->n) {
                qerror(p, p->n, "expected \"\\\"\" to end the value%s", "");
                return NULL;
            }
            x->v = p->q + p->i + 1;
            x->vn = k - p->i - 1;
            p->i = k + 1;
        } else {
            size_t k = p->i;
            while (k < p->n && is_word_byte(p->q[k]))
                k++;
            x->v = p->q + p->i;
            x->vn = k - p->i;
            p->i = k;
            const char *dots = x->vn >= 2 ? memmem(x->v, x->vn, "..", 2) : NULL;
            if (dots) {
                x->range = 1;
                x->hi = dots + 2;
                x->hn = (size_t)(x->v + x->vn - x->hi);
                x->vn = (size_t)(dots - x->v);
            }
        }
        if (!x->vn && !x->range) {
            qerror(p, p->i, "expected a value after \":\"%s", "");
            return NULL;
        }
        return x;
    }
    return parse_word(p, 0);
}

static node *parse_near(parser *p)
{
    node *x = parse_primary(p);
    for (;;) {
        if (!x)
            return NULL;
        skip_space(p);
        if (!keyword(p, "NEAR/"))
            return x;
        size_t at = p->i;
        p->i += 5;
        /* digits within the query's n bytes: it need not be NUL-terminated */
        long d = -1;
        size_t end = p->i;
        while (end < p->n && isdigit((unsigned char)p->q[end]) && d <= 1000000)
            d = (d < 0 ? 0 : d * 10) + (p->q[end++] - '0');
        if (d < 0 || d > 1000000) {
            qerror(p, p->i, "expected a distance after NEAR/ (NEAR/5)%s", "");
            return NULL;
        }
        p->i = end;
        node *y = parse_primary(p);
        if (!y)
            return NULL;
        node *n = new_node(p, N_NEAR, at);
        if (!n)
            return NULL;
        n->a = x;
        n->b = y;
        n->dist = d;
        x = n;
    }
}

static node *parse_unary(parser *p, int *negated)
{
    skip_space(p);
    *negated = 0;
    if (keyword(p, "NOT")) {
        p->i += 3;
        *negated = 1;
    }
    return parse_near(p);
}

static node *parse_and(parser *p)
{
    int neg;
    size_t first_at = p->i;
    node *x = parse_unary(p, &neg);
    if (x && neg) {
        qerror(p, first_at, "NOT needs something before it (a NOT b)%s", "");
        return NULL;
    }
    for (;;) {
        if (!x)
            return NULL;
        skip_space(p);
        if (p->i >= p->n || p->q[p->i] == ')' || keyword(p, "OR"))
            return x;
        size_t at = p->i;
        int is_not = 0;
        if (keyword(p, "AND")) {
            p->i += 3;
        } else if (keyword(p, "NOT")) {
            p->i += 3;
            is_not = 1;
        }
        node *y = parse_unary(p, &neg);
        if (!y)
            return NULL;
        node *n = new_node(p, (is_not || neg) ? N_NOT : N_AND, at);
        if (!n)
            return NULL;
        n->a = x;
        n->b = y;
        x = n;
    }
}

static node *parse_or(parser *p)
{
    node *x = parse_and(p);
    for (;;) {
        if (!x)
            return NULL;
        skip_space(p);
        if (!keyword(p, "OR"))
            return x;
        size_t at = p->i;
        p->i += 2;
        node *y = parse_and(p);
        if (!y)
            return NULL;
        node *n = new_node(p, N_OR, at);
        if (!n)
            return NULL;
        n->a = x;
        n->b = y;
        x = n;
    }
}

/* ---- evaluation ----------------------------------------------------------------- */

typedef struct {
    clio_hits h;
    unsigned char *docs; /* a filter: a byte per document, hits unused */
} result;

static void result_free(result *r)
{
    free(r->h.v);
    free(r->docs);
    memset(r, 0, sizeof *r);
}

static int push_hit(clio_hits *h, uint64_t pos, uint64_t end)
{
    if (clio_grow((void **)&h->v, &h->cap, h->n + 1, sizeof *h->v))
        return CLIO_ENOMEM;
    h->v[h->n++] = (clio_hit){pos, end};
    return 0;
}

static int cmp_hit(const void *x, const void *y)
{
    const clio_hit *a = x, *b = y;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return (a->end_pos > b->end_pos) - (a->end_pos < b->end_pos);
}

static void sort_unique(clio_hits *h)
{
    int sorted = 1;
    for (size_t i = 1; i < h->n && sorted; i++)
        sorted = cmp_hit(&h->v[i - 1], &h->v[i]) < 0;
    if (sorted)
        return;
    qsort(h->v, h->n, sizeof *h->v, cmp_hit);
    size_t k = 0;
    for (size_t i = 0; i < h->n; i++)
        if (!k || cmp_hit(&h->v[k - 1], &h->v[i]) != 0)
            h->v[k++] = h->v[i];
    h->n = k;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

typedef struct {
    parser *p;
    clio_index *ix;
    clio_vocab *qv; /* to fold query words with the corpus tokenizer */
    const clio_lang *lang; /* the corpus language: clitics, the possessive suffix */
    char srcerr[600];
} evaluator;

static int ix_fail(evaluator *e, int rc)
{
    if (rc == CLIO_EFORMAT && e->p->err)
        *e->p->err = *clio_index_error(e->ix);
    else if (rc)
        clio_error_set(e->p->err, rc, "", "%s", clio_strerror(rc));
    return e->p->rc = rc;
}

/* The source token at pos starts with an upper-case letter. */
static int capitalized_at(evaluator *e, uint64_t pos, const char **bytes, int64_t *s, int64_t *t)
{
    clio_index_token tok;
    if (clio_index_tokens(e->ix, pos, 1, &tok))
        return 0;
    size_t size;
    const char *src = clio_index_source(e->ix, clio_index_doc_of(e->ix, pos), &size, NULL);
    if (!src || tok.end > (int64_t)size || tok.start >= tok.end)
        return 0;
    if (bytes) {
        *bytes = src;
        *s = tok.start;
        *t = tok.end;
    }
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)src + tok.start, tok.end - tok.start, &cp) < 1)
        return 0;
    int cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* Positions of one term id, appended. */
static int add_term(evaluator *e, uint32_t id, clio_positions *out)
{
    int rc = clio_index_postings(e->ix, id, out);
    return rc ? ix_fail(e, rc) : 0;
}

/* The positions a single query word stands for: a term, the terms with a prefix, the
 * terms a regular expression matches; with the possessive rule and exact case. */
static int word_positions(evaluator *e, node *w, clio_positions *out)
{
    parser *p = e->p;
    if (w->regex) {
        clio_regex *re;
        size_t bad_at;
        char why[160];
        if (clio_regex_compile(w->s, w->n, &re, &bad_at, why, sizeof why))
            return qerror(p, (size_t)w->at + 1 + bad_at, "bad regular expression: %s", why);
        uint32_t V = clio_index_nterms(e->ix);
        for (uint32_t id = 0; id < V && !p->rc; id++) {
            const char *s;
            size_t n;
            if (clio_index_term(e->ix, id, &s, &n)) {
                ix_fail(e, CLIO_EFORMAT);
                break;
            }
            int m = clio_regex_match(re, s, n, why, sizeof why);
            if (m < 0) {
                qerror(p, (size_t)w->at, "%s", why);
                break;
            }
            if (m)
                add_term(e, id, out);
        }
        clio_regex_free(re);
        if (!p->rc)
            if (out->n > 1)
                qsort(out->v, out->n, sizeof *out->v, cmp_u64);
        return p->rc;
    }
    /* fold with the corpus's own rules */
    clio_buf folded = {0};
    int rc = clio_fold(w->s, w->n, clio_index_fold_flags(e->ix), &folded);
    if (rc) {
        clio_buf_free(&folded);
        return p->rc = rc;
    }
    const char *f = folded.data ? folded.data : "";
    size_t fn = folded.len;
    if (w->prefix) {
        uint32_t lo, hi;
        if (clio_index_prefix(e->ix, f, fn, &lo, &hi))
            rc = ix_fail(e, CLIO_EFORMAT);
        for (uint32_t r = lo; !rc && r < hi; r++)
            rc = add_term(e, clio_index_sorted(e->ix, r), out);
        if (!rc && hi - lo > 1)
            if (out->n > 1)
                qsort(out->v, out->n, sizeof *out->v, cmp_u64);
        clio_buf_free(&folded);
        return rc;
    }
    uint32_t id;
    size_t base = out->n;
    rc = clio_index_find(e->ix, f, fn, &id);
    if (rc == 0)
        rc = add_term(e, id, out);
    else if (rc == CLIO_ENOTFOUND)
        rc = 0;
    else
        rc = ix_fail(e, rc);
    /* the possessive without an apostrophe (the language's suffix): Lenins for Lenin,
     * when both are capitalized */
    const char *suffix = e->lang ? e->lang->possessive_suffix : NULL;
    size_t sn = suffix ? strlen(suffix) : 0;
    utf8proc_int32_t cp;
    int cap = utf8proc_iterate((const utf8proc_uint8_t *)w->s, (utf8proc_ssize_t)w->n, &cp) > 0 &&
              (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
               utf8proc_category(cp) == UTF8PROC_CATEGORY_LT);
    if (!rc && cap && !w->exact && sn && fn + sn < 256) {
        char plus[256];
        memcpy(plus, f, fn);
        memcpy(plus + fn, suffix, sn);
        if (clio_index_find(e->ix, plus, fn + sn, &id) == 0) {
            clio_positions extra = {0};
            rc = add_term(e, id, &extra);
            size_t before = out->n;
            for (size_t k = 0; !rc && k < extra.n; k++)
                if (capitalized_at(e, extra.v[k], NULL, NULL, NULL)) {
                    if (clio_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
                        rc = p->rc = CLIO_ENOMEM;
                    else
                        out->v[out->n++] = extra.v[k];
                }
            free(extra.v);
            if (out->n > before)
                qsort(out->v + base, out->n - base, sizeof *out->v, cmp_u64);
        }
    }
    if (!rc && w->exact) { /* keep the occurrences written exactly so */
        size_t k = base;
        for (size_t i = base; i < out->n; i++) {
            const char *src;
            int64_t s, t;
            clio_index_token tok;
            size_t size;
            if (clio_index_tokens(e->ix, out->v[i], 1, &tok))
                continue;
            src = clio_index_source(e->ix, clio_index_doc_of(e->ix, out->v[i]), &size, NULL);
            s = tok.start;
            t = tok.end;
            if (src && t <= (int64_t)size && (size_t)(t - s) == w->n && memcmp(src + s, w->s, w->n) == 0)
                out->v[k++] = out->v[i];
        }
        out->n = k;
    }
    clio_buf_free(&folded);
    return rc;
}

static int same_doc(clio_index *ix, uint64_t a, uint64_t b)
{
    return a == b || clio_index_doc_of(ix, a) == clio_index_doc_of(ix, b);
}

/* A word may be several tokens (Lenin's, U.S.-Soviet): then it is a phrase. */
static int split_word(evaluator *e, node *w, node **first);

static int eval_phrase(evaluator *e, node *first, result *out)
{
    clio_positions acc = {0}, next = {0};
    int rc = 0, k = 0;
    for (node *w = first; w && !rc; w = w->b, k++) {
        clio_positions *dst = k == 0 ? &acc : &next;
        dst->n = 0;
        rc = word_positions(e, w, dst);
        if (rc || k == 0)
            continue;
        size_t i = 0, j = 0, m = 0; /* keep acc[i] where acc[i] + k is in next */
        while (i < acc.n && j < next.n) {
            uint64_t want = acc.v[i] + (uint64_t)k;
            if (next.v[j] < want)
                j++;
            else if (next.v[j] > want)
                i++;
            else {
                acc.v[m++] = acc.v[i++];
                j++;
            }
        }
        acc.n = m;
    }
    if (!rc && clio_grow((void **)&out->h.v, &out->h.cap, out->h.n + acc.n, sizeof *out->h.v))
        rc = CLIO_ENOMEM;
    uint64_t doc_first = 1, doc_end = 0; /* the document of the last hit, while it lasts */
    for (size_t i = 0; !rc && i < acc.n; i++) {
        uint64_t p = acc.v[i], last = p + (uint64_t)k - 1;
        if (p < doc_first || p >= doc_end) {
            clio_index_doc info;
            if (clio_index_doc_info(e->ix, clio_index_doc_of(e->ix, p), &info)) {
                rc = ix_fail(e, CLIO_EFORMAT);
                break;
            }
            doc_first = info.first_token;
            doc_end = info.first_token + info.ntokens;
        }
        if (last < doc_end)
            out->h.v[out->h.n++] = (clio_hit){p, p + (uint64_t)k};
    }
    free(acc.v);
    free(next.v);
    return rc ? (e->p->rc ? e->p->rc : (e->p->rc = rc)) : 0;
}

static int split_word(evaluator *e, node *w, node **first)
{
    *first = w;
    if (w->regex || w->n == 0)
        return 0;
    clio_tokens t = {0};
    int rc = clio_tokenize(w->s, 0, (int64_t)w->n, NULL, clio_index_fold_flags(e->ix), e->lang,
                           e->qv, &t);
    if (rc) {
        free(t.v);
        return e->p->rc = rc;
    }
    if (t.n <= 1) {
        free(t.v);
        return 0;
    }
    /* several tokens: a chain of words over the original bytes */
    node *head = NULL, **tail = &head;
    for (size_t i = 0; i < t.n; i++) {
        node *x = new_node(e->p, N_WORD, (size_t)w->at);
        if (!x) {
            free(t.v);
            return e->p->rc;
        }
        x->s = w->s + t.v[i].start;
        x->n = t.v[i].len;
        x->exact = w->exact;
        x->prefix = w->prefix && i + 1 == t.n;
        *tail = x;
        tail = &x->b;
    }
    free(t.v);
    *first = head;
    return 0;
}

static int eval(evaluator *e, node *x, int sentence_scope, result *out);

static int scope_of(evaluator *e, int sent, uint64_t pos, uint64_t *scope)
{
    if (!sent) {
        *scope = clio_index_doc_of(e->ix, pos);
        return 0;
    }
    uint32_t s;
    uint64_t a, b;
    int rc = clio_index_sentence_of(e->ix, pos, &s, &a, &b);
    if (rc)
        return ix_fail(e, rc);
    *scope = a; /* a sentence is named by its first token */
    return 0;
}

static int scopes(evaluator *e, int sent, const clio_hits *h, clio_positions *out)
{
    for (size_t i = 0; i < h->n; i++) {
        uint64_t s;
        if (scope_of(e, sent, h->v[i].pos, &s))
            return e->p->rc;
        if (clio_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
            return e->p->rc = CLIO_ENOMEM;
        out->v[out->n++] = s;
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, cmp_u64);
    return 0;
}

static int in_sorted(const clio_positions *s, uint64_t v)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->v[lo] == v;
}

/* Hits of h whose scope is (keep) or is not (!keep) among the scopes of other. */
static int filter_by(evaluator *e, int sent, const clio_hits *h, const result *other, int keep,
                     clio_hits *out)
{
    clio_positions sc = {0};
    if (!other->docs && scopes(e, sent, &other->h, &sc)) {
        free(sc.v);
        return e->p->rc;
    }
    int rc = 0;
    for (size_t i = 0; i < h->n && !rc; i++) {
        int in;
        if (other->docs) {
            in = other->docs[clio_index_doc_of(e->ix, h->v[i].pos)];
        } else {
            uint64_t s;
            if ((rc = scope_of(e, sent, h->v[i].pos, &s)))
                break;
            in = in_sorted(&sc, s);
        }
        if (in == keep)
            rc = push_hit(out, h->v[i].pos, h->v[i].end_pos);
    }
    free(sc.v);
    return rc ? (e->p->rc ? e->p->rc : (e->p->rc = rc)) : 0;
}

static int eval_filter(evaluator *e, node *x, result *out)
{
    uint64_t nd = clio_index_ndocs(e->ix);
    out->docs = calloc(nd ? nd : 1, 1);
    if (!out->docs)
        return e->p->rc = CLIO_ENOMEM;
    char key[128], val[512], lo[64], hi[64];
    snprintf(key, sizeof key, "%.*s", (int)x->n, x->s);
    snprintf(val, sizeof val, "%.*s", (int)x->vn, x->v);
    snprintf(lo, sizeof lo, "%.*s", (int)x->vn, x->v);
    snprintf(hi, sizeof hi, "%.*s", (int)x->hn, x->hi ? x->hi : "");
    double l = -1e300, h = 1e300;
    if (x->range) {
        char *end;
        if (x->vn) {
            l = strtod(lo, &end);
            if (*end)
                return qerror(e->p, (size_t)(x->v - e->p->q), "expected a number, not \"%s\"", lo);
        }
        if (x->hn) {
            h = strtod(hi, &end);
            if (*end)
                return qerror(e->p, (size_t)(x->hi - e->p->q), "expected a number, not \"%s\"", hi);
        }
    }
    for (uint64_t d = 0; d < nd; d++) {
        char buf[1024];
        const char *v;
        clio_index_doc info;
        if (strcmp(key, "doc") == 0) {
            if (clio_index_doc_info(e->ix, d, &info))
                return ix_fail(e, CLIO_EFORMAT);
            snprintf(buf, sizeof buf, "%.*s", (int)info.name_len, info.name);
            v = buf;
        } else {
            v = clio_index_meta_value(e->ix, d, key, buf, sizeof buf);
        }
        if (!v)
            continue;
        if (x->range) {
            char *end;
            double n = strtod(v, &end);
            out->docs[d] = end != v && n >= l && n <= h;
        } else {
            out->docs[d] = strcasestr(v, val) != NULL;
        }
    }
    return 0;
}

/* A word, a phrase, a metadata filter or SENT(...): everything but the binary operators. */
static int eval_leaf(evaluator *e, node *x, result *out)
{
    parser *p = e->p;
    int rc = 0;
    switch (x->kind) {
    case N_WORD: {
        node *first;
        if ((rc = split_word(e, x, &first)))
            break;
        rc = eval_phrase(e, first, out);
        break;
    }
    case N_PHRASE: {
        /* expand multi-token words inside the phrase */
        node *head = NULL, **tail = &head;
        for (node *w = x->a; w && !rc; w = w->b) {
            node *first;
            node copy = *w;
            copy.b = NULL;
            node *c = new_node(p, N_WORD, (size_t)w->at);
            if (!c) {
                rc = p->rc;
                break;
            }
            *c = copy;
            if ((rc = split_word(e, c, &first)))
                break;
            *tail = first;
            while (*tail)
                tail = &(*tail)->b;
        }
        if (!rc)
            rc = eval_phrase(e, head, out);
        break;
    }
    case N_FILTER:
        rc = eval_filter(e, x, out);
        break;
    case N_SENT:
        rc = eval(e, x->a, 1, out);
        break;
    }
    if (rc && !p->rc)
        p->rc = rc;
    return p->rc;
}

/* NEAR, OR, AND or NOT of two operands already evaluated into a and b (both freed here). */
static int combine(evaluator *e, node *x, int sent, result *a_in, result *b_in, result *out)
{
    parser *p = e->p;
    result a = *a_in, b = *b_in;
    int rc = 0;
    *a_in = *b_in = (result){0};
    switch (x->kind) {
    case N_NEAR:
        if (a.docs || b.docs) {
            rc = qerror(p, (size_t)x->at, "NEAR needs words on both sides, not a metadata filter%s", "");
            break;
        }
        {
            uint64_t maxlen = 1, d = (uint64_t)x->dist;
            for (size_t j = 0; j < b.h.n; j++)
                if (b.h.v[j].end_pos - b.h.v[j].pos > maxlen)
                    maxlen = b.h.v[j].end_pos - b.h.v[j].pos;
            size_t lo = 0;
            for (size_t i = 0; i < a.h.n && !rc; i++) {
                clio_hit h = a.h.v[i];
                uint64_t from = h.pos > d + maxlen ? h.pos - d - maxlen : 0;
                while (lo < b.h.n && b.h.v[lo].pos < from)
                    lo++;
                for (size_t j = lo; j < b.h.n && b.h.v[j].pos <= h.end_pos + d && !rc; j++) {
                    clio_hit g = b.h.v[j];
                    uint64_t between = g.pos >= h.end_pos ? g.pos - h.end_pos
                                       : h.pos >= g.end_pos ? h.pos - g.end_pos : 0;
                    if (between > d || (g.pos < h.end_pos && h.pos < g.end_pos))
                        continue; /* too far, or overlapping (the same words) */
                    uint64_t s = h.pos < g.pos ? h.pos : g.pos;
                    uint64_t t = h.end_pos > g.end_pos ? h.end_pos : g.end_pos;
                    if (!same_doc(e->ix, s, t - 1))
                        continue;
                    if (sent) {
                        uint64_t s1 = 0, s2 = 0;
                        if ((rc = scope_of(e, 1, s, &s1)) || (rc = scope_of(e, 1, t - 1, &s2)))
                            break;
                        if (s1 != s2)
                            continue;
                    }
                    rc = push_hit(&out->h, s, t);
                }
            }
            sort_unique(&out->h);
        }
        break;
    case N_OR:
        if (!a.docs != !b.docs) {
            rc = qerror(p, (size_t)x->at, "OR joins words with words or filters with filters%s", "");
            break;
        }
        if (a.docs) {
            for (uint64_t d = 0; d < clio_index_ndocs(e->ix); d++)
                a.docs[d] |= b.docs[d];
            out->docs = a.docs;
            a.docs = NULL;
            break;
        }
        for (size_t i = 0; i < b.h.n && !rc; i++)
            rc = push_hit(&a.h, b.h.v[i].pos, b.h.v[i].end_pos);
        sort_unique(&a.h);
        out->h = a.h;
        a.h = (clio_hits){0};
        break;
    case N_AND:
    case N_NOT:
        if (a.docs && b.docs) {
            for (uint64_t d = 0; d < clio_index_ndocs(e->ix); d++)
                a.docs[d] = x->kind == N_AND ? a.docs[d] && b.docs[d] : a.docs[d] && !b.docs[d];
            out->docs = a.docs;
            a.docs = NULL;
        } else if (x->kind == N_NOT) {
            if (a.docs) {
                rc = qerror(p, (size_t)x->at, "NOT needs words before it, not a metadata filter%s", "");
                break;
            }
            rc = filter_by(e, sent, &a.h, &b, 0, &out->h);
        } else if (a.docs || b.docs) {
            rc = filter_by(e, sent, a.docs ? &b.h : &a.h, a.docs ? &a : &b, 1, &out->h);
        } else {
            rc = filter_by(e, sent, &a.h, &b, 1, &out->h);
            if (!rc)
                rc = filter_by(e, sent, &b.h, &a, 1, &out->h);
            sort_unique(&out->h);
        }
        break;
    }
    result_free(&a);
    result_free(&b);
    if (rc && !p->rc)
        p->rc = rc;
    return p->rc;
}

static int is_binary(const node *x)
{
    return x->kind == N_NEAR || x->kind == N_AND || x->kind == N_OR || x->kind == N_NOT;
}

/* The parser builds "a b c ..." and "a OR b OR ..." as a left spine as long as the query:
 * a fuzzed query of thousands of words overflowed the stack when eval recursed down it.
 * The spine is walked with a loop; eval recurses only into right operands and
 * parentheses, which MAX_NESTING bounds. */
static int eval(evaluator *e, node *x, int sent, result *out)
{
    parser *p = e->p;
    size_t n = 0;
    for (node *s = x; is_binary(s); s = s->a)
        n++;
    if (n == 0)
        return eval_leaf(e, x, out);
    node **spine = malloc(n * sizeof *spine);
    if (!spine)
        return p->rc ? p->rc : (p->rc = CLIO_ENOMEM);
    size_t k = 0;
    for (node *s = x; is_binary(s); s = s->a)
        spine[k++] = s;
    result acc = {0};
    int rc = eval_leaf(e, spine[n - 1]->a, &acc);
    for (size_t i = n; i-- > 0 && !rc;) {
        result b = {0}, r = {0};
        rc = eval(e, spine[i]->b, sent, &b);
        if (!rc)
            rc = combine(e, spine[i], sent, &acc, &b, &r);
        result_free(&b);
        result_free(&acc);
        acc = r;
    }
    free(spine);
    if (rc) {
        result_free(&acc);
        return p->rc ? p->rc : (p->rc = rc);
    }
    *out = acc;
    return 0;
}

int clio_query(clio_index *ix, const char *q, size_t n, clio_hits *out, clio_error *err)
{
    return clio_query_lang(ix, q, n, NULL, out, err);
}

int clio_query_lang(clio_index *ix, const char *q, size_t n, const clio_lang *lang,
                    clio_hits *out, clio_error *err)
{
    clio_error_clear(err);
    parser p = {.ix = ix, .q = q, .n = n, .err = err};
    if (n > (SIZE_MAX / sizeof *p.pool - 64) / 8)
        return clio_error_set(err, CLIO_ENOMEM, "", "out of memory");
    p.cap = 64 + 8 * n;
    /* not zeroed: new_node clears each node it hands out, so the pages of a long query's
     * generous pool that the parse never reaches are never touched */
    p.pool = malloc(p.cap * sizeof *p.pool);
    if (!p.pool)
        return clio_error_set(err, CLIO_ENOMEM, "", "out of memory");
    node *root = parse_or(&p);
    if (root && !p.rc) {
        skip_space(&p);
        if (p.i < p.n)
            qerror(&p, p.i, p.q[p.i] == ')' ? "unexpected \")\"%s" : "unexpected text%s", "");
    }
    if (!p.rc && !root)
        qerror(&p, 0, "empty query%s", "");
    int rc = p.rc;
    if (!rc) {
        evaluator e = {.p = &p, .ix = ix, .qv = clio_vocab_new(), .lang = lang};
        result r = {0};
        if (!e.qv)
            rc = CLIO_ENOMEM;
        else
            rc = eval(&e, root, 0, &r);
        clio_vocab_free(e.qv);
        if (!rc && r.docs)
            rc = qerror(&p, 0, "a query needs a word or phrase, not only metadata filters%s", "");
        if (!rc) {
            sort_unique(&r.h);
            free(out->v);
            *out = r.h;
            r.h = (clio_hits){0};
        }
        result_free(&r);
        if (rc == CLIO_ENOMEM && err && !err->message[0])
            clio_error_set(err, rc, "", "out of memory");
    }
    free(p.pool);
    return rc;
}
