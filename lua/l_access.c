/* How the bindings refuse what the sandbox's access policy (core/access.h) forbids: an
 * error {exit = 1, message = "sandbox: reading PATH is not allowed (script.lua:3)"}
 * that names the script line which asked, not a nil the script could ignore. */
#include "l_clio.h"

#include "access.h"

#include <string.h>

/* The first caller up the stack that is not clio's own library: the script's line. */
static void push_where(lua_State *L)
{
    lua_Debug ar;
    for (int level = 1; level < 60 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        if (strstr(ar.short_src, "/lua/clio/"))
            continue;
        lua_pushfstring(L, " (%s:%d)", ar.short_src, ar.currentline);
        return;
    }
    lua_pushliteral(L, "");
}

int clio_lua_refuse(lua_State *L, const char *message)
{
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "exit");
    lua_pushstring(L, message);
    push_where(L);
    lua_concat(L, 2);
    lua_setfield(L, -2, "message");
    return lua_error(L);
}

void clio_lua_check_read(lua_State *L, const char *path, const char *verb)
{
    clio_error e;
    clio_error_clear(&e);
    if (clio_access_read(path, verb, &e))
        clio_lua_refuse(L, e.message);
}

void clio_lua_check_write(lua_State *L, const char *path, const char *verb)
{
    clio_error e;
    clio_error_clear(&e);
    if (clio_access_write(path, verb, &e))
        clio_lua_refuse(L, e.message);
}
