/* --sandbox: the policy is enforced in C (core/access.h) and set once, before the
 * script's first instruction. Every clio.core function that opens, lists, stats or
 * resolves a path checks it there, and the Lua functions that reach files (io.open,
 * io.lines, loadfile, dofile, os.remove, os.rename) are replaced here by C closures that
 * check first and then call the original, kept as an upvalue that no script can reach
 * (there is no debug library). Nothing here reads a global or a metatable at run time,
 * so a script that replaces string.sub, ipairs or the string metatable changes nothing.
 * Only text chunks load. */
#include "sandbox.h"

#include "access.h"
#include "l_clio.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROOTS 256

static char *roots[MAX_ROOTS];
static size_t nroots;
static char *writable;
static char lib_dir[4096]; /* clio's Lua library: the only place require looks */

static void wrap_all(lua_State *L);

static void add_root(const char *path)
{
    if (path && *path && nroots < MAX_ROOTS)
        roots[nroots++] = strdup(path);
}

static void add_root_env(const char *var, const char *suffix)
{
    const char *v = getenv(var);
    if (!v || !*v)
        return;
    char p[4096];
    snprintf(p, sizeof p, "%s%s", v, suffix);
    add_root(p);
}

static int is_output_option(const char *a)
{
    return strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0;
}

void clio_sandbox_prepare(lua_State *L, const char *home, int argc, char **argv, int first)
{
    wrap_all(L);
    snprintf(lib_dir, sizeof lib_dir, "%s/lua/", home);
    add_root(home);
    /* the user's own clio folders: lexicons, language profiles, data */
    const char *path = getenv("CLIO_PATH");
    if (path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save))
            add_root(d);
        free(copy);
    }
    if (getenv("XDG_CONFIG_HOME") && *getenv("XDG_CONFIG_HOME"))
        add_root_env("XDG_CONFIG_HOME", "/clio");
    else
        add_root_env("HOME", "/.config/clio");
    /* the paths its command line names (the command itself is argv[first]) */
    for (int i = first + 1; i < argc; i++) {
        const char *a = argv[i];
        if (is_output_option(a)) {
            if (i + 1 < argc)
                writable = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            writable = (char *)a + 9;
        } else if (a[0] != '-') {
            add_root(a);
        } else if (a[0] == '-' && a[1] == '-' && strchr(a, '=')) {
            add_root(strchr(a, '=') + 1); /* --lexicon=FILE */
        }
    }
}

/* ---- the replaced Lua functions ------------------------------------------------ */

/* Calls upvalue 1 (the original function) with this call's arguments. */
static int call_original(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

static int sb_io_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *mode = luaL_optstring(L, 2, "r");
    if (strpbrk(mode, "wa+"))
        clio_lua_check_write(L, path, "writing");
    else
        clio_lua_check_read(L, path, "reading");
    return call_original(L);
}

static int sb_io_lines(lua_State *L)
{
    if (!lua_isnoneornil(L, 1))
        clio_lua_check_read(L, luaL_checkstring(L, 1), "reading");
    return call_original(L);
}

static int sb_os_remove(lua_State *L)
{
    clio_lua_check_write(L, luaL_checkstring(L, 1), "removing");
    return call_original(L);
}

static int sb_os_rename(lua_State *L)
{
    const char *from = luaL_checkstring(L, 1), *to = luaL_checkstring(L, 2);
    clio_lua_check_write(L, from, "renaming");
    clio_lua_check_write(L, to, "renaming");
    return call_original(L);
}

static void refuse_binary(lua_State *L, int mode_arg, const char *name)
{
    if (!lua_isnoneornil(L, mode_arg)) {
        const char *mode = luaL_checkstring(L, mode_arg);
        if (strcmp(mode, "t") != 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "sandbox: loading a binary chunk %s is not allowed", name);
            clio_lua_refuse(L, msg);
        }
    }
}

/* load(chunk, name, mode, env) with mode "t" whatever the script says. */
static int sb_load(lua_State *L)
{
    refuse_binary(L, 3, lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "");
    int n = lua_gettop(L);
    if (n < 3)
        lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    return call_original(L);
}

