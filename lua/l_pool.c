/* core.pool(module, fn, threads): Lua states on worker threads that run
 * require(module)[fn](input) -> string over a queue of string jobs, results taken
 * in submission order. Strings are all that crosses between states, so a worker
 * shares nothing with the caller's state but the process. The grammar of a
 * timeline, for one, runs on every CPU this way.
 *
 *   local p = core.pool("clio.timeline_job", "run", 2)
 *   p:submit(input); ...; local out = p:take()   -- oldest job; nil, message if it failed
 *
 * Refused (nil, reason) in a confined run (--sandbox, --max-*, --timeout): a worker
 * state would be neither sandboxed nor limited. clio.parallel then runs the jobs in
 * the caller's state. */
#include "l_clio.h"

#include <lualib.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define POOL_MT "clio.pool"
#define POOL_MAX_THREADS 64

typedef struct pool_job {
    char *in, *out; /* out: the result, or the message when the job failed */
    size_t in_len, out_len;
    int done, failed;
} pool_job;

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;     /* a job was queued, or the pool is closing */
    pthread_cond_t finished; /* a job finished */
    pool_job **ring;         /* job k (counted from 0) sits at ring[k % cap] */
    size_t cap, taken, claimed, submitted; /* taken <= submitted, claimed <= submitted */
    int closing, nthreads, started;
    pthread_t threads[POOL_MAX_THREADS];
    char *module, *fn, *path, *cpath;
    char *cache_root; /* the caller's annotation and bytecode cache folder, or NULL */
    lua_CFunction *preload; /* C loaders of the caller's package.preload */
    char **preload_names;
    int npreload;
} pool;

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The error on the stack top as text: a string or number as such, anything else
 * named by its type (clio.parallel says the same when it runs a job inline). */
static const char *error_text(lua_State *L, char *buf, size_t cap)
{
    if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER)
        return lua_tostring(L, -1);
    snprintf(buf, cap, "(error object is a %s value)", luaL_typename(L, -1));
    return buf;
}

/* A worker's state: the standard libraries, the caller's module paths and C
 * loaders (lpeg, clio.core), and the job function on the stack top; NULL and a
 * message in *why when the module cannot be loaded. */
static lua_State *worker_state(pool *p, char **why)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return NULL;
    luaL_openlibs(L);
    lua_getglobal(L, "package");
    lua_pushstring(L, p->path);
    lua_setfield(L, -2, "path");
    lua_pushstring(L, p->cpath);
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    /* the caller's cache: a worker reads and saves annotation layers where it does */
    if (p->cache_root) {
        lua_pushstring(L, p->cache_root);
        lua_setfield(L, LUA_REGISTRYINDEX, "clio.cache_root");
    }
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (int i = 0; i < p->npreload; i++) {
        lua_pushcfunction(L, p->preload[i]);
        lua_setfield(L, -2, p->preload_names[i]);
    }
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushstring(L, p->module);
    char buf[512];
    const char *msg = NULL;
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        msg = error_text(L, buf, sizeof buf);
    } else if (!lua_istable(L, -1) || lua_getfield(L, -1, p->fn) != LUA_TFUNCTION) {
        snprintf(buf, sizeof buf, "module '%s' has no function '%s'", p->module, p->fn);
        msg = buf;
    }
    if (msg) {
        *why = dup_bytes(msg, strlen(msg));
        lua_close(L);
        return NULL;
    }
    return L;
}

static void fail_job(pool_job *job, const char *msg)
{
    job->failed = 1;
    job->out = dup_bytes(msg, strlen(msg));
    job->out_len = job->out ? strlen(msg) : 0;
}

/* Runs one job with the function on L's stack top. */
static void run_job(lua_State *L, pool_job *job)
{
    lua_pushvalue(L, -1);
    lua_pushlstring(L, job->in, job->in_len);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        char buf[64];
        fail_job(job, error_text(L, buf, sizeof buf));
    } else if (lua_type(L, -1) != LUA_TSTRING) {
        fail_job(job, "the job function returned no string");
    } else {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        job->out = dup_bytes(s, n);
        job->out_len = n;
        if (!job->out)
            fail_job(job, "out of memory");
    }
    lua_pop(L, 1);
}

