/* Term sets: the words that may start a match of a Lua grammar, and the sentences of a
 * document that hold one. A token is a hit when it is a number, when its folded term is
 * in the set, or (a word) when one of its parts, split at apostrophes, hyphens and other
 * inner punctuation, is in the set or begins with a digit: "mid-1916", "ten-day". Each
 * term of the corpus vocabulary is classified once and remembered. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>

struct clio_termset {
    clio_vocab *words;
    int words_only;          /* a number is a hit only when its term is in the set */
    const clio_vocab *bound; /* the vocabulary `class` is indexed by */
    unsigned char *class;    /* per term id: 0 not yet seen, 1 hit, 2 miss */
    size_t nclass;
};

int clio_termset_new(const char *const *words, const size_t *lens, size_t n,
                     clio_termset **out)
{
    clio_termset *s = calloc(1, sizeof *s);
    if (!s || !(s->words = clio_vocab_new())) {
        free(s);
        return CLIO_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        if (clio_vocab_intern(s->words, words[i], lens[i], &id)) {
            clio_termset_free(s);
            return CLIO_ENOMEM;
        }
    }
    *out = s;
    return 0;
}

int clio_termset_new_words(const char *const *words, const size_t *lens, size_t n,
                           clio_termset **out)
{
    int rc = clio_termset_new(words, lens, n, out);
    if (rc == 0)
        (*out)->words_only = 1;
    return rc;
}

void clio_termset_free(clio_termset *s)
{
    if (!s)
        return;
    clio_vocab_free(s->words);
    free(s->class);
    free(s);
}

static int part_byte(const unsigned char *p, size_t left)
{
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)
        return 0; /* ’, an apostrophe */
    return (*p >= '0' && *p <= '9') || (unsigned)((*p | 0x20) - 'a') < 26u || *p >= 0x80;
}

static int has(const clio_termset *s, const char *p, size_t n)
{
    uint32_t id;
    return clio_vocab_find(s->words, p, n, &id) == 0;
}

static int classify(const clio_termset *s, const char *term, size_t n, int word)
{
    if (has(s, term, n))
        return 1;
    if (!word)
        return 2;
    const unsigned char *t = (const unsigned char *)term;
    for (size_t i = 0; i < n;) {
        if (!part_byte(t + i, n - i)) {
            i += (t[i] == 0xE2) ? 3 : 1;
            continue;
        }
        size_t j = i;
        while (j < n && part_byte(t + j, n - j))
            j++;
        if ((!s->words_only && t[i] >= '0' && t[i] <= '9') || (j - i < n && has(s, term + i, j - i)))
            return 1;
        i = j;
    }
    return 2;
}

int clio_termset_hit(clio_termset *s, const clio_vocab *vocab, const clio_token *t)
{
    if (t->kind == CLIO_TOK_NUMBER && !s->words_only)
        return 1;
    if (s->bound != vocab) { /* another corpus: start over */
        if (s->nclass)
            memset(s->class, 0, s->nclass);
        s->bound = vocab;
    }
    if (t->term >= s->nclass) {
        size_t cap = (size_t)clio_vocab_size(vocab) + 1024;
        unsigned char *grown = realloc(s->class, cap);
        if (!grown)
            return -1;
        memset(grown + s->nclass, 0, cap - s->nclass);
        s->class = grown;
        s->nclass = cap;
    }
    if (!s->class[t->term]) {
        size_t len;
        const char *term = clio_vocab_term(vocab, t->term, &len);
        s->class[t->term] = term ? (unsigned char)classify(s, term, len, t->kind == CLIO_TOK_WORD)
                                 : 2;
    }
    return s->class[t->term] == 1;
}

typedef struct {
    clio_termset *set;
    const clio_vocab *vocab;
    int merge, prev_hit, prev_cut;
    int64_t sentence; /* number of the next sentence in the document */
    clio_candidates *out;
} finder;

static int find_in_piece(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                         const clio_sentence *s, size_t ns)
{
    (void)d;
    (void)nt;
    finder *f = ctx;
    for (size_t i = 0; i < ns; i++) {
        int hit = 0;
        for (uint32_t k = s[i].first_token; !hit && k < s[i].first_token + s[i].ntokens; k++)
            if ((hit = clio_termset_hit(f->set, f->vocab, &t[k])) < 0)
                return CLIO_ENOMEM;
        if (hit && f->merge && f->prev_hit && !f->prev_cut) {
            f->out->v[f->out->n - 1].end = s[i].end; /* joins the previous sentence */
        } else if (hit) {
            if (clio_grow((void **)&f->out->v, &f->out->cap, f->out->n + 1, sizeof *f->out->v))
                return CLIO_ENOMEM;
            f->out->v[f->out->n++] = (clio_candidate){s[i].start, s[i].end, f->sentence};
        }
        f->prev_hit = hit;
        /* a window cut by the length cap is no neighbour of the next: no join across
         * it, and the numbering skips one, as at a break, so no caller joins either */
        f->prev_cut = (s[i].flags & CLIO_SF_CUT) != 0;
        f->sentence += f->prev_cut ? 2 : 1;
    }
    return 0;
}

int clio_corpus_candidates(clio_corpus *c, size_t i, clio_termset *set, int merge,
                           clio_candidates *out)
{
    finder f = {set, clio_corpus_vocab(c), merge, 0, 0, 0, out};
    return clio_corpus_scan(c, i, find_in_piece, &f);
}

int clio_corpus_candidate_block(clio_corpus *c, size_t i, clio_termset *set, int merge,
                                int64_t start, int64_t bytes, int64_t *sentence,
                                int64_t *next, clio_candidates *out)
{
    if (i >= clio_corpus_ndocs(c) || bytes < 1)
        return CLIO_EARG;
    const clio_doc *d = clio_corpus_doc(c, i);
    if (start < d->start || start > d->end)
        return CLIO_EARG;
    int rc = clio_corpus_find_gaps(c, i); /* found once, then kept */
    if (rc)
        return rc;
    int64_t stop = d->end - start > bytes ? clio_doc_paragraph_after(d, start + bytes) : d->end;
    finder f = {set, clio_corpus_vocab(c), merge, 0, 0, *sentence, out};
    rc = clio_corpus_scan_range(c, i, start, stop, clio_corpus_vocab(c), find_in_piece, &f);
    *sentence = f.sentence;
    *next = stop;
    return rc;
}
