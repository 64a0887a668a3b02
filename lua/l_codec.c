/* core.annotation_decode(s [, pos]): the reading half of clio.annotate.codec in C.
 * Every layer a worker computes and every cached entry comes back through it, in the
 * command's own thread, so it builds the tables directly (sized up front) instead of
 * one string.unpack call per value. The format is described in codec.lua; a malformed
 * string raises "damaged annotation: ..." and never reads past its end. */
#include "l_clio.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* nesting deeper than this is refused (a damaged entry must not exhaust the C stack);
 * annotations nest a handful of levels */
#define MAX_DEPTH 200

typedef struct {
    lua_State *L;
    const unsigned char *s;
    size_t n, pos; /* pos: 0-based offset of the next byte */
    int tables;    /* stack index: the tables made so far, by number (T_REF) */
    int shapes;    /* stack index: each shape's keys, by number */
    lua_Integer ntables, nshapes;
    int array_mt;  /* stack index: the metatable of tables output writes as arrays */
} reader;

/* raises "damaged annotation: WHAT", without a position: the message is about the entry,
 * not about the code that read it (as the Lua codec raised it, at level 0) */
static int refuse(lua_State *L, const char *what, lua_Integer at)
{
    if (at > 0)
        lua_pushfstring(L, "damaged annotation: %s at byte %I", what, at);
    else
        lua_pushfstring(L, "damaged annotation: %s", what);
    return lua_error(L);
}

static int damaged(reader *r, const char *what)
{
    return refuse(r->L, what, 0);
}

static uint32_t u32(reader *r)
{
    if (r->n - r->pos < 4)
        damaged(r, "cut short");
    const unsigned char *p = r->s + r->pos;
    r->pos += 4;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t u64(reader *r)
{
    if (r->n - r->pos < 8)
        damaged(r, "cut short");
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | r->s[r->pos + (size_t)i];
    r->pos += 8;
    return v;
}

static void push_string(reader *r)
{
    uint32_t len = u32(r);
    if (r->n - r->pos < len)
        damaged(r, "cut short");
    lua_pushlstring(r->L, (const char *)r->s + r->pos, len);
    r->pos += len;
}

/* a new table, numbered for later references */
static void new_table(reader *r, uint32_t narr, uint32_t nrec)
{
    /* sizes come from the input: a damaged count must not allocate gigabytes first */
    size_t left = r->n - r->pos;
    lua_createtable(r->L, narr <= left ? (int)narr : 0, nrec <= left ? (int)nrec : 0);
    lua_pushvalue(r->L, -1);
    lua_rawseti(r->L, r->tables, ++r->ntables);
}

/* decodes one value and pushes it (nil for N) */
static void decode_value(reader *r, int depth)
{
    lua_State *L = r->L;
    if (depth > MAX_DEPTH)
        damaged(r, "nested too deep");
    luaL_checkstack(L, 4, "annotation");
    if (r->pos >= r->n)
        damaged(r, "cut short");
    unsigned char tag = r->s[r->pos++];
    while (tag == 'S') { /* a shape's keys, then the value that uses it */
        uint32_t k = u32(r);
        if (k > r->n - r->pos)
            damaged(r, "cut short");
        lua_createtable(L, (int)k, 0);
        for (uint32_t i = 1; i <= k; i++) {
            push_string(r);
            lua_rawseti(L, -2, i);
        }
        lua_rawseti(L, r->shapes, ++r->nshapes);
        if (r->pos >= r->n)
            damaged(r, "cut short");
        tag = r->s[r->pos++];
    }
    switch (tag) {
    case 's':
        push_string(r);
        return;
    case 'i':
        lua_pushinteger(L, (lua_Integer)u64(r));
        return;
    case 'd': {
        uint64_t bits = u64(r);
        double d;
        memcpy(&d, &bits, sizeof d);
        lua_pushnumber(L, d);
        return;
    }
    case 'T':
    case 'F':
        lua_pushboolean(L, tag == 'T');
        return;
    case 'N':
        lua_pushnil(L);
        return;
    case 'R': {
        uint32_t id = u32(r);
        if (id < 1 || id > r->nshapes)
            damaged(r, "unknown record shape");
        lua_rawgeti(L, r->shapes, id);
        int keys = lua_gettop(L);
        lua_Integer nkeys = (lua_Integer)lua_rawlen(L, keys);
        new_table(r, 0, (uint32_t)nkeys);
        for (lua_Integer i = 1; i <= nkeys; i++) {
            lua_rawgeti(L, keys, i);
            decode_value(r, depth + 1);
            lua_rawset(L, -3);
        }
        lua_remove(L, keys);
        return;
    }
    case 't':
    case 'a': {
        uint32_t len = u32(r);
        uint32_t others = u32(r);
        new_table(r, len, others);
        if (tag == 'a') {
            lua_pushvalue(L, r->array_mt);
            lua_setmetatable(L, -2);
        }
        for (uint32_t i = 1; i <= len; i++) {
            decode_value(r, depth + 1);
            lua_rawseti(L, -2, i);
        }
        for (uint32_t i = 0; i < others; i++) {
            decode_value(r, depth + 1);
            if (lua_isnil(L, -1))
                damaged(r, "nil key");
            if (lua_type(L, -1) == LUA_TNUMBER && !lua_isinteger(L, -1) && isnan(lua_tonumber(L, -1)))
                damaged(r, "NaN key");
            decode_value(r, depth + 1);
            lua_rawset(L, -3);
        }
        return;
    }
    case 'r': {
        uint32_t id = u32(r);
        if (id < 1 || id > r->ntables)
            damaged(r, "unknown table");
        lua_rawgeti(L, r->tables, id);
        return;
    }
    default:
        refuse(L, "unknown tag", (lua_Integer)r->pos);
    }
}

/* core.annotation_decode(s, pos, array_mt) -> value: pos is 1-based (where the encoded
 * value starts), array_mt the metatable that marks a JSON array (clio.output) */
static int l_annotation_decode(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer pos = luaL_optinteger(L, 2, 1);
    luaL_checktype(L, 3, LUA_TTABLE);
    if (pos < 1 || (size_t)pos > n + 1)
        return refuse(L, "start outside the entry", 0);
    lua_settop(L, 3);
    lua_newtable(L);
    lua_newtable(L);
    reader r = {.L = L, .s = (const unsigned char *)s, .n = n, .pos = (size_t)pos - 1,
                .tables = 4, .shapes = 5, .array_mt = 3};
    decode_value(&r, 0);
    if (r.pos != n)
        return refuse(L, "trailing bytes", 0);
    return 1;
}

static const luaL_Reg codec_functions[] = {{"annotation_decode", l_annotation_decode}, {NULL, NULL}};

void clio_lua_codec_register(lua_State *L)
{
    luaL_setfuncs(L, codec_functions, 0);
}