static void *worker_main(void *arg)
{
    pool *p = arg;
    char *why = NULL;
    lua_State *L = worker_state(p, &why);
    int first_job = L != NULL;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->closing && p->claimed == p->submitted)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->closing)
            break;
        pool_job *job = p->ring[p->claimed++ % p->cap];
        pthread_mutex_unlock(&p->lock);
        if (L)
            run_job(L, job);
        else
            fail_job(job, why ? why : "out of memory");
        if (first_job) { /* it built the module's tables (a grammar): give back their garbage,
                          * which this thread's malloc arena would otherwise keep */
            lua_gc(L, LUA_GCCOLLECT);
            malloc_trim(0);
            first_job = 0;
        }
        free(job->in);
        job->in = NULL;
        pthread_mutex_lock(&p->lock);
        job->done = 1;
        pthread_cond_broadcast(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    if (L)
        lua_close(L);
    free(why);
    return NULL;
}

static void free_setup(pool *p)
{
    free(p->ring);
    free(p->module);
    free(p->fn);
    free(p->path);
    free(p->cpath);
    free(p->cache_root);
    for (int i = 0; i < p->npreload; i++)
        free(p->preload_names[i]);
    free(p->preload_names);
    free(p->preload);
}

/* Stops the workers (a job being run finishes first) and frees everything. */
static int pool_close(lua_State *L)
{
    pool *p = luaL_checkudata(L, 1, POOL_MT);
    if (!p->started)
        return 0;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    for (size_t k = p->taken; k < p->submitted; k++) {
        pool_job *job = p->ring[k % p->cap];
        free(job->in);
        free(job->out);
        free(job);
    }
    free_setup(p);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->finished);
    memset(p, 0, sizeof *p);
    return 0;
}

static pool *check_open(lua_State *L)
{
    pool *p = luaL_checkudata(L, 1, POOL_MT);
    luaL_argcheck(L, p->started, 1, "the pool is closed");
    return p;
}

/* pool:submit(input) -> the number of jobs not yet taken */
static int pool_submit(lua_State *L)
{
    pool *p = check_open(L);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    pool_job *job = calloc(1, sizeof *job);
    char *in = dup_bytes(s, n);
    if (!job || !in) {
        free(job);
        free(in);
        return luaL_error(L, "out of memory");
    }
    job->in = in;
    job->in_len = n;
    pthread_mutex_lock(&p->lock);
    if (p->submitted - p->taken == p->cap) { /* grow the ring; workers hold jobs, not slots */
        size_t cap = p->cap * 2;
        pool_job **ring = calloc(cap, sizeof *ring);
        if (!ring) {
            pthread_mutex_unlock(&p->lock);
            free(job->in);
            free(job);
            return luaL_error(L, "out of memory");
        }
        for (size_t k = p->taken; k < p->submitted; k++)
            ring[k % cap] = p->ring[k % p->cap];
        free(p->ring);
        p->ring = ring;
        p->cap = cap;
    }
    p->ring[p->submitted++ % p->cap] = job;
    pthread_cond_signal(&p->wake);
    lua_pushinteger(L, (lua_Integer)(p->submitted - p->taken));
    pthread_mutex_unlock(&p->lock);
    return 1;
}

/* pool:take() -> the oldest job's result (waiting for it), or nil, message when it
 * failed; nil when no job is waiting */
static int pool_take(lua_State *L)
{
    pool *p = check_open(L);
    pthread_mutex_lock(&p->lock);
    if (p->taken == p->submitted) {
        pthread_mutex_unlock(&p->lock);
        lua_pushnil(L);
        return 1;
    }
    pool_job *job = p->ring[p->taken % p->cap];
    while (!job->done)
        pthread_cond_wait(&p->finished, &p->lock);
    p->ring[p->taken++ % p->cap] = NULL;
    pthread_mutex_unlock(&p->lock);
    int failed = job->failed;
    if (failed)
        lua_pushnil(L);
    if (job->out)
        lua_pushlstring(L, job->out, job->out_len);
    else
        lua_pushliteral(L, "out of memory");
    free(job->out);
    free(job);
    return failed ? 2 : 1;
}

