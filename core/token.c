/* Tokenizer: UTF-8 text -> word, number, clitic, punctuation and symbol tokens.
 *
 * The rules (docs/tokens.md explains them with examples):
 *  - Whitespace separates: Unicode Zs, controls, U+200B, U+FEFF. Line breaks are LF,
 *    CR, CRLF (one break), VT, FF, U+0085, U+2028; U+2029 is a paragraph break.
 *  - Word characters are letters (L*, Nl), marks (M*, and Cf such as soft hyphen or
 *    ZWJ) and digits (Nd). An invalid UTF-8 sequence is read as U+FFFD and counts as
 *    a caseless letter, so a word with one bad byte stays one token (CLIO_TF_REPAIRED).
 *  - Inside a word, ' ’ ʼ join when a letter follows (O'Brien, don't); - ‐ ‑ join when
 *    a word character follows (twenty-nine, B-52), except an ASCII - used as a dash:
 *    the word's only hyphen, followed by one of the language's function words that
 *    ends it (States-that: three tokens); a dot joins when a lowercase letter follows
 *    a letter (school.eb.com), so a missing space (end.The) does not glue two
 *    sentences together.
 *  - Clitics (the language profile's lists, clio_lang): a trailing one after an
 *    apostrophe at the end of a word becomes a CLITIC token (Lenin + 's); with "s"
 *    also ' after a word ending in s (Soviets + ') and ?s after a letter when a
 *    non-word character follows (Stalin?s: an apostrophe lost in transcoding; term 's).
 *    A leading one, the word before a word's first apostrophe, is a CLITIC token with
 *    its apostrophe (l'année -> l' + année).
 *  - Numbers start with a digit: digits with , . : between digits (1,000 3.5 10:30).
 *    A hyphen always ends a number (1914-1918 is NUMBER PUNCT NUMBER). Suffixes:
 *    1920s 1920's 1920’s 1920?s -> one NUMBER, term "1920s"; digits followed by one of
 *    the language's ordinal suffixes (5th 21st, 1er) -> NUMBER with CLIO_TF_ORDINAL.
 *    Other letters after digits make a WORD (3D, 105mm).
 *  - Dotted abbreviations: two or more single letters each followed by a dot (U.S.S.R.
 *    e.g. a.m. I.I.) are one WORD with CLIO_TF_ABBREV, final dot included; the last
 *    dot may be missing (U.S, B.C). Mr. end. -> WORD + PUNCT ".".
 *  - Punctuation (P*): one token per mark, except runs of dots (.. ... ....), runs of
 *    ASCII hyphens (-- ---) and … . Symbols (S*, private use, unassigned, and the
 *    ASCII # $ % & * + < = > @ ^ ` | ~): one token each, with any marks that follow.
 *  - Flags: CAPITALIZED when the first letter is Lu/Lt, ALLCAPS when two or more
 *    cased letters are all upper case (words and clitics only); NEWLINE when a line
 *    break stands between a token and the previous one, PARAGRAPH (with NEWLINE) when
 *    a blank line does. Text inside a gap is not seen: its breaks do not count, and it
 *    counts as content on its line, so "x\n<gap>\ny" is NEWLINE, not PARAGRAPH.
 *  - Terms: clio_fold(token, fold_flags) interned in the vocabulary. Pure-ASCII words,
 *    numbers and clitics skip clio_fold (ASCII folds to itself, lowercased under
 *    CLIO_FOLD_CASE); single ASCII marks are folded once per call and cached. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    K_SPACE, K_BREAK, K_CR, K_PARA,
    K_UPPER, K_LOWER, K_LETTER, K_MARK, K_DIGIT, /* word characters, in this order */
    K_APOS, K_HYPHEN, K_DOT, K_COMMA, K_COLON, K_QMARK, K_ELLIPSIS, K_PUNCT, K_SYMBOL,
    K_NONASCII /* only in the byte table: decode first */
};

static inline int is_word(int k) { return k >= K_UPPER && k <= K_DIGIT; }
static inline int is_letter(int k) { return k >= K_UPPER && k <= K_LETTER; }

