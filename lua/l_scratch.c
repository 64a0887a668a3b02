/* core.scratch(): bytes an analysis sets aside on disk instead of in memory, to read back
 * a few of them later (the report keeps every document's packed mentions there and
 * reads those of the documents its page shows). The file is anonymous: made in $TMPDIR
 * (else /tmp) and unlinked at once, so it is gone when closed, collected or when the
 * process ends, even on a crash, and it names no path a sandboxed script could reach.
 *
 *   local s = assert(core.scratch())
 *   local at = s:put(bytes)        -- offset of the bytes put
 *   local b = s:get(at, #bytes)    -- the same bytes
 *   s:size(); s:close()
 */
#include "l_clio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCRATCH "clio.scratch_file"
#define BUFFER (1 << 16) /* puts are gathered into writes of this size */

typedef struct scratch {
    int fd;             /* -1 once closed */
    long long size;     /* bytes put, written or still buffered */
    long long written;  /* bytes on disk */
    char *buf;          /* the bytes after `written` */
    size_t used;
} scratch;

static void scratch_free(scratch *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    free(s->buf);
    s->buf = NULL;
}

static int scratch_gc(lua_State *L)
{
    scratch_free(luaL_checkudata(L, 1, SCRATCH));
    return 0;
}

static scratch *check_open(lua_State *L)
{
    scratch *s = luaL_checkudata(L, 1, SCRATCH);
    if (s->fd < 0)
        luaL_error(L, "scratch file: used after close");
    return s;
}

static void write_all(lua_State *L, scratch *s, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = pwrite(s->fd, p, n, (off_t)s->written);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            luaL_error(L, "scratch file: cannot write %I bytes at %I: %s", (lua_Integer)n, (lua_Integer)s->written,
                       w < 0 ? strerror(errno) : "no progress");
        p += w;
        n -= (size_t)w;
        s->written += w;
    }
}

static void flush(lua_State *L, scratch *s)
{
    size_t n = s->used;
    s->used = 0;   /* on a failed write the buffer is dropped with the error */
    write_all(L, s, s->buf, n);
}

/* s:put(bytes) -> the offset the bytes start at */
static int l_put(lua_State *L)
{
    scratch *s = check_open(L);
    size_t n;
    const char *p = luaL_checklstring(L, 2, &n);
    lua_Integer at = s->size;
    if (s->used + n > BUFFER)
        flush(L, s);
    if (n >= BUFFER)
        write_all(L, s, p, n);
    else {
        memcpy(s->buf + s->used, p, n);
        s->used += n;
    }
    s->size += (long long)n;
    lua_pushinteger(L, at);
    return 1;
}

/* s:get(offset, length) -> the bytes put there (an error past the end) */
static int l_get(lua_State *L)
{
    scratch *s = check_open(L);
    lua_Integer at = luaL_checkinteger(L, 2), n = luaL_checkinteger(L, 3);
    luaL_argcheck(L, at >= 0 && n >= 0 && at <= s->size && n <= s->size - at, 2,
                  "outside the scratch file");
    if (at + n > s->written)
        flush(L, s);
    luaL_Buffer b;
    char *dst = luaL_buffinitsize(L, &b, (size_t)n);
    size_t got = 0;
    while (got < (size_t)n) {
        ssize_t r = pread(s->fd, dst + got, (size_t)n - got, (off_t)(at + (lua_Integer)got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return luaL_error(L, "scratch file: cannot read %I bytes at %I: %s", n, at,
                              r < 0 ? strerror(errno) : "cut short");
        got += (size_t)r;
    }
    luaL_pushresultsize(&b, (size_t)n);
    return 1;
}

/* s:size() -> the bytes put so far */
static int l_size(lua_State *L)
{
    lua_pushinteger(L, check_open(L)->size);
    return 1;
}

static int l_close(lua_State *L)
{
    scratch_free(luaL_checkudata(L, 1, SCRATCH));
    return 0;
}

/* core.scratch() -> a new, empty scratch file, or nil and a message naming the folder
 * when none can be made */
static int l_scratch(lua_State *L)
{
    scratch *s = clio_lua_guarded(L, sizeof *s, SCRATCH, scratch_gc);
    s->fd = -1;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    const char *tmpl = lua_pushfstring(L, "%s/clio-scratch-XXXXXX", dir);
    char *path = strdup(tmpl);
    s->buf = malloc(BUFFER);
    if (!path || !s->buf) {
        free(path);
        return luaL_error(L, "scratch file: out of memory");
    }
    s->fd = mkstemp(path);
    int err = errno;
    if (s->fd >= 0)
        unlink(path);
    free(path);
    lua_pop(L, 1);
    if (s->fd < 0) {
        luaL_pushfail(L);
        lua_pushfstring(L, "cannot make a scratch file in %s: %s", dir, strerror(err));
        return 2;
    }
    return 1;
}

void clio_lua_scratch_register(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"put", l_put}, {"get", l_get}, {"size", l_size}, {"close", l_close}, {NULL, NULL}};
    clio_lua_type(L, SCRATCH, scratch_gc, l_close, methods);
    lua_pushcfunction(L, l_scratch);
    lua_setfield(L, -2, "scratch");
}
