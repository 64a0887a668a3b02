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
    lua_State *L;      /* the main state, once created */
    long long instructions;
    double started;
    size_t heap;
} clio_limits;

/* The allocator for lua_newstate, with ud = the limits. */
void *clio_limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void clio_limits_hook(lua_State *L, lua_Debug *ar);
/* Starts the clock, installs the hook and starts the watchdog when any limit is set. */
void clio_limits_start(lua_State *L, clio_limits *lim);
/* The message of the limit that was hit ("time limit of 1 s exceeded at x.lua:3"), or
 * NULL when none was. Once a limit is hit the run ends with status 1, whatever the
 * script did with the error. */
const char *clio_limits_message(char *buf, size_t cap);
/* The host printed the run's final message: a hard stop after this adds none. */
void clio_limits_reported(void);
/* The run is over: the watchdog stands down. */
void clio_limits_finish(void);
/* Takes a host option: 1 when `name` is a limit (set from value), 0 when it is not one,
 * -1 with `why` when the value is no positive number. */
int clio_limits_option(clio_limits *lim, const char *name, const char *value, char *why,
                       size_t cap);

#endif