#define R(a, b) [a ... b]
static const unsigned char ascii_class[256] = {
    /* 0 is K_SPACE: other controls separate like spaces */
    ['\n'] = K_BREAK, ['\v'] = K_BREAK, ['\f'] = K_BREAK,
    ['\r'] = K_CR, [' '] = K_SPACE, [0x7F] = K_SPACE,
    R('A', 'Z') = K_UPPER, R('a', 'z') = K_LOWER, R('0', '9') = K_DIGIT,
    ['\''] = K_APOS, ['-'] = K_HYPHEN, ['.'] = K_DOT, [','] = K_COMMA, [':'] = K_COLON,
    ['?'] = K_QMARK,
    ['!'] = K_PUNCT, ['"'] = K_PUNCT, ['('] = K_PUNCT, [')'] = K_PUNCT, ['/'] = K_PUNCT,
    [';'] = K_PUNCT, ['['] = K_PUNCT, ['\\'] = K_PUNCT, [']'] = K_PUNCT, ['_'] = K_PUNCT,
    ['{'] = K_PUNCT, ['}'] = K_PUNCT,
    ['#'] = K_SYMBOL, ['$'] = K_SYMBOL, ['%'] = K_SYMBOL, ['&'] = K_SYMBOL,
    ['*'] = K_SYMBOL, ['+'] = K_SYMBOL, ['<'] = K_SYMBOL, ['='] = K_SYMBOL,
    ['>'] = K_SYMBOL, ['@'] = K_SYMBOL, ['^'] = K_SYMBOL, ['`'] = K_SYMBOL,
    ['|'] = K_SYMBOL, ['~'] = K_SYMBOL,
    R(0x80, 0xFF) = K_NONASCII,
};
/* 1 for a-z, 2 for A-Z: the inner loop of words. */
static const unsigned char ascii_alpha[256] = {R('a', 'z') = 1, R('A', 'Z') = 2};
#undef R

/* Eight bytes at a time where the byte order allows: English words are mostly short
 * ASCII letter runs, and a per-byte loop pays a mispredicted branch at every word end. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#define HI8 0x8080808080808080ull

static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* The high bit of each byte of x that is an ASCII letter. */
static inline uint64_t alpha_bytes(uint64_t x)
{
    uint64_t y = (x | 0x2020202020202020ull) & 0x7F7F7F7F7F7F7F7Full; /* no carries */
    uint64_t ge_a = y + 0x1F1F1F1F1F1F1F1Full, gt_z = y + 0x0505050505050505ull;
    return ge_a & ~gt_z & ~x & HI8;
}

/* Mask of the first n (0..8) bytes. */
static inline uint64_t prefix_mask(int64_t n)
{
    return n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
}
#endif

static int classify_cp(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x02BC: return K_APOS;
    case 0x2010: case 0x2011: return K_HYPHEN;
    case 0x2026: return K_ELLIPSIS;
    case 0x0085: case 0x2028: return K_BREAK;
    case 0x2029: return K_PARA;
    case 0x200B: case 0xFEFF: return K_SPACE;
    case 0xFFFD: return K_LETTER;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return K_UPPER;
    case UTF8PROC_CATEGORY_LL: return K_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        return K_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF: return K_MARK;
    case UTF8PROC_CATEGORY_ND: return K_DIGIT;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return K_PUNCT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return K_SPACE;
    case UTF8PROC_CATEGORY_ZL: return K_BREAK;
    case UTF8PROC_CATEGORY_ZP: return K_PARA;
    default: return K_SYMBOL; /* S*, No, Co, Cn */
    }
}

/* Class of the character at t[i] (i < lim) and its length; *bad is set for an invalid
 * sequence, which reads as U+FFFD. */
static inline int char_at(const unsigned char *t, int64_t i, int64_t lim, int *len, int *bad)
{
    int k = ascii_class[t[i]];
    if (k != K_NONASCII) {
        *len = 1;
        return k;
    }
    int32_t cp;
    int problem;
    int n = clio_utf8_decode(t + i, (size_t)(lim - i), &cp, &problem);
    *len = n > 0 ? n : 1;
    if (cp < 0 || problem != CLIO_UTF8_VALID) {
        *bad = 1;
        return K_LETTER;
    }
    return classify_cp(cp);
}

static inline int class_at(const unsigned char *t, int64_t i, int64_t lim)
{
    int len, bad = 0;
    return i < lim ? char_at(t, i, lim, &len, &bad) : K_SPACE;
}

