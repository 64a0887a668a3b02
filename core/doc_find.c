/* Finding a document from where a record cites it, by its file's path and a byte
 * offset or by its name, without a record per document: a corpus of millions of
 * paragraphs cut from one file holds one entry here, its run of documents, and a
 * lookup bisects the documents of that run in the corpus's own table. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>

/* The documents of one file, consecutive in the corpus (a file's documents are read
 * together): first, n; sorted when their starts never go back. */
typedef struct {
    const clio_file *file;
    size_t first, n;
    int sorted;
} doc_run;

typedef struct {
    const char *key;
    size_t run;
} run_key;

struct clio_doc_finder {
    clio_corpus *corpus;
    doc_run *runs;
    run_key *by_path, *by_name; /* every run under its file's path / name, sorted */
    size_t nruns;
};

static int cmp_key(const void *a, const void *b)
{
    const run_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->run < y->run ? -1 : x->run > y->run;
}

clio_doc_finder *clio_doc_finder_new(clio_corpus *c)
{
    clio_doc_finder *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->corpus = c;
    size_t n = clio_corpus_ndocs(c), cap = 0;
    for (size_t i = 0; i < n; i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        doc_run *r = f->nruns ? &f->runs[f->nruns - 1] : NULL;
        if (r && r->file == d->file) {
            if (d->start < clio_corpus_doc(c, i - 1)->start)
                r->sorted = 0;
            r->n++;
            continue;
        }
        if (clio_grow((void **)&f->runs, &cap, f->nruns + 1, sizeof *f->runs)) {
            clio_doc_finder_free(f);
            return NULL;
        }
        f->runs[f->nruns++] = (doc_run){d->file, i, 1, 1};
    }
    size_t m = f->nruns ? f->nruns : 1;
    f->by_path = malloc(m * sizeof *f->by_path);
    f->by_name = malloc(m * sizeof *f->by_name);
    if (!f->by_path || !f->by_name) {
        clio_doc_finder_free(f);
        return NULL;
    }
    for (size_t r = 0; r < f->nruns; r++) {
        f->by_path[r] = (run_key){f->runs[r].file->path, r};
        f->by_name[r] = (run_key){f->runs[r].file->name, r};
    }
    qsort(f->by_path, f->nruns, sizeof *f->by_path, cmp_key);
    qsort(f->by_name, f->nruns, sizeof *f->by_name, cmp_key);
    return f;
}

void clio_doc_finder_free(clio_doc_finder *f)
{
    if (!f)
        return;
    free(f->runs);
    free(f->by_path);
    free(f->by_name);
    free(f);
}

size_t clio_doc_finder_ndocs(const clio_doc_finder *f)
{
    size_t n = 0;
    for (size_t r = 0; r < f->nruns; r++)
        n += f->runs[r].n;
    return n;
}

/* The first of keys[0..n) equal to key, or n. */
static size_t first_key(const run_key *keys, size_t n, const char *key, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        /* compare keys[mid] with key[0..len) */
        int c = strncmp(keys[mid].key, key, len);
        if (!c && keys[mid].key[len])
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int key_is(const run_key *k, const char *key, size_t len)
{
    return strncmp(k->key, key, len) == 0 && k->key[len] == '\0';
}

/* A document holds offset at when at is in [start, end), or is its start when it is
 * empty. */
static int holds(const clio_doc *d, int64_t at)
{
    return at >= d->start && at < (d->end > d->start + 1 ? d->end : d->start + 1);
}

/* The document of run r holding at, bisecting its starts. */
static int in_run(const clio_doc_finder *f, const doc_run *r, int64_t at, size_t *index)
{
    if (!r->sorted) { /* starts that go back: look at each */
        for (size_t k = 0; k < r->n; k++)
            if (holds(clio_corpus_doc(f->corpus, r->first + k), at)) {
                *index = r->first + k;
                return 1;
            }
        return 0;
    }
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const clio_doc *d = clio_corpus_doc(f->corpus, r->first + mid);
        if (at < d->start)
            hi = mid;
        else if (!holds(d, at))
            lo = mid + 1;
        else {
            *index = r->first + mid;
            return 1;
        }
    }
    return 0;
}

int clio_doc_finder_at(const clio_doc_finder *f, const char *path, int64_t at, size_t *index,
                       int *path_known)
{
    if (!f || !path || !index)
        return CLIO_EARG;
    size_t len = strlen(path);
    size_t k = first_key(f->by_path, f->nruns, path, len);
    if (path_known)
        *path_known = k < f->nruns && key_is(&f->by_path[k], path, len);
    for (; k < f->nruns && key_is(&f->by_path[k], path, len); k++)
        if (in_run(f, &f->runs[f->by_path[k].run], at, index))
            return 0;
    return CLIO_ENOTFOUND;
}

/* The document numbered number of the runs keyed key[0..len) in keys. */
static int numbered(const clio_doc_finder *f, const run_key *keys, const char *key, size_t len,
                    uint64_t number, size_t *index)
{
    for (size_t k = first_key(keys, f->nruns, key, len); k < f->nruns && key_is(&keys[k], key, len);
         k++) {
        const doc_run *r = &f->runs[keys[k].run];
        /* a file's pieces are numbered from 1 in order: look there first */
        if (number >= 1 && number <= r->n &&
            clio_corpus_doc(f->corpus, r->first + number - 1)->number == number) {
            *index = r->first + number - 1;
            return 1;
        }
        for (size_t j = 0; j < r->n; j++)
            if (clio_corpus_doc(f->corpus, r->first + j)->number == number) {
                *index = r->first + j;
                return 1;
            }
    }
    return 0;
}

int clio_doc_finder_named(const clio_doc_finder *f, const char *name, int by_path, size_t *index)
{
    if (!f || !name || !index)
        return CLIO_EARG;
    const run_key *keys = by_path ? f->by_path : f->by_name;
    size_t len = strlen(name), best = SIZE_MAX, i;
    /* the whole name: a file's only document */
    if (numbered(f, keys, name, len, 0, &i))
        best = i;
    /* "BASE#N": piece N of the file BASE */
    size_t digits = 0;
    while (digits < len && name[len - 1 - digits] >= '0' && name[len - 1 - digits] <= '9')
        digits++;
    if (digits && digits <= 18 && digits < len && name[len - 1 - digits] == '#' &&
        name[len - digits] != '0') {
        uint64_t number = strtoull(name + len - digits, NULL, 10);
        if (numbered(f, keys, name, len - digits - 1, number, &i) && i < best)
            best = i;
    }
    if (best == SIZE_MAX)
        return CLIO_ENOTFOUND;
    *index = best;
    return 0;
}
