/* luaopen_clio_core: the C half of `require "clio"` (lua/clio/init.lua is the rest), and
 * the helpers every binding file shares (declared in l_clio.h). */
#include "l_clio.h"

#include <stdlib.h>
#include <string.h>

void *clio_lua_guarded(lua_State *L, size_t size, const char *name, lua_CFunction gc)
{
    void *p = lua_newuserdatauv(L, size, 0);
    memset(p, 0, size);
    if (luaL_newmetatable(L, name)) {
        lua_pushcfunction(L, gc);
        lua_setfield(L, -2, "__gc");
    } else {
        /* a name is one type: another type's metatable would free this one wrongly */
        lua_getfield(L, -1, "__gc");
        lua_CFunction had = lua_tocfunction(L, -1);
        lua_pop(L, 1);
        if (had != gc)
            luaL_error(L, "clio.core: two userdata types are named %s", name);
    }
    lua_setmetatable(L, -2);
    return p;
}

int clio_push_failure(lua_State *L, const clio_error *e)
{
    if (e->code == CLIO_EDENIED)
        return clio_lua_refuse(L, e->message);
    lua_pushnil(L);
    if (e->path[0])
        lua_pushfstring(L, "%s: %s", e->path, e->message);
    else
        lua_pushstring(L, e->message);
    lua_createtable(L, 0, 5);
    set_str(L, "path", e->path);
    set_str(L, "reason", e->message);
    if (e->line >= 0)
        set_int(L, "line", e->line);
    if (e->column >= 0)
        set_int(L, "column", e->column);
    if (e->offset >= 0)
        set_int(L, "offset", e->offset);
    return 3;
}

void clio_lua_type(lua_State *L, const char *name, lua_CFunction gc, lua_CFunction close,
                   const luaL_Reg *methods)
{
    if (!luaL_newmetatable(L, name))   /* a name is one type (clio_lua_guarded checks too) */
        luaL_error(L, "clio.core: two userdata types are named %s", name);
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__close");
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

static int box_gc(lua_State *L)
{
    void **box = lua_touserdata(L, 1);
    free(*box);
    *box = NULL;
    return 0;
}

void *clio_lua_box(lua_State *L)
{
    return clio_lua_guarded(L, sizeof(void *), "clio.box", box_gc);
}

int luaopen_clio_core(lua_State *L)
{
    lua_newtable(L);
    clio_lua_corpus_register(L);
    clio_lua_text_register(L);
    clio_lua_sys_register(L);
    clio_lua_index_register(L);
    clio_lua_pool_register(L);
    clio_lua_lang_register(L);
    clio_lua_codec_register(L);
    clio_lua_guard_register(L);
    clio_lua_scratch_register(L);
    lua_pushliteral(L, CLIO_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