size_t clio_class_char_len(const char *text, size_t len, enum clio_char_class want)
{
    if (len == 0)
        return 0;
    int n, bad = 0;
    int k = char_at((const unsigned char *)text, 0, (int64_t)len, &n, &bad);
    int yes = want == CLIO_CHAR_UPPER ? k == K_UPPER : is_word(k);
    return yes ? (size_t)n : 0;
}

/* True at the end of the range or before a character that is not a word character. */
static inline int boundary(const unsigned char *t, int64_t i, int64_t lim)
{
    return !is_word(class_at(t, i, lim));
}

static inline int is_s(const unsigned char *t, int64_t i, int64_t lim)
{
    return i < lim && (t[i] | 0x20) == 's';
}

typedef struct tk {
    const unsigned char *t;
    unsigned fold;
    clio_vocab *vocab;
    clio_tokens *out;
    clio_buf scratch;
    uint32_t mark_ids[128]; /* terms of single ASCII marks, UINT32_MAX until seen */
    /* Short ASCII terms seen in this call, direct-mapped: most tokens are short and
     * frequent, and a 64-bit compare beats hashing and comparing in the vocabulary. */
    struct recent { uint64_t key; uint32_t id; } *recent;
    int recent_shift; /* 64 - log2(slots) */
    int64_t lim; /* end of the stretch being scanned: bytes before it may be read */
    int have_prev, nl, para, line_blank;
    const clio_lang *lang; /* never NULL here: an empty one when none was given */
    int plural_s; /* "s" is a trailing clitic: Soviets' and Stalin?s split too */
    /* Set while t is a stretch with its substitutions replaced: where its pieces came
     * from in the file, so that tokens get file offsets. */
    const struct piece *map;
    size_t npieces, at_piece;
} tk;

/* A piece of a substituted stretch: scratch bytes [off, next piece's off) are file
 * bytes [start, end), copied (sub 0) or standing for a reference there (sub 1). */
typedef struct piece {
    int64_t off, start, end;
    int sub;
} piece;

/* The file offset of scratch offset s as a token's start (end: as a token's end). */
static int64_t file_offset(tk *c, int64_t s, int end)
{
    int64_t at = end ? s - 1 : s; /* the byte the offset is about */
    size_t k = c->at_piece;
    while (k > 0 && c->map[k].off > at)
        k--;
    while (k + 1 < c->npieces && c->map[k + 1].off <= at)
        k++;
    c->at_piece = k;
    const piece *p = &c->map[k];
    if (!p->sub)
        return p->start + (s - p->off);
    /* inside a reference's text: its bytes shared out in proportion, so the words of
     * one reference (&stalin; for "Joseph Stalin") get spans in order that never
     * overlap (an index stores each token's distance from the previous one) */
    int64_t len = (k + 1 < c->npieces ? c->map[k + 1].off : c->lim) - p->off;
    if (len <= 0 || s - p->off >= len)
        return p->end;
    return p->start + (s - p->off) * (p->end - p->start) / len;
}

/* The end of the run of letters and marks that starts at i (i when there is none). */
static int64_t letters_end(const unsigned char *t, int64_t i, int64_t lim)
{
    int len, bad = 0;
    while (i < lim) {
        int k = char_at(t, i, lim, &len, &bad);
        if (!is_letter(k) && k != K_MARK)
            break;
        i += len;
    }
    return i;
}

/* Whether t[s..e) is a word of set (a NULL set holds nothing). */
static int in_set(const clio_wordset *set, const unsigned char *t, int64_t s, int64_t e)
{
    return set && e > s && e - s <= 64 && clio_wordset_has(set, (const char *)t + s, (size_t)(e - s));
}

/* A trailing clitic of the language in the letters after an apostrophe ending at r
 * ('s: Lenin's): returns the end of those letters, or 0. */
static int64_t trailing_end(const tk *c, int64_t r, int64_t lim)
{
    if (!c->lang->clitics_trailing)
        return 0;
    int64_t e = letters_end(c->t, r, lim);
    return boundary(c->t, e, lim) && in_set(c->lang->clitics_trailing, c->t, r, e) ? e : 0;
}

