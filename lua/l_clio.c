/* luaopen_clio_core: the C half of `require "clio"` (lua/clio/init.lua is the rest). */
#include "l_clio.h"

#include <string.h>

void *clio_lua_guarded(lua_State *L, size_t size, const char *name, lua_CFunction gc)
{
    void *p = lua_newuserdatauv(L, size, 0);
    memset(p, 0, size);
    if (luaL_newmetatable(L, name)) {
        lua_pushcfunction(L, gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return p;
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
    clio_lua_guard_register(L);
    lua_pushliteral(L, CLIO_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
