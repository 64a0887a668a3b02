/* Script limits for the clio host: an instruction budget, a wall-clock timeout and a
 * ceiling on the Lua heap. A limit is enforced by a count hook; once it trips, the
 * hook fires on every instruction and raises again, so a script's own pcall cannot
 * swallow it: the first instruction after the pcall raises anew. */
#include "limits.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HOOK_EVERY 1000

static clio_limits *active; /* one Lua state per process */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void *clio_limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    clio_limits *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        lim->heap -= old;
        return NULL;
    }
    if (lim->max_heap && nsize > old && lim->heap - old + nsize > lim->max_heap) {
        lim->heap_refused = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p)
        lim->heap = lim->heap - old + nsize;
    return p;
}

static void trip(lua_State *L, clio_limits *lim)
{
    lua_sethook(L, clio_limits_hook, LUA_MASKCOUNT, 1);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "exit");
    lua_pushfstring(L, "%s at %s", lim->tripped, lim->where[0] ? lim->where : "?");
    lua_setfield(L, -2, "message");
    lua_error(L);
}

void clio_limits_hook(lua_State *L, lua_Debug *ar)
{
    clio_limits *lim = active;
    if (!lim)
        return;
    if (lim->tripped[0])
        trip(L, lim);
    lim->instructions += HOOK_EVERY;
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        snprintf(lim->where, sizeof lim->where, "%s:%d", ar->short_src, ar->currentline);
    if (lim->max_instructions && lim->instructions > lim->max_instructions)
        snprintf(lim->tripped, sizeof lim->tripped, "instruction limit of %lld exceeded",
                 lim->max_instructions);
    else if (lim->timeout > 0 && now() - lim->started > lim->timeout)
        snprintf(lim->tripped, sizeof lim->tripped, "time limit of %g s exceeded", lim->timeout);
    else if (lim->heap_refused)
        snprintf(lim->tripped, sizeof lim->tripped, "memory limit of %zu MB exceeded",
                 lim->max_heap >> 20);
    if (lim->tripped[0])
        trip(L, lim);
}

void clio_limits_start(lua_State *L, clio_limits *lim)
{
    active = lim;
    lim->started = now();
    if (lim->max_instructions || lim->timeout > 0 || lim->max_heap)
        lua_sethook(L, clio_limits_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

const char *clio_limits_memory_message(const clio_limits *lim, char *buf, size_t cap)
{
    if (!lim->heap_refused)
        return NULL;
    snprintf(buf, cap, "memory limit of %zu MB exceeded near %s", lim->max_heap >> 20,
             lim->where[0] ? lim->where : "the start");
    return buf;
}

/* A positive number with an optional fraction, or -1. */
static double parse_number(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return *s && !*end && v > 0 ? v : -1;
}

int clio_limits_option(clio_limits *lim, const char *name, const char *value, char *why,
                       size_t cap)
{
    double v = value ? parse_number(value) : -1;
    if (strcmp(name, "--max-instructions") && strcmp(name, "--timeout") &&
        strcmp(name, "--max-memory"))
        return 0;
    if (v <= 0) {
        snprintf(why, cap, "%s takes a positive number, not '%s'", name, value ? value : "");
        return -1;
    }
    if (strcmp(name, "--max-instructions") == 0)
        lim->max_instructions = (long long)v;
    else if (strcmp(name, "--timeout") == 0)
        lim->timeout = v;
    else
        lim->max_heap = (size_t)(v * 1048576.0);
    return 1;
}