/* Interns the folded form of s[0..n), followed by the unfolded `suffix`. */
static int intern_slow(tk *c, const unsigned char *s, size_t n, int ascii, const char *suffix,
                       uint32_t *id)
{
    size_t sl = suffix ? strlen(suffix) : 0, m = n + sl;
    int lower = (c->fold & CLIO_FOLD_CASE) != 0;
    if (ascii && m <= 128) {
        char buf[128];
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)(lower && (unsigned)(s[i] - 'A') < 26u ? s[i] + 32 : s[i]);
        if (sl)
            memcpy(buf + n, suffix, sl);
        return clio_vocab_intern(c->vocab, buf, m, id);
    }
    c->scratch.len = 0;
    int rc = clio_fold((const char *)s, n, c->fold, &c->scratch);
    if (!rc && sl)
        rc = clio_buf_append(&c->scratch, suffix, sl);
    if (rc)
        return rc;
    return clio_vocab_intern(c->vocab, c->scratch.data ? c->scratch.data : "", c->scratch.len,
                             id);
}

/* The same, with a fast path for ASCII terms of up to 8 bytes: their folded form is
 * one zero-padded word (no token holds a NUL byte), looked up in the recent cache. */
static inline int intern(tk *c, const unsigned char *s, size_t n, int ascii,
                         const char *suffix, uint32_t *id)
{
    size_t sl = suffix ? strlen(suffix) : 0, m = n + sl;
    int lower = (c->fold & CLIO_FOLD_CASE) != 0;
    if (ascii && m <= 8) {
        uint64_t key = 0;
#ifdef SWAR
        if (!sl && c->t + c->lim - s >= 8) {
            key = load8(s) & prefix_mask((int64_t)n);
            if (lower)
                key |= alpha_bytes(key) >> 2;
        } else
#endif
        for (size_t i = 0; i < m; i++) {
            unsigned b = i < n ? s[i] : (unsigned char)suffix[i - n];
            if (lower && b - 'A' < 26u)
                b += 32;
            key |= (uint64_t)b << (8 * i);
        }
        size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> c->recent_shift);
        if (c->recent[slot].key == key) {
            *id = c->recent[slot].id;
            return 0;
        }
        char buf[8];
        for (size_t i = 0; i < m; i++)
            buf[i] = (char)(key >> (8 * i));
        int rc = clio_vocab_intern(c->vocab, buf, m, id);
        if (!rc) {
            c->recent[slot].key = key;
            c->recent[slot].id = *id;
        }
        return rc;
    }
    return intern_slow(c, s, n, ascii, suffix, id);
}

static inline int emit(tk *c, int64_t s, int64_t e, int kind, int flags, uint32_t term)
{
    clio_tokens *o = c->out;
    if (o->n == o->cap) {
        void *v = o->v;
        int rc = clio_grow(&v, &o->cap, o->n + 1, sizeof *o->v);
        o->v = v;
        if (rc)
            return rc;
    }
    if (c->have_prev)
        flags |= c->para ? CLIO_TF_PARAGRAPH | CLIO_TF_NEWLINE : c->nl ? CLIO_TF_NEWLINE : 0;
    if (c->map) {
        s = file_offset(c, s, 0);
        e = file_offset(c, e, 1);
        if (e <= s) /* a word of a reference with more words than bytes: no byte left */
            return 0;
    }
    clio_token *tok = &o->v[o->n++];
    tok->start = s;
    tok->len = (uint32_t)(e - s);
    tok->term = term;
    tok->kind = (uint8_t)kind;
    tok->flags = (uint8_t)flags;
    c->have_prev = 1;
    c->nl = c->para = c->line_blank = 0;
    return 0;
}

static int case_flags(int nup, int nlow, int first_upper)
{
    return (first_upper ? CLIO_TF_CAPITALIZED : 0) |
           (nup >= 2 && nlow == 0 ? CLIO_TF_ALLCAPS : 0);
}

/* Case flags, repair flag and ASCII-ness of t[s..e), for the rare tokens not scanned
 * by the main loop (dotted abbreviations, clitics). */
static int rescan_flags(const unsigned char *t, int64_t s, int64_t e, int *ascii)
{
    int nup = 0, nlow = 0, first = 0, bad = 0;
    *ascii = 1;
    for (int64_t i = s; i < e;) {
        int len;
        int k = char_at(t, i, e, &len, &bad);
        if (t[i] >= 0x80)
            *ascii = 0;
        if (k == K_UPPER)
            nup++;
        else if (k == K_LOWER)
            nlow++;
        if (!first && is_letter(k))
            first = k == K_UPPER ? 1 : 2;
        i += len;
    }
    return case_flags(nup, nlow, first == 1) | (bad ? CLIO_TF_REPAIRED : 0);
}

