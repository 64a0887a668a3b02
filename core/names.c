/* What a finder of names reads of a document's tokens (clio.actors). A name is a run of
 * capitalized words with a few words around it that tell its kind ("north of the ...",
 * "... said"), so only the tokens within a margin of a capitalized word are handed to
 * Lua; and a word's case elsewhere in the document (written in lower case? capitalized
 * inside a sentence?) is counted here, once, for the words that are capitalized
 * somewhere. The rest of a document never becomes Lua tables. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>

static int capitalized_word(const clio_token *t)
{
    return t->kind == CLIO_TOK_WORD && (t->flags & CLIO_TF_CAPITALIZED);
}

static int by_term(const void *a, const void *b)
{
    uint32_t x = ((const clio_case_count *)a)->term, y = ((const clio_case_count *)b)->term;
    return (x > y) - (x < y);
}

static clio_case_count *find_term(clio_case_count *c, size_t n, uint32_t term)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c[mid].term < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && c[lo].term == term ? &c[lo] : NULL;
}

size_t clio_names_windows(const clio_token *t, size_t n, const clio_sentence *s, size_t ns,
                          size_t margin, unsigned char *keep)
{
    if (n == 0)
        return 0;
    memset(keep, 0, n);
    /* sentence starts (the first token always is one) */
    keep[0] |= CLIO_NAMES_FIRST;
    for (size_t k = 0; k < ns; k++)
        if (s[k].first_token < n)
            keep[s[k].first_token] |= CLIO_NAMES_FIRST;
    /* the windows: every token within margin of a capitalized word */
    size_t until = 0; /* kept up to here (exclusive) */
    for (size_t i = 0; i < n; i++) {
        if (!capitalized_word(&t[i]))
            continue;
        size_t from = i > margin ? i - margin : 0;
        if (from < until)
            from = until;
        until = i + margin + 1 < n ? i + margin + 1 : n;
        for (size_t j = from; j < until; j++)
            keep[j] |= CLIO_NAMES_KEPT;
    }
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += (keep[i] & CLIO_NAMES_KEPT) && t[i].kind == CLIO_TOK_WORD;
    return words;
}

size_t clio_names_counts(const clio_token *t, size_t n, const unsigned char *keep,
                         clio_case_count *counts, size_t room)
{
    /* the distinct words kept, then their cases over the whole document */
    size_t m = 0;
    for (size_t i = 0; i < n && m < room; i++)
        if ((keep[i] & CLIO_NAMES_KEPT) && t[i].kind == CLIO_TOK_WORD)
            counts[m++] = (clio_case_count){ .term = t[i].term };
    qsort(counts, m, sizeof *counts, by_term);
    size_t u = 0;
    for (size_t k = 0; k < m; k++)
        if (u == 0 || counts[u - 1].term != counts[k].term)
            counts[u++] = counts[k];
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind != CLIO_TOK_WORD)
            continue;
        clio_case_count *c = find_term(counts, u, t[i].term);
        if (!c)
            continue;
        if (!(t[i].flags & CLIO_TF_CAPITALIZED))
            c->lower++;
        else if (!(keep[i] & CLIO_NAMES_FIRST))
            c->cap_mid++;
    }
    return u;
}
