/* Sentence splitting over tokens, and the word sets it (and the tokenizer) consult.
 *
 * The rules (docs/tokens.md has examples):
 *  - A paragraph break (CLIO_TF_PARAGRAPH) always ends a sentence. A single line break
 *    never does by itself, so hard-wrapped text is not split at every line; a gap
 *    never does either (the sentence continues across the cut).
 *  - Terminals: . ! ? … and dot runs (..., ....). A terminal takes along the terminals
 *    that follow on the same line ("heavily. ..." or "?!") and the closing quotes and
 *    brackets written right after it (." .” .’ .) ]), then a citation in parentheses
 *    that touches it (.”(Page 37)). The sentence ends there when the next token:
 *      ! ?   does not start with a lowercase letter;
 *      .     can start a sentence: not a lowercase word, not , ; : ) and the like;
 *      … ... starts one clearly: a capitalized word, a number, an opening quote/bracket.
 *  - No end after a . that follows an abbreviation of the language (Mr. Gen. etc. No.),
 *    after an initial (a single capital letter, J. Stalin) before a capitalized word,
 *    or after a dotted abbreviation token (U.S. e.g. I.I.): there the sentence ends
 *    only when the next word is a sentence opener of the language (The, He, In,
 *    However ...: clio_lang.sentence_openers), or at a paragraph break.
 *  - Numbered items: a number followed by ")" (1) 2) in a quoted decree) never starts a
 *    sentence, and a one- or two-digit number with a . at the start of a line is a list
 *    marker, not an end.
 *  - The length cap: a sentence never holds more than the language's cap of tokens nor
 *    spans more than its cap of bytes (CLIO_SENTENCE_MAX_*). Where the next token would
 *    pass either, the sentence is cut (CLIO_SF_CUT) and a new one starts with that
 *    token: a line of 200 MB without a full stop becomes windows a grammar can read. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- word sets: folded lowercase forms without the final dot --------------------- */

