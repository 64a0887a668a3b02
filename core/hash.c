/* clio_hash64: a fast 64-bit checksum for index blocks and source files. Four lanes
 * of multiply-xorshift over 8-byte words; every step is a bijection of the lane
 * state, so changing any one word always changes the result. Not cryptographic. */
#include "index.h"

#include <string.h>

#define K1 0x9E3779B97F4A7C15ull
#define K2 0xC2B2AE3D27D4EB4Full

static inline uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * K1;
    return h ^ (h >> 29);
}

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

uint64_t clio_hash64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t a = seed ^ K2, b = seed + K1, c = ~seed, d = seed * K2 + 1;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a = mix(a, load64(p + i));
        b = mix(b, load64(p + i + 8));
        c = mix(c, load64(p + i + 16));
        d = mix(d, load64(p + i + 24));
    }
    uint64_t h = mix(mix(mix(mix((uint64_t)n, a), b), c), d);
    for (; i + 8 <= n; i += 8)
        h = mix(h, load64(p + i));
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, p + i, n - i);
        h = mix(h, w ^ ((uint64_t)(n - i) << 56));
    }
    h ^= h >> 31;
    h *= K2;
    return h ^ (h >> 33);
}

/* A file's checksum: the hash of its 1 MiB chunks' hashes, so that it can be computed
 * piece by piece. */
uint64_t clio_file_checksum(const char *bytes, size_t n)
{
    uint64_t h = clio_hash64(NULL, 0, n);
    for (size_t at = 0; at < n; at += 1u << 20) {
        size_t len = n - at < (1u << 20) ? n - at : (1u << 20);
        uint64_t part = clio_hash64(bytes + at, len, at);
        h = clio_hash64(&part, 8, h);
    }
    return h;
}