/* Dotted abbreviation at p (a letter): returns its end, or 0 when there is none. */
static int64_t dotted(const unsigned char *t, int64_t p, int64_t lim)
{
    int64_t q = p;
    int letters = 0, len, bad = 0;
    for (;;) {
        if (q >= lim || !is_letter(char_at(t, q, lim, &len, &bad)))
            break;
        int64_t r = q + len;
        while (r < lim && char_at(t, r, lim, &len, &bad) == K_MARK)
            r += len;
        if (r < lim && t[r] == '.') {
            letters++;
            q = r + 1;
            continue;
        }
        if (letters >= 1 && boundary(t, r, lim))
            return r; /* U.S, B.C: a last letter without its dot */
        break;
    }
    return letters >= 2 && boundary(t, q, lim) ? q : 0;
}

/* A suffix after the digits of a number at q: s (1920s) or one of the language's
 * ordinal suffixes (5th). Returns its end or 0. */
static int64_t number_suffix(const tk *c, int64_t q, int64_t lim, int *ordinal)
{
    const unsigned char *t = c->t;
    if ((t[q] | 0x20) == 's' && boundary(t, q + 1, lim)) {
        *ordinal = 0;
        return q + 1;
    }
    if (!c->lang->ordinal_suffixes)
        return 0;
    int64_t e = letters_end(t, q, lim);
    if (boundary(t, e, lim) && in_set(c->lang->ordinal_suffixes, t, q, e)) {
        *ordinal = 1;
        return e;
    }
    return 0;
}

/* A possessive or clitic right after a word that ended at q: returns its end or 0;
 * *qs is set for ?s, whose term is always 's. */
static int64_t clitic(const tk *c, int64_t q, int64_t lim, int last_letter, int *qs)
{
    const unsigned char *t = c->t;
    int len, bad = 0;
    if (q >= lim)
        return 0;
    int k = char_at(t, q, lim, &len, &bad);
    *qs = 0;
    if (k == K_APOS) {
        int64_t r = q + len, e = trailing_end(c, r, lim);
        if (e)
            return e;
        if (c->plural_s && (t[q - 1] | 0x20) == 's' && boundary(t, r, lim))
            return r; /* Soviets' */
    } else if (k == K_QMARK && c->plural_s && last_letter && is_s(t, q + 1, lim) &&
               boundary(t, q + 2, lim)) {
        *qs = 1;
        return q + 2;
    }
    return 0;
}

/* Whether the ASCII hyphen before `at` is a dash: one of the language's function
 * words follows, any case, and then no word character and no second hyphen
 * ("the United States-that is", "peace-not war"). */
static int dash_before_function_word(const tk *c, int64_t at, int64_t lim)
{
    if (!c->lang->function_words)
        return 0;
    int64_t e = letters_end(c->t, at, lim);
    int next = class_at(c->t, e, lim);
    if (e == at || is_word(next) || next == K_HYPHEN)
        return 0;
    return in_set(c->lang->function_words, c->t, at, e);
}

/* An elided word of the language before the apostrophe at q, the first one in the
 * word t[p..q) (l'année, qu'il): emitted as a CLITIC token ending after the apostrophe
 * at r. Returns 1 when emitted (or *rc set), 0 when t[p..q) is no such word. */
static int leading_clitic(tk *c, int64_t p, int64_t q, int64_t r, int *rc)
{
    if (!in_set(c->lang->clitics_leading, c->t, p, q))
        return 0;
    int ascii;
    uint32_t term;
    int flags = rescan_flags(c->t, p, r, &ascii);
    *rc = intern(c, c->t + p, (size_t)(r - p), ascii, NULL, &term);
    if (!*rc)
        *rc = emit(c, p, r, CLIO_TOK_CLITIC, flags, term);
    return 1;
}

