/* Script limits for the clio host: an instruction budget, a wall-clock timeout and a
 * ceiling on the Lua heap.
 *
 * A count hook enforces them while Lua runs: once a limit is hit, the hook fires on
 * every instruction and raises again, so a script's own pcall cannot swallow it. Some
 * work never reaches the hook: a pattern match or an LPeg grammar backtracking inside
 * one C call, a __gc metamethod (Lua runs finalizers with hooks off), a message handler
 * that loops. A watchdog thread therefore ends the process itself when the time limit
 * passes, or when a limit was hit and the run has not ended GRACE seconds later: it
 * prints the same message, removes the temporary files being written and exits
 * with status 1. Hitting a limit is final: the host ends with status 1 even when the
 * script caught the error, or when the limit was hit in a finalizer after the script. */
#include "limits.h"

#include "clio.h"

#include <lauxlib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HOOK_EVERY 1000
#define GRACE 1.0 /* seconds a hit limit has to end the run cleanly */
#define HEADROOM (1u << 20) /* heap allowed past a hit memory limit: room for the error */

enum { TRIP_NONE, TRIP_INSTRUCTIONS, TRIP_TIME, TRIP_MEMORY };

static clio_limits *active; /* one Lua state per process */
static atomic_int tripped;          /* TRIP_*: the first limit hit */
static _Atomic long long tripped_at; /* its monotonic time in ns */
static atomic_int reported, finished;
/* the script line last seen by the hook, double-buffered for the watchdog's reads */
static char where[2][256];
static atomic_int where_now;

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static double now(void)
{
    return now_ns() / 1e9;
}

static void trip_on(int kind)
{
    int none = TRIP_NONE;
    if (atomic_compare_exchange_strong(&tripped, &none, kind))
        tripped_at = now_ns();
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
    size_t ceiling = lim->max_heap + (tripped == TRIP_MEMORY ? HEADROOM : 0);
    if (lim->max_heap && nsize > old && lim->heap - old + nsize > ceiling) {
        active = lim; /* the limit may be hit before the script starts */
        trip_on(TRIP_MEMORY);
        if (lim->L) /* the very next instruction raises (lua_sethook is signal-safe) */
            lua_sethook(lim->L, clio_limits_hook, LUA_MASKCOUNT, 1);
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p)
        lim->heap = lim->heap - old + nsize;
    return p;
}

static const char *where_text(void)
{
    const char *w = where[atomic_load(&where_now)];
    return w[0] ? w : NULL;
}

const char *clio_limits_message(char *buf, size_t cap)
{
    clio_limits *lim = active;
    const char *w = where_text();
    if (!lim || !tripped)
        return NULL;
    int n;
    if (tripped == TRIP_INSTRUCTIONS)
        n = snprintf(buf, cap, "instruction limit of %lld exceeded", lim->max_instructions);
    else if (tripped == TRIP_TIME)
        n = snprintf(buf, cap, "time limit of %g s exceeded", lim->timeout);
    else
        n = snprintf(buf, cap, "memory limit of %zu MB exceeded", lim->max_heap >> 20);
    /* the script line last seen, unless none was (all the work was inside one C call) */
    if (w && n > 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, " %s %s", tripped == TRIP_MEMORY ? "near" : "at", w);
    return buf;
}

static void raise_limit(lua_State *L)
{
    lua_sethook(L, clio_limits_hook, LUA_MASKCOUNT, 1);
    char msg[512];
    clio_limits_message(msg, sizeof msg);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "exit");
    lua_pushstring(L, msg);
    lua_setfield(L, -2, "message");
    lua_error(L);
}

void clio_limits_hook(lua_State *L, lua_Debug *ar)
{
    clio_limits *lim = active;
    if (!lim)
        return;
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0) {
        int next = !atomic_load(&where_now);
        snprintf(where[next], sizeof where[next], "%s:%d", ar->short_src, ar->currentline);
        atomic_store(&where_now, next);
    }
    if (tripped)
        raise_limit(L);
    lim->instructions += HOOK_EVERY;
    if (lim->max_instructions && lim->instructions > lim->max_instructions)
        trip_on(TRIP_INSTRUCTIONS);
    else if (lim->timeout > 0 && now() - lim->started > lim->timeout)
        trip_on(TRIP_TIME);
    if (tripped)
        raise_limit(L);
}

/* Ends the process from the watchdog: the main thread is stuck where no hook runs. */
static void hard_stop(void)
{
    if (!atomic_exchange(&reported, 1)) {
        char msg[600], line[640];
        clio_limits_message(msg, sizeof msg);
        int n = snprintf(line, sizeof line, "clio: %s\n", msg);
        if (n > 0 && write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0)
            n = 0;
    }
    clio_temp_unlink_all(); /* the -o file's and the index's, being written */
    _exit(1);
}

static void *watch(void *arg)
{
    clio_limits *lim = arg;
    struct timespec step = {0, 20 * 1000000};
    while (!finished) {
        nanosleep(&step, NULL);
        if (finished)
            break;
        if (lim->timeout > 0 && now() - lim->started > lim->timeout)
            trip_on(TRIP_TIME);
        if (tripped && (now_ns() - tripped_at) / 1e9 > GRACE)
            hard_stop();
    }
    return NULL;
}

void clio_limits_start(lua_State *L, clio_limits *lim)
{
    active = lim;
    lim->L = L;
    lim->started = now();
    if (!(lim->max_instructions || lim->timeout > 0 || lim->max_heap))
        return;
    lua_sethook(L, clio_limits_hook, LUA_MASKCOUNT, HOOK_EVERY);
    /* a script that could remove the hook would void the limits */
    lua_getglobal(L, "debug");
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        lua_setfield(L, -2, "sethook");
    }
    lua_pop(L, 1);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, watch, lim) != 0)
        fprintf(stderr, "clio: warning: no watchdog thread, limits rely on the hook alone\n");
    pthread_attr_destroy(&attr);
}

void clio_limits_reported(void)
{
    atomic_store(&reported, 1);
}

void clio_limits_finish(void)
{
    atomic_store(&finished, 1);
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
