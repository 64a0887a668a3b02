/* Shared declarations of the clio.core Lua bindings (lua/l_*.c). */
#ifndef L_CLIO_H
#define L_CLIO_H

#include "clio.h"

#include <lauxlib.h>
#include <lua.h>

/* Field setters for the table on top of the stack. */
static inline void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static inline void set_str(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static inline void set_lstr(lua_State *L, const char *k, const char *s, size_t n)
{
    lua_pushlstring(L, s, n);
    lua_setfield(L, -2, k);
}

static inline void set_num(lua_State *L, const char *k, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, -2, k);
}

/* Opens clio.core: the C half of `require "clio"`. */
int luaopen_clio_core(lua_State *L);

void clio_lua_corpus_register(lua_State *L);
void clio_lua_text_register(lua_State *L);
void clio_lua_sys_register(lua_State *L);
void clio_lua_index_register(lua_State *L);
void clio_lua_pool_register(lua_State *L);
void clio_lua_lang_register(lua_State *L);
void clio_lua_codec_register(lua_State *L);
/* SIGBUS from a file cut short under a mapping: a clean failure (lua/l_guard.c). */
void clio_lua_guard_register(lua_State *L);
/* core.scratch(): an anonymous file for bytes set aside (lua/l_scratch.c). */
void clio_lua_scratch_register(lua_State *L);

/* Pushes a zeroed userdata of `size` bytes whose metatable `name` frees it with `gc`:
 * where C memory that a call allocates lives, so that a Lua error cannot leak it. */
void *clio_lua_guarded(lua_State *L, size_t size, const char *name, lua_CFunction gc);

/* Registers the metatable `name` of a userdata type: __gc, __close (a to-be-closed
 * variable) and `methods` as its __index. The stack is left as it was. */
void clio_lua_type(lua_State *L, const char *name, lua_CFunction gc, lua_CFunction close,
                   const luaL_Reg *methods);

/* Raises {exit = 1, message = MESSAGE .. " (script.lua:LINE)"}: a sandbox refusal. */
int clio_lua_refuse(lua_State *L, const char *message);
/* Raise a refusal unless the sandbox's access policy allows reading / writing path. */
void clio_lua_check_read(lua_State *L, const char *path, const char *verb);
void clio_lua_check_write(lua_State *L, const char *path, const char *verb);
/* The language (core.lang_new) at stack index i, or NULL when it is nil or absent. */
const clio_lang *clio_lua_opt_lang(lua_State *L, int i);
/* The corpus at stack index i (raises when it is not one, or is closed). */
clio_corpus *clio_lua_check_corpus(lua_State *L, int i);

/* Pushes a userdata holding one pointer, NULL until the caller stores a malloc'd
 * block in it (e.g. a core function's *out), which its __gc frees: C results stay
 * owned across Lua calls that may raise. Returns the slot. */
void *clio_lua_box(lua_State *L);

/* Pushes nil, "path: message", {path, reason, line, column, offset}; returns 3. */
int clio_push_failure(lua_State *L, const clio_error *e);
/* Pushes an array of token records {start, end, text, term, kind, flags...}. */
/* One token as a table {start, end, text, term, kind, capitalized, ...}. */
void clio_push_token(lua_State *L, const char *bytes, const clio_token *t, const clio_vocab *v);
void clio_push_tokens(lua_State *L, const char *bytes, const clio_token *t, size_t n,
                      const clio_vocab *v);
/* A bit mask of token kinds from a comma-separated list ("word,number"). */
unsigned clio_kinds_mask(lua_State *L, const char *list);

#endif
