/* Shared by the libFuzzer targets: an invariant check that crashes loudly (so the
 * fuzzer keeps the input), and small helpers. Each target defines
 * LLVMFuzzerTestOneInput; replay.c gives them a main() for the ordinary test suite. */
#ifndef CLIO_FUZZ_H
#define CLIO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);   \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A copy of data[0..n) in its own allocation, so ASan sees reads past its end. */
static inline char *fuzz_copy(const uint8_t *data, size_t n)
{
    char *p = malloc(n ? n : 1);
    if (!p)
        abort();
    for (size_t i = 0; i < n; i++)
        p[i] = (char)data[i];
    return p;
}

#endif