/* A word, number or abbreviation at p (a word character), and any clitic after it. */
static int word(tk *c, int64_t p, int64_t lim, int64_t *endp)
{
    const unsigned char *t = c->t;
    int rc, kind = CLIO_TOK_WORD, flags = 0, ascii = 1, last_letter = 0;
    uint32_t term;
    int64_t q;

    if (lim - p > (int64_t)UINT32_MAX) /* a token's length must fit its uint32_t */
        lim = p + UINT32_MAX;

    int k0 = ascii_class[t[p]];
    if ((k0 == K_UPPER || k0 == K_LOWER || k0 == K_NONASCII) && p + 1 < lim &&
        (t[p + 1] == '.' || t[p + 1] >= 0x80) && (q = dotted(t, p, lim))) {
        flags = CLIO_TF_ABBREV | rescan_flags(t, p, q, &ascii);
        last_letter = t[q - 1] != '.';
        rc = intern(c, t + p, (size_t)(q - p), ascii, NULL, &term);
        if (!rc)
            rc = emit(c, p, q, kind, flags, term);
        if (rc)
            return rc;
        goto after;
    }

    int len, bad = 0;
    int number = (k0 == K_DIGIT), nup = 0, nlow = 0, first = 0, ordinal = 0, hyphens = 0;
    int apostrophes = 0;
    const char *suffix = NULL;
    int64_t term_end = -1; /* where the folded part of the term stops, when not q */
    q = p;
    while (q < lim) {
        if (!number) { /* the common case: a run of ASCII letters */
            unsigned a;
            int64_t r = q;
#ifdef SWAR
            while (r + 8 <= lim) {
                uint64_t x = load8(t + r), m = alpha_bytes(x), stop = ~m & HI8;
                int nb = stop ? __builtin_ctzll(stop) >> 3 : 8;
                uint64_t pre = prefix_mask(nb), up = m & ~(x << 2) & pre; /* bit 5 clear */
                if (!nb)
                    break;
                if (!first)
                    first = up & 0x80 ? 1 : 2;
                nup += (up != 0) + ((up & (up - 1)) != 0); /* counts to 2 at least */
                nlow += (m & pre) != up;
                last_letter = 1;
                r += nb;
                if (nb < 8)
                    break;
            }
#endif

            while (r < lim && (a = ascii_alpha[t[r]])) {
                nup += a >> 1;
                nlow += a & 1;
                r++;
            }
            if (r > q) {
                if (!first)
                    first = ascii_alpha[t[q]] == 2 ? 1 : 2;
                last_letter = 1;
                if ((q = r) >= lim)
                    break;
            }
        }
        int k = ascii_class[t[q]];
        len = 1;
        if (k == K_NONASCII) {
            k = char_at(t, q, lim, &len, &bad);
            ascii = 0;
        }
        if (is_word(k)) {
            if (number && k != K_DIGIT) {
                int64_t r = number_suffix(c, q, lim, &ordinal);
                if (r) {
                    q = r;
                    goto number_done;
                }
                number = 0;
            }
            if (k == K_UPPER) {
                nup++;
                first = first ? first : 1;
            } else if (k == K_LOWER) {
                nlow++;
                first = first ? first : 2;
            } else if (k == K_LETTER) {
                first = first ? first : 2;
            }
            last_letter = is_letter(k);
            q += len;
            continue;
        }
        if (k == K_APOS || (k == K_QMARK && number)) {
            int64_t r = q + len;
            if (number) {
                if (is_s(t, r, lim) && boundary(t, r + 1, lim)) { /* 1920's -> 1920s */
                    term_end = q;
                    suffix = "s";
                    q = r + 1;
                    goto number_done;
                }
                break;
            }
            if (trailing_end(c, r, lim))
                break; /* a clitic: below */
            if (is_letter(class_at(t, r, lim))) {
                if (!apostrophes++ && !hyphens && leading_clitic(c, p, q, r, &rc)) {
                    *endp = r; /* the word after the elision is the next token */
                    return rc;
                }
                q = r;
                continue;
            }
            break;
        }
        if (k == K_HYPHEN) {
            if (number || !is_word(class_at(t, q + len, lim)))
                break;
            if (!hyphens++ && t[q] == '-' && dash_before_function_word(c, q + 1, lim))
                break;
            q += len;
            continue;
        }
        if (k == K_DOT) {
            int k2 = class_at(t, q + 1, lim);
            if (number ? k2 == K_DIGIT : (k2 == K_LOWER && last_letter)) {
                q++;
                continue;
            }
            break;
        }
        if ((k == K_COMMA || k == K_COLON) && number && class_at(t, q + 1, lim) == K_DIGIT) {
            q++;
            continue;
        }
        break;
    }
    if (number) {
number_done:
        kind = CLIO_TOK_NUMBER;
        flags = (ordinal ? CLIO_TF_ORDINAL : 0) | (bad ? CLIO_TF_REPAIRED : 0);
        if (term_end < 0)
            term_end = q;
        rc = intern(c, t + p, (size_t)(term_end - p), ascii, suffix, &term);
        if (!rc)
            rc = emit(c, p, q, kind, flags, term);
        *endp = q;
        return rc; /* numbers take no clitic: 1920's is already whole */
    }
    flags = case_flags(nup, nlow, first == 1) | (bad ? CLIO_TF_REPAIRED : 0);
    rc = intern(c, t + p, (size_t)(q - p), ascii, NULL, &term);
    if (!rc)
        rc = emit(c, p, q, kind, flags, term);
    if (rc)
        return rc;

after:;
    int qs;
    /* ' ? ’ ʼ: only these can start a clitic */
    unsigned b = q < lim ? t[q] : 0;
    int64_t e = (b == '\'' || b == '?' || b == 0xE2 || b == 0xCA)
                    ? clitic(c, q, lim, last_letter, &qs) : 0;
    if (e) {
        flags = rescan_flags(t, q, e, &ascii);
        rc = qs ? clio_vocab_intern(c->vocab, "'s", 2, &term)
                : intern(c, t + q, (size_t)(e - q), ascii, NULL, &term);
        if (!rc)
            rc = emit(c, q, e, CLIO_TOK_CLITIC, flags, term);
        q = e;
    }
    *endp = q;
    return rc;
}

