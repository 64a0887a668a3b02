/* The host's cache of compiled Lua chunks (lua/bytecache.c). */
#ifndef CLIO_BYTECACHE_H
#define CLIO_BYTECACHE_H

#include <lua.h>

/* Finds (and creates) the cache folder; without one, nothing is cached. Only files
 * below clio_home are. */
void clio_bytecache_init(const char *clio_home);
/* luaL_loadfilex(L, path, NULL), through the cache when it has a current entry. */
int clio_bytecache_loadfile(lua_State *L, const char *path);
/* Routes require's Lua-file searcher and loadfile(path) through the cache. */
void clio_bytecache_install(lua_State *L);

#endif
