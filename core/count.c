/* Corpus totals and term frequencies with every core. Documents not yet analysed are
 * cut into units of a few megabytes at blank lines (where a sentence always ends), the
 * units are scanned by threads that each intern into a vocabulary of their own, and
 * the results are merged into the corpus vocabulary at the end. */
#include "clio.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNIT_BYTES ((int64_t)4 << 20)
#define MAX_THREADS 16

typedef struct {
    size_t doc;
    int64_t start, end;
} unit;

typedef struct {
    int64_t tokens, words, sentences;
    int64_t *freq; /* per term id of `vocab` */
    size_t nfreq;
    unsigned kinds;
    clio_vocab *vocab;
} tally;

typedef struct {
    clio_corpus *c;
    unit *units;
    size_t nunits;
    atomic_size_t next;
    tally *tallies;
    int *rcs;
} job;

/* Grows a zero-filled count array to hold at least `need` entries. */
static int grow_counts(int64_t **freq, size_t *n, size_t need)
{
    if (need <= *n)
        return 0;
    size_t cap = need * 2;
    int64_t *grown = realloc(*freq, cap * sizeof *grown);
    if (!grown)
        return CLIO_ENOMEM;
    memset(grown + *n, 0, (cap - *n) * sizeof *grown);
    *freq = grown;
    *n = cap;
    return 0;
}

static int tally_piece(void *ctx, const clio_doc *d, const clio_token *t, size_t nt,
                       const clio_sentence *s, size_t ns)
{
    (void)d;
    (void)s;
    tally *y = ctx;
    y->tokens += (int64_t)nt;
    y->sentences += (int64_t)ns;
    for (size_t i = 0; i < nt; i++)
        y->words += t[i].kind == CLIO_TOK_WORD || t[i].kind == CLIO_TOK_NUMBER;
    if (!y->kinds)
        return 0;
    if (grow_counts(&y->freq, &y->nfreq, clio_vocab_size(y->vocab)))
        return CLIO_ENOMEM;
    for (size_t i = 0; i < nt; i++)
        if (y->kinds & (1u << t[i].kind))
            y->freq[t[i].term]++;
    return 0;
}

static int add_units(unit **v, size_t *n, size_t *cap, const clio_doc *d, size_t doc)
{
    int64_t pos = d->start;
    while (pos < d->end) {
        int64_t stop = d->end - pos > UNIT_BYTES ? clio_doc_paragraph_after(d, pos + UNIT_BYTES)
                                                 : d->end;
        if (clio_grow((void **)v, cap, *n + 1, sizeof **v))
            return CLIO_ENOMEM;
        (*v)[(*n)++] = (unit){doc, pos, stop};
        pos = stop;
    }
    return 0;
}

static void *worker(void *arg)
{
    job *j = ((void **)arg)[0];
    size_t w = (size_t)(uintptr_t)((void **)arg)[1];
    for (;;) {
        size_t k = atomic_fetch_add(&j->next, 1);
        if (k >= j->nunits || j->rcs[w])
            break;
        const unit *u = &j->units[k];
        j->rcs[w] = clio_corpus_scan_range(j->c, u->doc, u->start, u->end, j->tallies[w].vocab,
                                           tally_piece, &j->tallies[w]);
    }
    return NULL;
}

/* Adds a thread's counts to the corpus totals, its terms mapped into the corpus
 * vocabulary. */
static int merge(clio_corpus *c, const tally *y, clio_totals *out)
{
    out->tokens += y->tokens;
    out->words += y->words;
    out->sentences += y->sentences;
    clio_vocab *cv = clio_corpus_vocab(c); /* its size is the corpus vocabulary */
    uint32_t n = clio_vocab_size(y->vocab);
    for (uint32_t t = 0; t < n; t++) {
        size_t len;
        const char *term = clio_vocab_term(y->vocab, t, &len);
        uint32_t id;
        if (clio_vocab_intern(cv, term, len, &id))
            return CLIO_ENOMEM;
        if (!y->kinds)
            continue;
        if (grow_counts(&out->freq, &out->nfreq, (size_t)id + 1))
            return CLIO_ENOMEM;
        out->freq[id] += t < y->nfreq ? y->freq[t] : 0;
    }
    return 0;
}

/* An analysed document's terms are corpus ids already: count straight into out. */
static int count_analyzed(clio_corpus *c, const clio_doc *d, unsigned kinds, clio_totals *out)
{
    tally y = {.kinds = kinds, .vocab = clio_corpus_vocab(c), .freq = out->freq,
               .nfreq = out->nfreq};
    const clio_parts *p = clio_doc_parts(d);
    int rc = tally_piece(&y, d, p->tokens.v, p->tokens.n, p->sentences.v, p->sentences.n);
    out->freq = y.freq;
    out->nfreq = y.nfreq;
    out->tokens += y.tokens;
    out->words += y.words;
    out->sentences += y.sentences;
    return rc;
}

int clio_corpus_doc_totals(clio_corpus *c, size_t i, clio_totals *out)
{
    memset(out, 0, sizeof *out);
    tally y = {.vocab = clio_corpus_vocab(c)};
    int rc = clio_corpus_scan(c, i, tally_piece, &y);
    out->tokens = y.tokens;
    out->words = y.words;
    out->sentences = y.sentences;
    return rc;
}

int clio_corpus_totals(clio_corpus *c, unsigned kinds, int threads, clio_totals *out)
{
    memset(out, 0, sizeof *out);
    unit *units = NULL;
    size_t nunits = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < clio_corpus_ndocs(c); i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        if (d->analyzed)
            rc = count_analyzed(c, d, kinds, out);
        else if (!(rc = clio_corpus_find_gaps(c, i)))
            rc = add_units(&units, &nunits, &cap, d, i);
    }
    if (threads <= 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online > 0 ? (int)online : 1;
    }
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    if ((size_t)threads > nunits)
        threads = nunits ? (int)nunits : 1;

    tally tallies[MAX_THREADS] = {{0}};
    int rcs[MAX_THREADS] = {0};
    job j = {c, units, nunits, 0, tallies, rcs};
    pthread_t tids[MAX_THREADS];
    void *args[MAX_THREADS][2];
    int started = 0;
    for (int w = 0; !rc && w < threads; w++) {
        tallies[w].kinds = kinds;
        if (!(tallies[w].vocab = clio_vocab_new())) {
            rc = CLIO_ENOMEM;
            break;
        }
        args[w][0] = &j;
        args[w][1] = (void *)(uintptr_t)w;
        if (w > 0 && pthread_create(&tids[w], NULL, worker, args[w]) != 0)
            break; /* fewer threads: the others take the work */
        started = w + 1;
    }
    if (!rc && started > 0)
        worker(args[0]); /* the calling thread works too */
    for (int w = 1; w < started; w++)
        pthread_join(tids[w], NULL);
    for (int w = 0; w < started && !rc; w++)
        rc = rcs[w] ? rcs[w] : merge(c, &tallies[w], out);
    for (int w = 0; w < threads; w++) {
        clio_vocab_free(tallies[w].vocab);
        free(tallies[w].freq);
    }
    free(units);
    if (rc) {
        free(out->freq);
        memset(out, 0, sizeof *out);
    }
    return rc;
}
