/* A cache of compiled Lua chunks, so that a fresh process does not parse clio's library
 * and the script again: a query from the command line spent a third of its time in the
 * Lua parser. Only files under clio's home are cached (its library and bundled
 * scripts), so the cache holds one entry per such file. Each chunk is dumped with its
 * debug information, so errors and tracebacks name the same file and lines, to
 * $XDG_CACHE_HOME/clio/lua/ (default ~/.cache/clio/lua/) under a name hashed from its
 * path; the entry records the path, size and mtime of the source, and anything that
 * does not match, or fails to load, means the source is read (and the entry replaced).
 * Files written within the last 2 s are not cached: another write in the same clock
 * tick could keep their size and mtime. The host installs the cache only when the
 * script is neither sandboxed nor limited (lua/main.c). */
#include "bytecache.h"

#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clio.h"
#include "index.h" /* clio_hash64 */

#define MAGIC "clio-lua-cache 2\n"

static char cache_dir[4096]; /* empty: no cache */
static char home_dir[4096];  /* only files below it are cached */

typedef struct {
    int64_t size, mtime_ns; /* of the source */
    uint64_t sum;           /* clio_hash64 of the chunk: Lua trusts what it undumps */
    uint32_t path_len, pad;
} entry_head;

/* Creates dir and its parents (0700 for the ones made here); 0 when it exists after. */
static int make_dirs(char *dir)
{
    for (char *s = dir + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        int rc = mkdir(dir, 0700);
        *s = '/';
        if (rc < 0 && errno != EEXIST)
            return -1;
    }
    return mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

void clio_bytecache_init(const char *clio_home)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    cache_dir[0] = '\0';
    if (getenv("CLIO_NO_CACHE") || snprintf(home_dir, sizeof home_dir, "%s/", clio_home) >=
                                       (int)sizeof home_dir)
        return;
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(cache_dir, sizeof cache_dir, "%s/clio/lua", xdg);
    else if (home && home[0] == '/')
        n = snprintf(cache_dir, sizeof cache_dir, "%s/.cache/clio/lua", home);
    else
        return;
    if (n < 0 || (size_t)n >= sizeof cache_dir || make_dirs(cache_dir) < 0)
        cache_dir[0] = '\0';
}

static void entry_path(char *out, size_t cap, const char *path)
{
    uint64_t h = clio_hash64(path, strlen(path), 0);
    snprintf(out, cap, "%s/%016llx.luac", cache_dir, (unsigned long long)h);
}

/* Loads the cached chunk of path; LUA_OK with the function pushed, or -1 with nothing
 * pushed when there is no usable entry. */
static int load_entry(lua_State *L, const char *entry, const char *path, const struct stat *st,
                      int64_t mtime_ns)
{
    int fd = open(entry, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat es;
    char *buf = NULL;
    int rc = -1;
    if (fstat(fd, &es) == 0 && es.st_size > 0 && es.st_size < (64 << 20) &&
        (buf = malloc((size_t)es.st_size)) &&
        read(fd, buf, (size_t)es.st_size) == (ssize_t)es.st_size) {
        size_t pl = strlen(path), ml = sizeof MAGIC - 1, at = ml + sizeof(entry_head);
        entry_head h;
        if ((size_t)es.st_size > at + pl && memcmp(buf, MAGIC, ml) == 0) {
            memcpy(&h, buf + ml, sizeof h);
            const char *chunk = buf + at + pl;
            size_t n = (size_t)es.st_size - at - pl;
            if (h.size == st->st_size && h.mtime_ns == mtime_ns && h.path_len == pl &&
                memcmp(buf + at, path, pl) == 0 && clio_hash64(chunk, n, 0) == h.sum) {
                char chunkname[4200];
                snprintf(chunkname, sizeof chunkname, "@%s", path);
                rc = luaL_loadbufferx(L, chunk, n, chunkname, "b");
                if (rc != LUA_OK) {
                    lua_pop(L, 1);
                    rc = -1;
                }
            }
        }
    }
    free(buf);
    close(fd);
    return rc;
}

static int append(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    return clio_buf_append(ud, p, n);
}

/* Writes the function on top of the stack as path's entry: to a temporary name, then
 * renamed, so a reader never sees half an entry. Failures only mean no cache. */
static void store_entry(lua_State *L, const char *entry, const char *path, const struct stat *st,
                        int64_t mtime_ns)
{
    clio_buf b = {0};
    entry_head h = {st->st_size, mtime_ns, 0, (uint32_t)strlen(path), 0};
    size_t at = sizeof MAGIC - 1 + sizeof h + h.path_len;
    if (clio_buf_append(&b, MAGIC, sizeof MAGIC - 1) || clio_buf_append(&b, &h, sizeof h) ||
        clio_buf_append(&b, path, h.path_len) || lua_dump(L, append, &b, 0)) {
        clio_buf_free(&b);
        return;
    }
    h.sum = clio_hash64(b.data + at, b.len - at, 0);
    memcpy(b.data + sizeof MAGIC - 1, &h, sizeof h);
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", entry, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        int ok = write(fd, b.data, b.len) == (ssize_t)b.len;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, entry) < 0)
            unlink(tmp);
    }
    clio_buf_free(&b);
}

int clio_bytecache_loadfile(lua_State *L, const char *path)
{
    struct stat st;
    int64_t mtime_ns = 0;
    if (cache_dir[0] && strncmp(path, home_dir, strlen(home_dir)) == 0 && strlen(path) <= 4000 &&
        stat(path, &st) == 0 && S_ISREG(st.st_mode))
        mtime_ns = clio_settled_mtime(&st);
    if (!mtime_ns) /* no cache, not clio's, or written too recently to vouch for */
        return luaL_loadfilex(L, path, NULL);
    char entry[4200];
    entry_path(entry, sizeof entry, path);
    if (load_entry(L, entry, path, &st, mtime_ns) == LUA_OK)
        return LUA_OK;
    int rc = luaL_loadfilex(L, path, NULL);
    if (rc == LUA_OK)
        store_entry(L, entry, path, &st, mtime_ns);
    return rc;
}

/* loadfile(path) through the cache; any other call (stdin, a mode, an environment)
 * goes to Lua's own loadfile, kept as upvalue 1. */
static int cached_loadfile(lua_State *L)
{
    if (lua_gettop(L) != 1 || !lua_isstring(L, 1)) {
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_insert(L, 1);
        lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
        return lua_gettop(L);
    }
    if (clio_bytecache_loadfile(L, lua_tostring(L, 1)) == LUA_OK)
        return 1;
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
}

/* package.searchers[2]'s work, Lua files found on package.path, through the cache. */
static int cached_searcher(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchpath");
    lua_pushvalue(L, 1);
    lua_getfield(L, -3, "path");
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2))
        return 1; /* the list of files tried */
    const char *path = lua_tostring(L, -2);
    if (clio_bytecache_loadfile(L, path) != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, path,
                          lua_tostring(L, -1));
    lua_pushstring(L, path);
    return 2;
}

void clio_bytecache_install(lua_State *L)
{
    if (!cache_dir[0])
        return;
    /* clio's cache folder (without "/lua"), for the other caches: core.cache_dir */
    lua_pushlstring(L, cache_dir, strlen(cache_dir) - strlen("/lua"));
    lua_setfield(L, LUA_REGISTRYINDEX, "clio.cache_root");
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    lua_pushcfunction(L, cached_searcher);
    lua_rawseti(L, -2, 2);
    lua_pop(L, 2);
    lua_getglobal(L, "loadfile");
    lua_pushcclosure(L, cached_loadfile, 1);
    lua_setglobal(L, "loadfile");
}