/* One punctuation or symbol token at p, of class k and length len. */
static int mark(tk *c, int64_t p, int64_t lim, int k, int len, int64_t *endp)
{
    const unsigned char *t = c->t;
    int64_t q = p + len;
    uint32_t term;
    int rc;

    if (lim - p > (int64_t)UINT32_MAX)
        lim = p + UINT32_MAX;
    if (t[p] == '.' || t[p] == '-') { /* ... and -- are one token */
        while (q < lim && t[q] == t[p])
            q++;
    } else if (k == K_SYMBOL) {
        int l2, bad = 0;
        while (q < lim && char_at(t, q, lim, &l2, &bad) == K_MARK)
            q += l2;
    }
    if (q - p == 1) {
        uint32_t *cached = &c->mark_ids[t[p]];
        if (*cached == UINT32_MAX && (rc = intern(c, t + p, 1, 0, NULL, cached)))
            return rc;
        term = *cached;
    } else if ((rc = intern(c, t + p, (size_t)(q - p), 0, NULL, &term))) {
        return rc;
    }
    *endp = q;
    return emit(c, p, q, k == K_SYMBOL ? CLIO_TOK_SYMBOL : CLIO_TOK_PUNCT, 0, term);
}

/* Tokens of t[p..lim), a stretch with no gap inside. */
static int scan(tk *c, int64_t p, int64_t lim)
{
    const unsigned char *t = c->t;
    int rc;
    while (p < lim) {
        int k = ascii_class[t[p]], len = 1, bad = 0;
        if (k == K_SPACE) {
            p++;
            continue;
        }
        if (k == K_NONASCII)
            k = char_at(t, p, lim, &len, &bad);
        switch (k) {
        case K_SPACE:
            p += len;
            continue;
        case K_CR:
            if (p + 1 < lim && t[p + 1] == '\n')
                len = 2;
            /* fallthrough */
        case K_BREAK:
            if (c->line_blank)
                c->para = 1;
            c->nl = c->line_blank = 1;
            p += len;
            continue;
        case K_PARA:
            c->nl = c->para = c->line_blank = 1;
            p += len;
            continue;
        }
        rc = is_word(k) ? word(c, p, lim, &p) : mark(c, p, lim, k, len, &p);
        if (rc)
            return rc;
    }
    return 0;
}

/* Tokens of the stretch from *pos to the first gap at or after it that is not a
 * substitution (or end), read with every substitution replaced by its text: the
 * stretch is copied so, scanned, and its tokens mapped back to file offsets. A token
 * made (partly) of a reference spans the reference's bytes; the words of one
 * reference (&name; for "Joseph Stalin") share its bytes out in order. */