/* Loads a text file through the policy; the chunk or nil, message on the stack. */
static int load_text_file(lua_State *L, const char *path, int env_arg)
{
    if (path)
        clio_lua_check_read(L, path, "loading");
    int has_env = env_arg && lua_gettop(L) >= env_arg; /* before the chunk is pushed */
    if (luaL_loadfilex(L, path, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, env_arg);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

/* The path to load, or NULL for standard input (refused once confined). */
static const char *load_path(lua_State *L)
{
    if (!lua_isnoneornil(L, 1))
        return luaL_checkstring(L, 1);
    if (clio_access_confined())
        clio_lua_refuse(L, "sandbox: loading standard input is not allowed");
    return NULL;
}

static int sb_loadfile(lua_State *L)
{
    const char *path = load_path(L);
    refuse_binary(L, 2, path ? path : "stdin");
    return load_text_file(L, path, 3);
}

static int sb_dofile(lua_State *L)
{
    const char *path = load_path(L);
    lua_settop(L, 1);
    if (load_text_file(L, path, 0) != 1)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* A function the sandbox takes away (upvalue 1 the original, 2 its name): it works
 * until the process is confined and refuses afterwards, so that a reference taken to it
 * before the script started (a module's local) is no way out either. */
static int sb_gone(lua_State *L)
{
    if (clio_access_confined()) {
        char msg[200];
        snprintf(msg, sizeof msg, "sandbox: %s is not allowed", lua_tostring(L, lua_upvalueindex(2)));
        return clio_lua_refuse(L, msg);
    }
    return call_original(L);
}

/* getmetatable that keeps userdata metatables (their __gc, their methods) out of reach. */
static int sb_getmetatable(lua_State *L)
{
    luaL_checkany(L, 1);
    if (lua_type(L, 1) == LUA_TUSERDATA) {
        lua_pushnil(L);
        return 1;
    }
    return call_original(L);
}

/* require's only searcher besides the preloaded modules: clio's own Lua library. */
static int sb_searcher(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (!*name || strlen(name) > 200 || strspn(name, "abcdefghijklmnopqrstuvwxyz"
                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") !=
                                             strlen(name) || strstr(name, "..")) {
        lua_pushfstring(L, "\n\tno module '%s' in clio's library (sandbox)", name);
        return 1;
    }
    char rel[256], file[4600];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *s = rel; *s; s++)
        if (*s == '.')
            *s = '/';
    static const char *const forms[] = {"%s%s.lua", "%s%s/init.lua"};
    for (int i = 0; i < 2; i++) {
        snprintf(file, sizeof file, forms[i], lib_dir, rel);
        FILE *f = fopen(file, "r");
        if (!f)
            continue;
        fclose(f);
        if (luaL_loadfilex(L, file, "t") != LUA_OK)
            return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, file,
                              lua_tostring(L, -1));
        lua_pushstring(L, file);
        return 2;
    }
    lua_pushfstring(L, "\n\tno module '%s' in clio's library (sandbox)", name);
    return 1;
}

/* package.searchpath(name, path [, sep [, rep]]) that sees only what may be read: a
 * file outside the policy is "no file", so the search tells nothing about it. */
static int sb_searchpath(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const char *path = luaL_checkstring(L, 2);
    const char *sep = luaL_optstring(L, 3, ".");
    const char *rep = luaL_optstring(L, 4, "/");
    if (*sep)
        name = luaL_gsub(L, name, sep, rep);
    luaL_Buffer tried;
    luaL_buffinit(L, &tried);
    for (const char *p = path; *p;) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0) {
            lua_pushlstring(L, p, n);
            const char *file = luaL_gsub(L, lua_tostring(L, -1), "?", name);
            lua_remove(L, -2);
            FILE *f = clio_access_may_read(file) ? fopen(file, "r") : NULL;
            if (f) {
                fclose(f);
                return 1;
            }
            lua_pushfstring(L, "\n\tno file '%s'", file);
            lua_remove(L, -2);
            luaL_addvalue(&tried);
        }
        p += n + (end != NULL);
    }
    luaL_pushresult(&tried);
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
}

/* t[name] = f with the current t[name] as its upvalue 1; t at idx. */
static void wrap(lua_State *L, int idx, const char *name, lua_CFunction f)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, idx, name);
}

static void drop(lua_State *L, int idx, const char *const *names)
{
    idx = lua_absindex(L, idx);
    for (; *names; names++) {
        lua_pushnil(L);
        lua_setfield(L, idx, *names);
    }
}

