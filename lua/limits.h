/* Script limits for the clio host (lua/limits.c). */
#ifndef CLIO_LIMITS_H
#define CLIO_LIMITS_H

#include <lua.h>
#include <stddef.h>

typedef struct clio_limits {
    long long max_instructions; /* 0: none */
    double timeout;             /* seconds, 0: none */
    size_t max_heap;            /* bytes of Lua heap, 0: none */
    /* state */
    long long instructions;
    double started;
    size_t heap;
    int heap_refused;
    char where[256];  /* the script line last seen by the hook */
    char tripped[128];
} clio_limits;

/* The allocator for lua_newstate, with ud = the limits. */
void *clio_limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void clio_limits_hook(lua_State *L, lua_Debug *ar);
/* Starts the clock and installs the hook when any limit is set. */
void clio_limits_start(lua_State *L, clio_limits *lim);
/* When the heap limit refused memory: a message naming it and the line, else NULL. */
const char *clio_limits_memory_message(const clio_limits *lim, char *buf, size_t cap);
/* Takes a host option: 1 when `name` is a limit (set from value), 0 when it is not one,
 * -1 with `why` when the value is no positive number. */
int clio_limits_option(clio_limits *lim, const char *name, const char *value, char *why,
                       size_t cap);

#endif
