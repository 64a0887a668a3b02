/* clio.core system helpers that stock Lua lacks: terminals and file identity. */
#include "l_clio.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int dir_gc(lua_State *L)
{
    DIR **d = lua_touserdata(L, 1);
    if (*d)
        closedir(*d);
    *d = NULL;
    return 0;
}

/* core.listdir(path) -> sorted array of entry names (no dot files) | nil, message.
 * The DIR lives in a userdata so that an error while listing cannot leak it. */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR **d = clio_lua_guarded(L, sizeof *d, "clio.dir", dir_gc);
    if (!(*d = opendir(path))) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_newtable(L);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(*d)))
        if (e->d_name[0] != '.') {
            lua_pushstring(L, e->d_name);
            lua_rawseti(L, -2, ++n);
        }
    closedir(*d);
    *d = NULL;
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    return 1;
}

/* core.realpath(path) -> the absolute path with links resolved | nil, message */
static int l_realpath(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
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

/* core.folder_files(dir) -> the paths of the files a corpus folder contributes, sorted,
 * as a corpus reads them | nil, message */
static int l_folder_files(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    folder_list *l = clio_lua_guarded(L, sizeof *l, "clio.folder_files", paths_gc);
    clio_error err;
    clio_error_clear(&err);
    if (clio_folder_files(dir, &l->v, &l->n, &err))
        return clio_push_failure(L, &err);
    lua_createtable(L, l->n < INT32_MAX ? (int)l->n : 0, 0);
    for (size_t i = 0; i < l->n; i++) {
        lua_pushstring(L, l->v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const luaL_Reg sys_functions[] = {
    {"folder_files", l_folder_files},
    {"realpath", l_realpath},
    {"isatty", l_isatty}, {"listdir", l_listdir}, {"terminal_width", l_terminal_width},
    {"stat", l_stat},     {"cpus", l_cpus},       {NULL, NULL}};

void clio_lua_sys_register(lua_State *L)
{
    luaL_setfuncs(L, sys_functions, 0);
}
