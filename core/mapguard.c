/* Mapped files and temporary files that a fatal signal must know about. A file that
 * is truncated while clio reads it through a mapping raises SIGBUS on the next touch
 * of a page past its new end; the host's handler (lua/l_guard.c) asks here which file
 * the faulting address belongs to, removes the temporary files still being written
 * and ends the run. Both tables are read from the signal handler: lookups take no
 * lock and allocate nothing; entries live in chunks that never move. */
#include "clio.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK 1024
#define NCHUNKS 256 /* 262,144 mappings: beyond the kernel's default of 65,530 */

typedef struct {
    _Atomic(uintptr_t) base; /* 0: free */
    size_t size;
    _Atomic(char *) path;
} map_slot;

static map_slot *_Atomic map_chunks[NCHUNKS];
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;

static map_slot *free_slot(void)
{
    for (size_t c = 0; c < NCHUNKS; c++) {
        map_slot *chunk = atomic_load(&map_chunks[c]);
        if (!chunk) {
            chunk = calloc(CHUNK, sizeof *chunk);
            if (!chunk)
                return NULL;
            atomic_store(&map_chunks[c], chunk);
        }
        for (size_t i = 0; i < CHUNK; i++)
            if (!atomic_load(&chunk[i].base))
                return &chunk[i];
    }
    return NULL;
}

void *clio_map_file(int fd, size_t size, const char *path)
{
    if (!size)
        return MAP_FAILED;
    char *name = strdup(path ? path : "");
    if (!name)
        return MAP_FAILED;
    void *b = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (b == MAP_FAILED) {
        free(name);
        return MAP_FAILED;
    }
    pthread_mutex_lock(&map_lock);
    map_slot *s = free_slot();
    if (s) {
        s->size = size;
        atomic_store(&s->path, name);
        atomic_store(&s->base, (uintptr_t)b); /* published last: a lookup sees it whole */
    }
    pthread_mutex_unlock(&map_lock);
    if (!s) { /* a mapping nobody could name is refused, not left unguarded */
        munmap(b, size);
        free(name);
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return b;
}

void clio_unmap_file(void *base, size_t size)
{
    if (!base || base == MAP_FAILED)
        return;
    pthread_mutex_lock(&map_lock);
    for (size_t c = 0; c < NCHUNKS; c++) {
        map_slot *chunk = atomic_load(&map_chunks[c]);
        if (!chunk)
            break;
        for (size_t i = 0; i < CHUNK; i++)
            if (atomic_load(&chunk[i].base) == (uintptr_t)base) {
                atomic_store(&chunk[i].base, 0);
                free(atomic_exchange(&chunk[i].path, NULL));
                c = NCHUNKS - 1;
                break;
            }
    }
    pthread_mutex_unlock(&map_lock);
    munmap(base, size);
}

const char *clio_mapped_path_of(const void *addr)
{
    uintptr_t a = (uintptr_t)addr;
    for (size_t c = 0; c < NCHUNKS; c++) {
        map_slot *chunk = atomic_load(&map_chunks[c]);
        if (!chunk)
            break;
        for (size_t i = 0; i < CHUNK; i++) {
            uintptr_t b = atomic_load(&chunk[i].base);
            if (b && a >= b && a - b < chunk[i].size)
                return atomic_load(&chunk[i].path);
        }
    }
    return NULL;
}
