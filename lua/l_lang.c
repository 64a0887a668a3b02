/* clio.core language type: the word lists of a language profile compiled into the sets
 * the core consults (clio_lang). Lua loads and checks the profile (lua/clio/lang.lua);
 * corpora and indexes keep the userdata alive in their user value while they borrow it. */
#include "l_clio.h"

#include <stdlib.h>
#include <string.h>

#define LANG_MT "clio.lang"

enum { F_FUNCTION, F_LEADING, F_TRAILING, F_ORDINAL, F_ABBREV, F_OPENERS, NFIELDS };

/* The profile fields, in the order of the sets above. */
static const char *const FIELD[NFIELDS] = {"function_words", "clitics_leading",
                                           "clitics_trailing", "ordinal_suffixes",
                                           "abbreviations", "sentence_openers"};

typedef struct {
    clio_lang lang;
    clio_wordset *sets[NFIELDS];
    char possessive[32];
} lang_ud;

static int lang_gc(lua_State *L)
{
    lang_ud *u = luaL_checkudata(L, 1, LANG_MT);
    for (int i = 0; i < NFIELDS; i++) {
        clio_wordset_free(u->sets[i]);
        u->sets[i] = NULL;
    }
    memset(&u->lang, 0, sizeof u->lang);
    return 0;
}

/* Whether s[0..n) starts (at_end = 0) or ends (at_end = 1) with an apostrophe; its
 * length in bytes, or 0. ' ’ ʼ */
static size_t apostrophe(const char *s, size_t n, int at_end)
{
    static const char *const forms[] = {"'", "\xE2\x80\x99", "\xCA\xBC"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t k = strlen(forms[i]);
        if (n > k && !memcmp(at_end ? s + n - k : s, forms[i], k))
            return k;
    }
    return 0;
}

/* Field f of the table at index t: a list of words (clitics with their apostrophe,
 * stored without it), or {source = text, name = file} holding one per line. Absent:
 * the set stays NULL. Leaves the stack as it found it. */
static void compile_set(lua_State *L, int t, int f, const char *name, lang_ud *u)
{
    int top = lua_gettop(L), v = top + 1;
    if (lua_getfield(L, t, FIELD[f]) == LUA_TNIL) {
        lua_settop(L, top);
        return;
    }
    if (!lua_istable(L, v))
        luaL_error(L, "%s: %s must be a list of words", name, FIELD[f]);
    const char *src, *src_name = name;
    size_t n;
    if (lua_getfield(L, v, "source") == LUA_TSTRING) {
        lua_getfield(L, v, "name");
        src_name = luaL_optstring(L, v + 2, name);
        src = lua_tolstring(L, v + 1, &n);
    } else {
        lua_pop(L, 1);
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        lua_Integer len = luaL_len(L, v);
        for (lua_Integer i = 1; i <= len; i++) {
            lua_geti(L, v, i);
            size_t wn;
            const char *w = lua_tolstring(L, -1, &wn);
            if (!w)
                luaL_error(L, "%s: %s[%d] is not a word", name, FIELD[f], (int)i);
            size_t cut = f == F_LEADING ? apostrophe(w, wn, 1)
                         : f == F_TRAILING ? apostrophe(w, wn, 0) : 0;
            lua_pushlstring(L, f == F_TRAILING ? w + cut : w, wn - cut);
            lua_replace(L, -2);
            luaL_addvalue(&b);
            luaL_addchar(&b, '\n');
        }
        luaL_pushresult(&b);
        src = lua_tolstring(L, -1, &n);
    }
    clio_error err;
    clio_error_clear(&err);
    if (clio_wordset_parse(src, n, src_name, &u->sets[f], &err))
        luaL_error(L, "%s: %s: %s", src_name, FIELD[f], err.message);
    lua_settop(L, top);
}

/* core.lang_new({function_words = {...}, clitics_leading = {...}, clitics_trailing,
 * ordinal_suffixes, abbreviations, sentence_openers, possessive_suffix = "s",
 * sentence_max_tokens = n, sentence_max_bytes = n}, name)
 * -> lang. A list may also be {source = text, name = file}, one word per line. */
static int l_lang_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *name = luaL_optstring(L, 2, "language profile");
    lang_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    memset(u, 0, sizeof *u);
    luaL_setmetatable(L, LANG_MT);
    int top = lua_gettop(L);
    for (int f = 0; f < NFIELDS; f++) {
        compile_set(L, 1, f, name, u);
        lua_settop(L, top);
    }
    lua_getfield(L, 1, "possessive_suffix");
    if (!lua_isnil(L, -1)) {
        size_t n;
        const char *s = luaL_checklstring(L, -1, &n);
        if (n == 0 || n >= sizeof u->possessive)
            return luaL_error(L, "%s: possessive suffix of 1 to %d bytes", name,
                              (int)sizeof u->possessive - 1);
        memcpy(u->possessive, s, n + 1);
        u->lang.possessive_suffix = u->possessive;
    }
    lua_settop(L, top);
    /* the sentence length cap (0: the core's default); lua/clio/lang.lua checks it */
    static const char *const CAP[2] = {"sentence_max_tokens", "sentence_max_bytes"};
    for (int k = 0; k < 2; k++) {
        lua_getfield(L, 1, CAP[k]);
        lua_Integer v = luaL_optinteger(L, -1, 0);
        if (v < 0 || v > (lua_Integer)CLIO_SENTENCE_CAP_LIMIT)
            return luaL_error(L, "%s: %s must be from 1 to %d", name, CAP[k],
                              (int)CLIO_SENTENCE_CAP_LIMIT);
        if (k == 0)
            u->lang.sentence_max_tokens = (uint32_t)v;
        else
            u->lang.sentence_max_bytes = (uint32_t)v;
        lua_settop(L, top);
    }
    u->lang.function_words = u->sets[F_FUNCTION];
    u->lang.clitics_leading = u->sets[F_LEADING];
    u->lang.clitics_trailing = u->sets[F_TRAILING];
    u->lang.ordinal_suffixes = u->sets[F_ORDINAL];
    u->lang.abbreviations = u->sets[F_ABBREV];
    u->lang.sentence_openers = u->sets[F_OPENERS];
    return 1;
}

const clio_lang *clio_lua_opt_lang(lua_State *L, int i)
{
    if (lua_isnoneornil(L, i))
        return NULL;
    lang_ud *u = luaL_checkudata(L, i, LANG_MT);
    return &u->lang;
}

/* lang:has(field, word) -> whether the compiled set holds word (for tests). */
static int lang_has(lua_State *L)
{
    lang_ud *u = luaL_checkudata(L, 1, LANG_MT);
    int f = luaL_checkoption(L, 2, NULL, FIELD);
    size_t n;
    const char *w = luaL_checklstring(L, 3, &n);
    lua_pushboolean(L, clio_wordset_has(u->sets[f], w, n));
    return 1;
}

void clio_lua_lang_register(lua_State *L)
{
    if (luaL_newmetatable(L, LANG_MT)) {
        lua_pushcfunction(L, lang_gc);
        lua_setfield(L, -2, "__gc");
        lua_newtable(L);
        lua_pushcfunction(L, lang_has);
        lua_setfield(L, -2, "has");
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_lang_new);
    lua_setfield(L, -2, "lang_new");
}
