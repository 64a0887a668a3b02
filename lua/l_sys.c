/* clio.core system helpers that stock Lua lacks: terminals and file identity. */
#include "l_clio.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"
#include "index.h" /* clio_hash64 */

/* core.isatty(fd) -> boolean (0 stdin, 1 stdout, 2 stderr) */
static int l_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
    return 1;
}

/* core.terminal_width() -> columns of the terminal on stdout, or nil */
static int l_terminal_width(lua_State *L)
{
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        lua_pushinteger(L, ws.ws_col);
    else
        lua_pushnil(L);
    return 1;
}

/* core.cpus() -> the number of CPUs online (at least 1) */
static int l_cpus(lua_State *L)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    lua_pushinteger(L, n > 0 ? n : 1);
    return 1;
}

/* core.stat(path) -> {size, mtime, kind} | nil, message */
static int l_stat(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    clio_lua_check_read(L, path, "reading");
    struct stat st;
    if (stat(path, &st) < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)st.st_size);
    lua_setfield(L, -2, "size");
    lua_pushinteger(L, (lua_Integer)st.st_mtime);
    lua_setfield(L, -2, "mtime");
    lua_pushstring(L, S_ISDIR(st.st_mode) ? "directory" : S_ISREG(st.st_mode) ? "file" : "other");
    lua_setfield(L, -2, "kind");
    return 1;
}

/* The entries of one listdir call, freed with its userdata whatever happens. */
typedef struct dir_list {
    struct dirent **v;
    int n;
} dir_list;

static int dir_gc(lua_State *L)
{
    dir_list *l = lua_touserdata(L, 1);
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
    return 0;
}

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* core.listdir(path) -> sorted array of entry names (no dot files) | nil, message.
 * Sorted in C (as Lua's `<` sorts strings): nothing the script can replace is called. */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    clio_lua_check_read(L, path, "listing");
    dir_list *l = clio_lua_guarded(L, sizeof *l, "clio.dir", dir_gc);
    int n = scandir(path, &l->v, visible, alphasort);
    if (n < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    l->n = n;
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        lua_pushstring(L, l->v[i]->d_name);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* core.mkdir(path) -> true | nil, message: the folder and those above it, created when
 * missing (mkdir -p); refused for a sandboxed script like any other write. */
static int l_mkdir(lua_State *L)
{
    size_t n;
    const char *path = luaL_checklstring(L, 1, &n);
    clio_error err;
    clio_error_clear(&err);
    if (n == 0 || n >= PATH_MAX)
        return luaL_argerror(L, 1, "a folder path");
    if (clio_access_write(path, "create", &err))
        return clio_push_failure(L, &err);
    char buf[PATH_MAX];
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1;; p++) { /* each level in turn */
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0777) < 0 && errno != EEXIST) {
            lua_pushnil(L);
            lua_pushfstring(L, "%s: cannot create folder: %s", buf, strerror(errno));
            return 2;
        }
        *p = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: not a folder", path);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* core.realpath(path) -> the absolute path with links resolved | nil, message */
static int l_realpath(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    clio_lua_check_read(L, path, "reading"); /* else an oracle of what exists */
    char real[PATH_MAX]; /* on the stack: pushing may raise, nothing to leak */
    if (!realpath(path, real)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_pushstring(L, real);
    return 1;
}

/* The paths of one folder_files call, freed with its userdata whatever happens. */
typedef struct folder_list {
    char **v;
    size_t n;
} folder_list;

static int paths_gc(lua_State *L)
{
    folder_list *l = lua_touserdata(L, 1);
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
    return 0;
}

/* core.folder_files(dir [, follow_symlinks]) -> the paths of the files a corpus folder
 * contributes, sorted, as a corpus reads them | nil, message */
static int l_folder_files(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    clio_lua_check_read(L, dir, "listing");
    folder_list *l = clio_lua_guarded(L, sizeof *l, "clio.folder_files", paths_gc);
    clio_error err;
    clio_error_clear(&err);
    if (clio_folder_files(dir, lua_toboolean(L, 2), &l->v, &l->n, &err))
        return clio_push_failure(L, &err);
    lua_createtable(L, l->n < INT32_MAX ? (int)l->n : 0, 0);
    for (size_t i = 0; i < l->n; i++) {
        lua_pushstring(L, l->v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* core.hash(s [, seed]) -> clio_hash64 of s as 16 hex digits: the checksum that names
 * cache entries (not cryptographic) */
static int l_hash(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    uint64_t h = clio_hash64(s, n, (uint64_t)luaL_optinteger(L, 2, 0));
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    lua_pushstring(L, hex);
    return 1;
}

/* core.cache_dir(name) -> $XDG_CACHE_HOME/clio/name (default ~/.cache/clio/name; name
 * may have several levels, "annotations/timex"), created when missing | nil when this
 * run keeps no cache: CLIO_NO_CACHE=1, a sandboxed or limited script, or a Lua that is
 * not clio's host (only the host names the folder, lua/bytecache.c) */
static int l_cache_dir(lua_State *L)
{
    size_t n;
    const char *name = luaL_checklstring(L, 1, &n);
    /* levels of plain names: nothing that climbs out of the cache folder */
    int ok = n > 0 && n < 1024 && name[0] != '/' && name[n - 1] != '/' && !strstr(name, "//");
    for (const char *p = name; ok && *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
        ok = !(p[0] == '.' && (p[1] == '/' || p[1] == '\0' || (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))));
    luaL_argcheck(L, ok, 1, "a folder name inside the cache");
    if (lua_getfield(L, LUA_REGISTRYINDEX, "clio.cache_root") != LUA_TSTRING ||
        lua_getfield(L, LUA_REGISTRYINDEX, "clio.confined") != LUA_TNIL) {
        lua_pushnil(L);
        return 1;
    }
    lua_pop(L, 1);
    char path[4096];
    int len = snprintf(path, sizeof path, "%s/%s", lua_tostring(L, -1), name);
    if (len < 0 || (size_t)len >= sizeof path) {
        lua_pushnil(L);
        return 1;
    }
    size_t root = strlen(lua_tostring(L, -1));
    for (char *p = path + root + 1;; p++) { /* each level below the root, in turn */
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = c;
        if (rc < 0 && errno != EEXIST) {
            lua_pushnil(L);
            return 1;
        }
        if (!c)
            break;
    }
    lua_pushstring(L, path);
    return 1;
}

static const luaL_Reg sys_functions[] = {
    {"hash", l_hash},     {"cache_dir", l_cache_dir},
    {"folder_files", l_folder_files},
    {"realpath", l_realpath},
    {"isatty", l_isatty}, {"listdir", l_listdir}, {"terminal_width", l_terminal_width},
    {"stat", l_stat},     {"mkdir", l_mkdir},     {"cpus", l_cpus},       {NULL, NULL}};

void clio_lua_sys_register(lua_State *L)
{
    luaL_setfuncs(L, sys_functions, 0);
}
