/* The clio executable: a Lua 5.4 state with LPeg and clio.core preloaded, whose
 * command line is handled by lua/clio/main.lua. C only takes the host options (limits,
 * sandbox), finds clio's home, sets the module paths and turns Lua errors into
 * messages and exit codes: 0 done, 1 the analysis failed, 2 usage error. */
#include "l_clio.h"
#include "limits.h"
#include "sandbox.h"

#include "bytecache.h"

#include <lua-lpeg.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CLIO_SOURCE_DIR
#define CLIO_SOURCE_DIR "."
#endif
#ifndef CLIO_INSTALL_DATADIR
#define CLIO_INSTALL_DATADIR "/usr/local/share/clio"
#endif

static int has_library(const char *home)
{
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/lua/clio/init.lua", home);
    return access(probe, R_OK) == 0;
}

/* clio's home holds lua/, scripts/ and data/: $CLIO_HOME, else the tree the binary
 * sits in (build/clio -> ..), else the installed share/clio, else the source tree it
 * was built from. */
static void find_home(char *out, size_t cap)
{
    const char *env = getenv("CLIO_HOME");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return;
    }
    char exe[3072]; /* shorter than out, so "exe/.." always fits */
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, cap, "%s/..", exe);
            if (has_library(out))
                return;
        }
    }
    if (has_library(CLIO_INSTALL_DATADIR)) {
        snprintf(out, cap, "%s", CLIO_INSTALL_DATADIR);
        return;
    }
    snprintf(out, cap, "%s", CLIO_SOURCE_DIR);
}

/* Errors raised with clio.fail / clio.usage are tables {exit =, message =} and are
 * shown without a traceback; anything else is a bug in a script and gets one. */
static int message_handler(lua_State *L)
{
    if (lua_istable(L, 1)) {
        lua_getfield(L, 1, "exit");
        int is_clio = lua_isinteger(L, -1);
        lua_pop(L, 1);
        if (is_clio)
            return 1;
    }
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static void print_message(const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "clio: %s\n", msg);
    clio_limits_reported();
}

static int report(lua_State *L, int status)
{
    char buf[600];
    if (clio_limits_message(buf, sizeof buf)) { /* final, even when the script caught it */
        print_message(buf);
        return 1;
    }
    if (status == LUA_OK)
        return lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : 0;
    int code = 1;
    const char *msg;
    if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "exit");
        code = (int)lua_tointeger(L, -1);
        lua_getfield(L, -2, "message");
        msg = lua_tostring(L, -1);
    } else {
        msg = lua_tostring(L, -1);
    }
    if (msg || code != 0) /* {exit = 0} without a message is a quiet early exit */
        print_message(msg ? msg : "error");
    return code;
}

static void preload(lua_State *L, const char *name, lua_CFunction open)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, open);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static void set_path(lua_State *L, const char *home)
{
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s/lua/?.lua;%s/lua/?/init.lua;%s", home, home, lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 2);
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "clio: %s\n", msg ? msg : "error outside any script");
    return 0; /* Lua aborts */
}

/* Host options come before the command: --max-instructions N, --timeout SECONDS,
 * --max-memory MB (each also as --name=value) and --sandbox. Returns the index of
 * the first argument that is not one, or -1 after a usage message. */
static int host_options(int argc, char **argv, clio_limits *lim, int *sandbox)
{
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--sandbox") == 0) {
            *sandbox = 1;
            continue;
        }
        char name[64];
        const char *value, *eq = strchr(argv[i], '=');
        if (eq && (size_t)(eq - argv[i]) < sizeof name) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - argv[i]), argv[i]);
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", argv[i]);
            value = i + 1 < argc ? argv[i + 1] : NULL;
        }
        char why[256];
        int taken = clio_limits_option(lim, name, value, why, sizeof why);
        if (taken < 0) {
            fprintf(stderr, "clio: %s\n", why);
            return -1;
        }
        if (!taken)
            break; /* --help, --version: the command line's own */
        if (!eq)
            i++;
    }
    return i;
}

int main(int argc, char **argv)
{
    static clio_limits lim; /* read by the hook and the watchdog for the whole run */
    int sandbox = 0;
    int first = host_options(argc, argv, &lim, &sandbox);
    if (first < 0)
        return 2;
    lua_State *L = lua_newstate(clio_limited_alloc, &lim);
    if (!L) {
        fprintf(stderr, "clio: cannot create a Lua state: out of memory\n");
        return 1;
    }
    lim.L = L;
    lua_atpanic(L, panic);
    luaL_openlibs(L);
    preload(L, "lpeg", luaopen_lpeg);
    preload(L, "clio.core", luaopen_clio_core);
    int confined = sandbox || lim.max_instructions || lim.timeout > 0 || lim.max_heap;
    if (confined) {
        /* core.pool refuses: its worker states would escape the sandbox and limits */
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, "clio.confined");
    }

    char home[4096];
    find_home(home, sizeof home);
    set_path(L, home);
    if (sandbox)
        clio_sandbox_prepare(L, home, argc, argv, first);
    if (!confined) {
        /* compiled chunks: a confined script loads from source and writes no cache */
        clio_bytecache_init(home);
        clio_bytecache_install(L);
    }

    lua_pushcfunction(L, message_handler);
    int handler = lua_gettop(L);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "clio.main");
    int status = lua_pcall(L, 1, 1, handler);
    if (status == LUA_OK) {
        lua_pushstring(L, home);
        lua_createtable(L, argc - first + 1, 0); /* argv without the host options */
        lua_pushstring(L, argv[0]);
        lua_rawseti(L, -2, 0);
        for (int i = first; i < argc; i++) {
            lua_pushstring(L, argv[i]);
            lua_rawseti(L, -2, i - first + 1);
        }
        lua_createtable(L, 0, 2);
        lua_pushboolean(L, sandbox);
        lua_setfield(L, -2, "sandbox");
        if (sandbox) {
            clio_sandbox_push_confine(L);
            lua_setfield(L, -2, "confine");
        }
        clio_limits_start(L, &lim);
        status = lua_pcall(L, 3, 1, handler);
    }
    int code = report(L, status);
    fflush(stdout);
    if (ferror(stdout) && code == 0) {
        fprintf(stderr, "clio: cannot write the output\n");
        code = 1;
    }
    lua_close(L); /* finalizers run here: the watchdog still watches */
    lim.L = NULL;
    char buf[600];
    if (code == 0 && clio_limits_message(buf, sizeof buf)) { /* hit by a finalizer */
        print_message(buf);
        code = 1;
    }
    clio_limits_finish();
    return code;
}