struct clio_wordset {
    clio_buf text;   /* the forms, each NUL-terminated */
    uint32_t *slots; /* open addressing: offset + 1 into text, 0 when empty */
    size_t nslots, n;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* Lowercase form of s[0..n) without one final dot, in small (64 bytes) or *big. */
static int normalize(const char *s, size_t n, char *small, clio_buf *big, const char **out,
                     size_t *outn)
{
    if (n && s[n - 1] == '.')
        n--;
    int ascii = n <= 64;
    for (size_t i = 0; ascii && i < n; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        for (size_t i = 0; i < n; i++)
            small[i] = (char)((unsigned)(s[i] - 'A') < 26u ? s[i] + 32 : s[i]);
        *out = small;
        *outn = n;
        return 0;
    }
    big->len = 0;
    int rc = clio_fold(s, n, CLIO_FOLD_CASE, big);
    *out = big->data ? big->data : "";
    *outn = big->len;
    return rc;
}

static size_t find_slot(const clio_wordset *a, const char *s, size_t n)
{
    size_t mask = a->nslots - 1, i = (size_t)hash_bytes(s, n) & mask;
    while (a->slots[i]) {
        const char *t = a->text.data + a->slots[i] - 1;
        if (strlen(t) == n && !memcmp(t, s, n))
            break;
        i = (i + 1) & mask;
    }
    return i;
}

static int add_form(clio_wordset *a, const char *s, size_t n)
{
    if ((a->n + 1) * 2 > a->nslots) { /* keep the load under one half */
        size_t ns = a->nslots ? a->nslots * 2 : 64;
        uint32_t *old = a->slots;
        size_t olds = a->nslots;
        if (!(a->slots = calloc(ns, sizeof *a->slots))) {
            a->slots = old;
            return CLIO_ENOMEM;
        }
        a->nslots = ns;
        for (size_t i = 0; i < olds; i++)
            if (old[i]) {
                const char *t = a->text.data + old[i] - 1;
                a->slots[find_slot(a, t, strlen(t))] = old[i];
            }
        free(old);
    }
    size_t i = find_slot(a, s, n);
    if (a->slots[i])
        return 0;
    if (a->text.len + n + 1 >= UINT32_MAX)
        return CLIO_ENOMEM;
    uint32_t off = (uint32_t)a->text.len + 1;
    static const char nul = 0;
    if (clio_buf_append(&a->text, s, n) || clio_buf_append(&a->text, &nul, 1))
        return CLIO_ENOMEM;
    a->slots[i] = off;
    a->n++;
    return 0;
}

int clio_wordset_parse(const char *src, size_t n, const char *name, clio_wordset **out,
                       clio_error *err)
{
    if (!out || (!src && n))
        return CLIO_EARG;
    *out = NULL;
    clio_wordset *a = calloc(1, sizeof *a);
    if (!a)
        return clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
    clio_buf big = {0};
    char small[64];
    int rc = 0;
    int64_t line = 0;
    for (size_t pos = 0; pos < n && !rc;) {
        const char *nl = memchr(src + pos, '\n', n - pos);
        size_t e = nl ? (size_t)(nl - src) : n, s = pos;
        line++;
        pos = e + 1;
        const char *hash = memchr(src + s, '#', e - s);
        if (hash)
            e = (size_t)(hash - src);
        while (s < e && (src[s] == ' ' || src[s] == '\t' || src[s] == '\r'))
            s++;
        while (e > s && (src[e - 1] == ' ' || src[e - 1] == '\t' || src[e - 1] == '\r'))
            e--;
        if (s == e)
            continue;
        const char *why = NULL;
        int show = 1; /* quote the entry, unless it is not valid UTF-8 */
        if (memchr(src + s, ' ', e - s) || memchr(src + s, '\t', e - s))
            why = "a word holds no spaces";
        else if (!(show = clio_utf8_check(src + s, e - s, NULL)))
            why = "invalid UTF-8";
        else if (e - s == 1 && src[s] == '.')
            why = "a word needs more than its dot";
        if (why) {
            rc = clio_error_set(err, CLIO_EFORMAT, name, "%s%s%.*s%s", why, show ? ": '" : "",
                                show ? (int)(e - s) : 0, src + s, show ? "'" : "");
            if (err) {
                err->line = line;
                err->offset = (int64_t)s;
            }
            break;
        }
        const char *form;
        size_t fn;
        if (!(rc = normalize(src + s, e - s, small, &big, &form, &fn)))
            rc = add_form(a, form, fn);
        if (rc)
            clio_error_set(err, rc, name, "out of memory");
    }
    clio_buf_free(&big);
    if (rc) {
        clio_wordset_free(a);
        return rc;
    }
    *out = a;
    return 0;
}

void clio_wordset_free(clio_wordset *a)
{
    if (!a)
        return;
    clio_buf_free(&a->text);
    free(a->slots);
    free(a);
}

int clio_wordset_has(const clio_wordset *a, const char *word, size_t n)
{
    if (!a || !a->n || !word)
        return 0;
    char small[64];
    clio_buf big = {0};
    const char *form;
    size_t fn;
    int found = !normalize(word, n, small, &big, &form, &fn) && fn &&
                a->slots[find_slot(a, form, fn)] != 0;
    clio_buf_free(&big);
    return found;
}

/* ---- splitting ------------------------------------------------------------------ */

enum { T_NONE, T_SOFT, T_ABBR, T_STOP, T_HARD };

static inline const unsigned char *bytes(const char *text, const clio_token *t)
{
    return (const unsigned char *)text + t->start;
}

static inline int64_t tok_end(const clio_token *t)
{
    return t->start + t->len;
}

static int terminal(const char *text, const clio_token *t)
{
    const unsigned char *b = bytes(text, t);
    if (t->kind == CLIO_TOK_WORD)
        return (t->flags & CLIO_TF_ABBREV) && b[t->len - 1] == '.' ? T_ABBR : T_NONE;
    if (t->kind != CLIO_TOK_PUNCT)
        return T_NONE;
    if (t->len == 1)
        return b[0] == '.' ? T_STOP : b[0] == '!' || b[0] == '?' ? T_HARD : T_NONE;
    if (b[0] == '.')
        return T_SOFT; /* a run of dots */
    if (t->len == 3 && b[0] == 0xE2 && b[1] == 0x80 && b[2] == 0xA6)
        return T_SOFT; /* … */
    if (t->len == 3 && b[0] == 0xEF && b[1] == 0xBC && (b[2] == 0x81 || b[2] == 0x9F))
        return T_HARD; /* full-width ！ ？ */
    return T_NONE;
}

static int is_one(const char *text, const clio_token *t, const char *s)
{
    size_t n = strlen(s);
    return t->len == n && !memcmp(bytes(text, t), s, n);
}

static int is_closer(const char *text, const clio_token *t)
{
    if (t->kind != CLIO_TOK_PUNCT && t->kind != CLIO_TOK_CLITIC)
        return 0;
    static const char *const closers[] = {"\"", "'", ")", "]", "}", "\xE2\x80\x9D",
                                          "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xBA"};
    for (size_t i = 0; i < sizeof closers / sizeof *closers; i++)
        if (is_one(text, t, closers[i]))
            return 1;
    return 0;
}

static int is_opener(const char *text, const clio_token *t)
{
    if (t->kind != CLIO_TOK_PUNCT)
        return 0;
    static const char *const openers_p[] = {
        "\"", "'", "(", "[", "{", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\xB9",
        "\xC2\xBF", "\xC2\xA1", "\xE2\x80\x94", "\xE2\x80\x93", "-"};
    for (size_t i = 0; i < sizeof openers_p / sizeof *openers_p; i++)
        if (is_one(text, t, openers_p[i]))
            return 1;
    return 0;
}

static int starts_lower(const char *text, const clio_token *t)
{
    if (t->kind != CLIO_TOK_WORD && t->kind != CLIO_TOK_CLITIC)
        return 0;
    const unsigned char *b = bytes(text, t);
    if (b[0] < 0x80)
        return b[0] >= 'a' && b[0] <= 'z';
    int32_t cp;
    int problem;
    clio_utf8_decode(b, t->len, &cp, &problem);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* A capitalized word of the language's sentence openers (The, However ...). */
static int is_opener_word(const char *text, const clio_token *t, const clio_lang *lang)
{
    if (t->kind != CLIO_TOK_WORD || !(t->flags & CLIO_TF_CAPITALIZED) || !lang)
        return 0;
    return clio_wordset_has(lang->sentence_openers, text + t->start, t->len);
}

/* A single capital letter: J in "J. Stalin". */
static int is_initial(const char *text, const clio_token *t)
{
    if (t->kind != CLIO_TOK_WORD || !(t->flags & CLIO_TF_CAPITALIZED))
        return 0;
    if (t->len == 1)
        return 1;
    int32_t cp;
    int problem;
    return clio_utf8_decode(bytes(text, t), t->len, &cp, &problem) == (int)t->len;
}

/* 1) 2): a number or a single letter followed at once by ")". */
static int is_item(const char *text, const clio_token *t, size_t i, size_t n)
{
    if (i + 1 >= n || (t[i].kind != CLIO_TOK_NUMBER && !(t[i].kind == CLIO_TOK_WORD &&
                                                         t[i].len == 1)))
        return 0;
    return tok_end(&t[i]) == t[i + 1].start && is_one(text, &t[i + 1], ")");
}

static int close_sentence(clio_sentences *out, const clio_token *t, size_t first, size_t end,
                          uint32_t flags)
{
    if (out->n == out->cap) {
        void *v = out->v;
        int rc = clio_grow(&v, &out->cap, out->n + 1, sizeof *out->v);
        out->v = v;
        if (rc)
            return rc;
    }
    clio_sentence *s = &out->v[out->n++];
    s->start = t[first].start;
    s->end = tok_end(&t[end - 1]);
    s->first_token = (uint32_t)first;
    s->ntokens = (uint32_t)(end - first);
    s->flags = flags;
    return 0;
}

typedef struct {
    size_t tokens;
    int64_t bytes;
} length_cap;

static length_cap cap_of(const clio_lang *lang)
{
    uint32_t nt = lang && lang->sentence_max_tokens ? lang->sentence_max_tokens
                                                     : CLIO_SENTENCE_MAX_TOKENS;
    uint32_t nb = lang && lang->sentence_max_bytes ? lang->sentence_max_bytes
                                                    : CLIO_SENTENCE_MAX_BYTES;
    return (length_cap){nt, nb};
}

/* Whether t[first..last] (last included) fits in one sentence. */
static inline int fits(const clio_token *t, size_t first, size_t last, length_cap cap)
{
    return last - first < cap.tokens && tok_end(&t[last]) - t[first].start <= cap.bytes;
}

/* Does a sentence end before t[j], after a terminal group of type `type` whose first
 * terminal is t[i]? */
static int ends_before(const char *text, const clio_token *t, size_t n, size_t i, size_t j,
                       int type, const clio_lang *lang)
{
    const clio_token *next = &t[j];
    if (is_item(text, t, j, n))
        return 0;
    switch (type) {
    case T_HARD:
        return !starts_lower(text, next);
    case T_SOFT:
        return (next->kind == CLIO_TOK_WORD && (next->flags & CLIO_TF_CAPITALIZED)) ||
               next->kind == CLIO_TOK_NUMBER || is_opener(text, next);
    case T_ABBR:
        return is_opener_word(text, next, lang);
    }
    /* T_STOP: look at the word the first . is attached to */
    const clio_token *prev = i > 0 && tok_end(&t[i - 1]) == t[i].start ? &t[i - 1] : NULL;
    if (prev && prev->kind == CLIO_TOK_WORD && t[i].len == 1) {
        if (lang && clio_wordset_has(lang->abbreviations, text + prev->start, prev->len))
            return is_opener_word(text, next, lang);
        if (is_initial(text, prev) && next->kind == CLIO_TOK_WORD &&
            (next->flags & CLIO_TF_CAPITALIZED))
            return is_opener_word(text, next, lang);
    }
    if (prev && prev->kind == CLIO_TOK_NUMBER && prev->len <= 2 &&
        (i - 1 == 0 || (prev->flags & CLIO_TF_NEWLINE)))
        return 0; /* "1." opening a line: a list marker */
    if (starts_lower(text, next))
        return 0;
    if (next->kind == CLIO_TOK_PUNCT)
        return is_opener(text, next);
    return 1;
}

int clio_sentences_split(const char *text, const clio_token *tokens, size_t ntokens,
                         const clio_gaps *gaps, const clio_lang *lang,
                         clio_sentences *out)
{
    (void)gaps; /* a gap is never a boundary: the tokens already skip it */
    if (!out || (ntokens && (!text || !tokens)) || ntokens > UINT32_MAX)
        return CLIO_EARG;
    const clio_token *t = tokens;
    const length_cap cap = cap_of(lang);
    size_t first = 0, i = 0;
    int rc;
    while (i < ntokens) {
        if (i > first && (t[i].flags & CLIO_TF_PARAGRAPH)) {
            if ((rc = close_sentence(out, t, first, i, 0)))
                return rc;
            first = i;
        }
        if (i > first && !fits(t, first, i, cap)) { /* the cap: a window ends here */
            if ((rc = close_sentence(out, t, first, i, CLIO_SF_CUT)))
                return rc;
            first = i;
        }
        int type = terminal(text, &t[i]);
        if (!type) {
            i++;
            continue;
        }
        /* the group: more terminals on this line, closers written right after (as far
         * as the cap lets the sentence reach: "! ! ! ..." on one line is a group too) */
        size_t j = i + 1;
        while (j < ntokens && !(t[j].flags & CLIO_TF_NEWLINE) && fits(t, first, j, cap)) {
            int more = terminal(text, &t[j]);
            if (more && more != T_ABBR) { /* "end. U.S. forces": U.S. is a word */
                if (more > type)
                    type = more;
            } else if (!(is_closer(text, &t[j]) && tok_end(&t[j - 1]) == t[j].start)) {
                break;
            }
            j++;
        }
        /* a citation touching the group: ."(Page 37, Kirov Murder) */
        if (j < ntokens && tok_end(&t[j - 1]) == t[j].start && is_one(text, &t[j], "(")) {
            size_t k = j + 1;
            while (k < ntokens && k < j + 40 && !(t[k].flags & CLIO_TF_PARAGRAPH) &&
                   !is_one(text, &t[k], ")"))
                k++;
            if (k < ntokens && k < j + 40 && is_one(text, &t[k], ")") && fits(t, first, k, cap))
                j = k + 1;
        }
        if (j < ntokens && !(t[j].flags & CLIO_TF_PARAGRAPH) &&
            ends_before(text, t, ntokens, i, j, type, lang)) {
            if ((rc = close_sentence(out, t, first, j, 0)))
                return rc;
            first = j;
        }
        i = j;
    }
    if (first < ntokens && (rc = close_sentence(out, t, first, ntokens, 0)))
        return rc;
    return 0;
}