/* The functions a script loses, by table (a field of package.loaded) and name. */
static const char *const gone[][2] = {
    {"io", "popen"},     {"io", "tmpfile"},      {"io", "input"},          {"io", "output"},
    {"os", "execute"},   {"os", "tmpname"},      {"os", "exit"},           {"os", "getenv"},
    {"os", "setlocale"}, {"package", "loadlib"}, {"string", "dump"},       {"debug", "debug"},
    {"debug", "getinfo"}, {"debug", "getlocal"}, {"debug", "getregistry"}, {"debug", "getmetatable"},
    {"debug", "getupvalue"}, {"debug", "getuservalue"}, {"debug", "sethook"}, {"debug", "gethook"},
    {"debug", "setlocal"}, {"debug", "setmetatable"}, {"debug", "setupvalue"},
    {"debug", "setuservalue"}, {"debug", "upvalueid"}, {"debug", "upvaluejoin"},
    {"debug", "setcstacklimit"}, {NULL, NULL}};

/* At the state's start, before any of clio's Lua runs: every function that reaches a
 * file, and every function the script will lose, becomes a C closure over the original
 * that consults the policy. Whatever keeps a reference to one of them (a module's local,
 * a table built early) holds the checked closure; the originals are out of reach. */
static void wrap_all(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    int loaded = lua_gettop(L);
    for (int i = 0; gone[i][0]; i++) {
        lua_getfield(L, loaded, gone[i][0]);
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, gone[i][1]);
            if (lua_isfunction(L, -1)) {
                lua_pushfstring(L, "%s.%s", gone[i][0], gone[i][1]);
                lua_pushcclosure(L, sb_gone, 2);
                lua_setfield(L, -2, gone[i][1]);
            } else {
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_getfield(L, loaded, "io");
    wrap(L, -1, "open", sb_io_open);
    wrap(L, -1, "lines", sb_io_lines);
    lua_pop(L, 1);
    lua_getfield(L, loaded, "os");
    wrap(L, -1, "remove", sb_os_remove);
    wrap(L, -1, "rename", sb_os_rename);
    lua_pop(L, 1);
    lua_getfield(L, loaded, "package");
    lua_pushcfunction(L, sb_searchpath);
    lua_setfield(L, -2, "searchpath");
    lua_pop(L, 1);
    lua_pushglobaltable(L);
    wrap(L, -1, "load", sb_load);
    wrap(L, -1, "getmetatable", sb_getmetatable);
    lua_pushcfunction(L, sb_loadfile);
    lua_setfield(L, -2, "loadfile");
    lua_pushcfunction(L, sb_dofile);
    lua_setfield(L, -2, "dofile");
    lua_pop(L, 2);
}

/* At confinement: the functions taken away leave the tables (calling them is "a nil
 * value"), and require looks only in the preloaded modules and clio's library. */
static void strip(lua_State *L)
{
    /* C modules the library may want later: load them while C loaders still exist */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "cjson");
    if (lua_pcall(L, 1, 0, 0) != LUA_OK)
        lua_pop(L, 1);

    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    int loaded = lua_gettop(L);
    for (int i = 0; gone[i][0]; i++) {
        lua_getfield(L, loaded, gone[i][0]);
        if (lua_istable(L, -1)) {
            lua_pushnil(L);
            lua_setfield(L, -2, gone[i][1]);
        }
        lua_pop(L, 1);
    }
    drop(L, loaded, (const char *const[]){"debug", NULL});
    lua_pushglobaltable(L);
    drop(L, -1, (const char *const[]){"debug", NULL});
    lua_pop(L, 1);

    lua_getfield(L, loaded, "package");
    int pkg = lua_gettop(L);
    lua_pushfstring(L, "%s?.lua;%s?/init.lua", lib_dir, lib_dir); /* what require searches */
    lua_setfield(L, pkg, "path");
    lua_pushliteral(L, "");
    lua_setfield(L, pkg, "cpath");
    lua_getfield(L, pkg, "preload");
    drop(L, -1, (const char *const[]){"clio.core", NULL});
    lua_pop(L, 1);
    lua_createtable(L, 2, 0); /* searchers: the preloaded modules, clio's library */
    lua_getfield(L, pkg, "searchers");
    lua_rawgeti(L, -1, 1);
    lua_rawseti(L, -3, 1);
    lua_pop(L, 1);
    lua_pushcfunction(L, sb_searcher);
    lua_rawseti(L, -2, 2);
    lua_setfield(L, pkg, "searchers");
    lua_settop(L, loaded - 1);
}

static int confine(lua_State *L)
{
    if (clio_access_confined())
        return 0;
    if (clio_access_confine((const char *const *)roots, nroots, writable))
        return luaL_error(L, "cannot set up the sandbox");
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "clio.confined");
    strip(L);
    return 0;
}

void clio_sandbox_push_confine(lua_State *L)
{
    lua_pushcfunction(L, confine);
}
