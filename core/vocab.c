/* Vocabulary: term bytes → dense uint32 ids, in order of first appearance.
 *
 * Open addressing with linear probing over a power-of-two table kept at most half full.
 * A slot holds id+1 (0 = empty) and 32 hash bits, so a probe rarely leaves the table to
 * compare bytes. Terms live NUL-terminated in fixed blocks that never move, so the
 * pointers clio_vocab_term returns stay valid for the vocabulary's whole life. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>

#define INITIAL_SLOTS 1024
/* Blocks double from FIRST_BLOCK to BLOCK_SIZE: a query's or a document's vocabulary of a
 * few words does not map and fault in 256 KiB. */
#define FIRST_BLOCK (4u * 1024u)
#define BLOCK_SIZE (256u * 1024u)

typedef struct slot {
    uint32_t id1; /* id + 1; 0 when empty */
    uint32_t tag; /* high 32 bits of the hash */
} slot;

typedef struct term {
    const char *p;
    uint32_t len;
} term;

struct clio_vocab {
    slot *slots;
    size_t mask; /* slots - 1 */
    term *terms;
    size_t nterms, terms_cap;
    char **blocks;
    size_t nblocks, blocks_cap;
    char *cur;          /* the block being filled */
    size_t used, avail; /* in cur */
};

/* Word-at-a-time multiply-mix (FNV-1a goes byte by byte; tokens are short but many). */
static inline uint64_t hash_bytes(const unsigned char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = 0x243F6A8885A308D3ull ^ ((uint64_t)n * k);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w;
        if (n >= 4) { /* two overlapping 4-byte reads */
            uint32_t a, b;
            memcpy(&a, s, 4);
            memcpy(&b, s + n - 4, 4);
            w = ((uint64_t)a << 32) | b;
        } else {
            w = ((uint64_t)s[0] << 16) | ((uint64_t)s[n >> 1] << 8) | s[n - 1];
        }
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return h;
}

clio_vocab *clio_vocab_new(void)
{
    clio_vocab *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->slots = calloc(INITIAL_SLOTS, sizeof *v->slots);
    if (!v->slots) {
        free(v);
        return NULL;
    }
    v->mask = INITIAL_SLOTS - 1;
    return v;
}

void clio_vocab_free(clio_vocab *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->nblocks; i++)
        free(v->blocks[i]);
    free(v->blocks);
    free(v->terms);
    free(v->slots);
    free(v);
}

/* Slot index where s[0..n) is, or the empty slot where it belongs. */
static inline size_t probe(const clio_vocab *v, const char *s, size_t n, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    size_t i = (size_t)h & v->mask;
    for (;;) {
        slot sl = v->slots[i];
        if (sl.id1 == 0)
            return i;
        if (sl.tag == tag) {
            const term *t = &v->terms[sl.id1 - 1];
            if (t->len == n && (n == 0 || memcmp(t->p, s, n) == 0))
                return i;
        }
        i = (i + 1) & v->mask;
    }
}

static int rehash(clio_vocab *v)
{
    size_t ncap = (v->mask + 1) * 2;
    slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return CLIO_ENOMEM;
    size_t nmask = ncap - 1;
    for (size_t id = 0; id < v->nterms; id++) {
        const term *t = &v->terms[id];
        uint64_t h = hash_bytes((const unsigned char *)t->p, t->len);
        size_t i = (size_t)h & nmask;
        while (ns[i].id1)
            i = (i + 1) & nmask;
        ns[i].id1 = (uint32_t)id + 1;
        ns[i].tag = (uint32_t)(h >> 32);
    }
    free(v->slots);
    v->slots = ns;
    v->mask = nmask;
    return 0;
}

/* Copies s[0..n) and a NUL into the arena. */
static const char *store(clio_vocab *v, const char *s, size_t n)
{
    if (n + 1 > v->avail - v->used || !v->cur) {
        size_t size = v->avail ? v->avail * 2 : FIRST_BLOCK;
        if (size > BLOCK_SIZE)
            size = BLOCK_SIZE;
        if (size < n + 1)
            size = n + 1;
        void *bl = v->blocks;
        if (clio_grow(&bl, &v->blocks_cap, v->nblocks + 1, sizeof *v->blocks))
            return NULL;
        v->blocks = bl;
        char *b = malloc(size);
        if (!b)
            return NULL;
        v->blocks[v->nblocks++] = b;
        v->cur = b;
        v->used = 0;
        v->avail = size;
    }
    char *p = v->cur + v->used;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    v->used += n + 1;
    return p;
}

int clio_vocab_intern(clio_vocab *v, const char *s, size_t n, uint32_t *id)
{
    if (n > UINT32_MAX)
        return CLIO_EARG;
    uint64_t h = hash_bytes((const unsigned char *)s, n);
    size_t i = probe(v, s, n, h);
    if (v->slots[i].id1) {
        *id = v->slots[i].id1 - 1;
        return 0;
    }
    if (v->nterms >= UINT32_MAX - 1)
        return CLIO_ENOMEM; /* ids are uint32 and id1 must fit */
    if ((v->nterms + 1) * 2 > v->mask + 1) {
        if (rehash(v))
            return CLIO_ENOMEM;
        i = probe(v, s, n, h);
    }
    void *ts = v->terms;
    if (clio_grow(&ts, &v->terms_cap, v->nterms + 1, sizeof *v->terms))
        return CLIO_ENOMEM;
    v->terms = ts;
    const char *p = store(v, s, n);
    if (!p)
        return CLIO_ENOMEM;
    uint32_t nid = (uint32_t)v->nterms++;
    v->terms[nid].p = p;
    v->terms[nid].len = (uint32_t)n;
    v->slots[i].id1 = nid + 1;
    v->slots[i].tag = (uint32_t)(h >> 32);
    *id = nid;
    return 0;
}

int clio_vocab_find(const clio_vocab *v, const char *s, size_t n, uint32_t *id)
{
    if (n > UINT32_MAX)
        return CLIO_ENOTFOUND;
    size_t i = probe(v, s, n, hash_bytes((const unsigned char *)s, n));
    if (!v->slots[i].id1)
        return CLIO_ENOTFOUND;
    if (id)
        *id = v->slots[i].id1 - 1;
    return 0;
}

const char *clio_vocab_term(const clio_vocab *v, uint32_t id, size_t *len)
{
    if (id >= v->nterms) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = v->terms[id].len;
    return v->terms[id].p;
}

uint32_t clio_vocab_size(const clio_vocab *v)
{
    return (uint32_t)v->nterms;
}