static int scan_substituted(tk *c, const char *text, const clio_gaps *gaps, size_t *gi,
                            int64_t *pos, int64_t end)
{
    clio_buf copy = {0};
    piece *map = NULL;
    size_t n = 0, cap = 0, g = *gi;
    int64_t at = *pos;
    int rc = 0;
    while (!rc && at < end) {
        int sub = g < gaps->n && gaps->v[g].start <= at;
        if (sub && gaps->v[g].rule != CLIO_GAP_SUBST)
            break;
        int64_t to = sub ? gaps->v[g].end : g < gaps->n && gaps->v[g].start < end ? gaps->v[g].start : end;
        const char *bytes = sub ? clio_gap_sub(gaps, &gaps->v[g]) : text + at;
        size_t len = sub ? strlen(bytes) : (size_t)(to - at);
        if (clio_grow((void **)&map, &cap, n + 1, sizeof *map))
            rc = CLIO_ENOMEM;
        else {
            map[n++] = (piece){(int64_t)copy.len, at, to, sub};
            rc = clio_buf_append(&copy, bytes, len) ? CLIO_ENOMEM : 0;
        }
        g += sub;
        at = to;
    }
    /* room for the 8-byte loads of the ASCII fast path past the end */
    if (!rc && clio_buf_append(&copy, "\0\0\0\0\0\0\0\0", 8))
        rc = CLIO_ENOMEM;
    if (!rc) {
        const unsigned char *t = c->t;
        c->t = (const unsigned char *)copy.data;
        c->map = map;
        c->npieces = n;
        c->at_piece = 0;
        c->lim = (int64_t)copy.len - 8;
        rc = scan(c, 0, c->lim);
        c->t = t;
        c->map = NULL;
    }
    clio_buf_free(&copy);
    free(map);
    *gi = g;
    *pos = at;
    return rc;
}

int clio_tokenize(const char *text, int64_t start, int64_t end, const clio_gaps *gaps,
                  unsigned fold_flags, const clio_lang *lang, clio_vocab *vocab,
                  clio_tokens *out)
{
    if (!text || !vocab || !out || start < 0 || end < start)
        return CLIO_EARG;
    static const clio_lang no_lang;
    tk c = {.t = (const unsigned char *)text, .fold = fold_flags, .vocab = vocab, .out = out,
            .lang = lang ? lang : &no_lang};
    c.plural_s = c.lang->clitics_trailing && clio_wordset_has(c.lang->clitics_trailing, "s", 1);
    memset(c.mark_ids, 0xFF, sizeof c.mark_ids);
    /* About one slot per 64 bytes of text, 64 to 8192 of them: big enough for the
     * frequent words of a book, small enough that a one-line document costs nothing. */
    int bits = 6;
    while (bits < 13 && ((int64_t)64 << bits) < end - start)
        bits++;
    c.recent_shift = 64 - bits;
    if (!(c.recent = calloc((size_t)1 << bits, sizeof *c.recent)))
        return CLIO_ENOMEM;

    size_t gi = 0, ng = gaps ? gaps->n : 0;
    int64_t pos = start;
    int rc = 0;
    while (pos < end && !rc) {
        while (gi < ng && gaps->v[gi].end <= pos)
            gi++;
        if (gi < ng && gaps->v[gi].start < end && gaps->v[gi].rule == CLIO_GAP_SUBST) {
            /* a substitution here or before the next gap: read the stretch replaced */
            if (gaps->v[gi].start <= pos)
                c.line_blank = 0;
            rc = scan_substituted(&c, text, gaps, &gi, &pos, end);
            continue;
        }
        if (gi < ng && gaps->v[gi].start <= pos) {
            if (gaps->v[gi].rule == CLIO_GAP_BREAK)
                c.nl = c.para = 1; /* markup that ends a paragraph, as a blank line */
            pos = gaps->v[gi++].end;
            c.line_blank = 0; /* the gap's text was content on its line */
            continue;
        }
        int64_t stop = gi < ng && gaps->v[gi].start < end ? gaps->v[gi].start : end;
        c.lim = stop;
        rc = scan(&c, pos, stop);
        pos = stop;
    }
    clio_buf_free(&c.scratch);
    free(c.recent);
    return rc;
}