/* pool:pending() -> jobs submitted and not yet taken */
static int pool_pending(lua_State *L)
{
    pool *p = check_open(L);
    pthread_mutex_lock(&p->lock);
    lua_pushinteger(L, (lua_Integer)(p->submitted - p->taken));
    pthread_mutex_unlock(&p->lock);
    return 1;
}

/* Copies the C loaders of package.preload (lpeg and clio.core in the clio host;
 * a stock lua5.4 finds them again through package.cpath). */
static int copy_preload(lua_State *L, pool *p)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        n++;
        lua_pop(L, 1);
    }
    p->preload = calloc((size_t)n + 1, sizeof *p->preload);
    p->preload_names = calloc((size_t)n + 1, sizeof *p->preload_names);
    int ok = p->preload && p->preload_names;
    lua_pushnil(L);
    while (ok && lua_next(L, -2)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_tocfunction(L, -1) && p->npreload < n) {
            const char *name = lua_tostring(L, -2);
            char *copy = dup_bytes(name, strlen(name));
            if (copy) {
                p->preload_names[p->npreload] = copy;
                p->preload[p->npreload++] = lua_tocfunction(L, -1);
            } else {
                ok = 0;
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return ok ? 0 : -1;
}

/* A copy of package[field] ("" when it is not a string). */
static char *package_string(lua_State *L, const char *field)
{
    int top = lua_gettop(L);
    const char *s = "";
    lua_getglobal(L, "package");
    if (lua_istable(L, -1) && lua_getfield(L, -1, field) == LUA_TSTRING)
        s = lua_tostring(L, -1);
    char *copy = dup_bytes(s, strlen(s));
    lua_settop(L, top);
    return copy;
}

/* core.pool(module, fn, threads) -> pool | nil, reason */
static int l_pool(lua_State *L)
{
    const char *module = luaL_checkstring(L, 1);
    const char *fn = luaL_checkstring(L, 2);
    lua_Integer n = luaL_checkinteger(L, 3);
    luaL_argcheck(L, n >= 1 && n <= POOL_MAX_THREADS, 3, "threads must be 1 to 64");
    lua_getfield(L, LUA_REGISTRYINDEX, "clio.confined");
    int confined = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (confined) {
        lua_pushnil(L);
        lua_pushliteral(L, "no worker threads under --sandbox or a limit");
        return 2;
    }
    pool *p = clio_lua_guarded(L, sizeof *p, POOL_MT, pool_close);
    p->cap = 16;
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->module = dup_bytes(module, strlen(module));
    p->fn = dup_bytes(fn, strlen(fn));
    p->path = package_string(L, "path");
    p->cpath = package_string(L, "cpath");
    int cached = lua_getfield(L, LUA_REGISTRYINDEX, "clio.cache_root") == LUA_TSTRING;
    if (cached)
        p->cache_root = dup_bytes(lua_tostring(L, -1), lua_rawlen(L, -1));
    lua_pop(L, 1);
    if ((cached && !p->cache_root) || !p->ring || !p->module || !p->fn || !p->path || !p->cpath || copy_preload(L, p)) {
        free_setup(p);
        memset(p, 0, sizeof *p);
        return luaL_error(L, "out of memory");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->finished, NULL);
    p->started = 1;
    for (int i = 0; i < (int)n && pthread_create(&p->threads[i], NULL, worker_main, p) == 0; i++)
        p->nthreads++;
    if (p->nthreads == 0) {
        pool_close(L);
        return luaL_error(L, "cannot start a worker thread");
    }
    return 1;
}

static const luaL_Reg pool_methods[] = {
    {"submit", pool_submit}, {"take", pool_take}, {"pending", pool_pending},
    {"close", pool_close},   {NULL, NULL}};

void clio_lua_pool_register(lua_State *L)
{
    clio_lua_type(L, POOL_MT, pool_close, pool_close, pool_methods);
    lua_pushcfunction(L, l_pool);
    lua_setfield(L, -2, "pool");
}
