/* The annotation decoder (core.annotation_decode, lua/l_codec.c) on damaged cache
 * entries: any bytes either decode to a value or raise "damaged annotation: ...",
 * never crash, read past the entry or raise another kind of error. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <string.h>

#include "fuzz.h"

int luaopen_clio_core(lua_State *L);

static lua_State *L;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    L = luaL_newstate();
    FUZZ_CHECK(L != NULL);
    luaL_openlibs(L);
    luaL_requiref(L, "clio.core", luaopen_clio_core, 0);
    lua_getfield(L, -1, "annotation_decode");
    lua_setfield(L, LUA_REGISTRYINDEX, "fuzz.decode");
    lua_pop(L, 1);
    return 0;
}

/* each input in a thread of its own, collected after it (see fuzz_index_lua.c) */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!L)
        LLVMFuzzerInitialize(NULL, NULL);
    char *copy = fuzz_copy(data, size);
    lua_State *T = lua_newthread(L);
    lua_getfield(T, LUA_REGISTRYINDEX, "fuzz.decode");
    lua_pushlstring(T, copy, size);
    free(copy);
    lua_pushinteger(T, 1);
    lua_newtable(T);
    if (lua_pcall(T, 3, 1, 0) != LUA_OK) {
        const char *e = lua_tostring(T, -1);
        FUZZ_CHECK(e != NULL);
        if (strncmp(e, "damaged annotation: ", 20) != 0)
            fprintf(stderr, "%s\n", e);
        FUZZ_CHECK(strncmp(e, "damaged annotation: ", 20) == 0);
    }
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}
