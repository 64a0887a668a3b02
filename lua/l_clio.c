/* luaopen_clio_core: the C half of `require "clio"` (lua/clio/init.lua is the rest). */
#include "l_clio.h"

int luaopen_clio_core(lua_State *L)
{
    lua_newtable(L);
    clio_lua_corpus_register(L);
    clio_lua_text_register(L);
    clio_lua_sys_register(L);
    clio_lua_index_register(L);
    lua_pushliteral(L, CLIO_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
