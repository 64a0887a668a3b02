/* clio.core text functions for any Lua string: validate, fold, tokenize, sentences. */
#include "l_clio.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"", "word", "number", "clitic", "punct", "symbol"};

unsigned clio_kinds_mask(lua_State *L, const char *list)
{
    unsigned mask = 0;
    while (*list) {
        size_t n = strcspn(list, ",");
        int found = 0;
        for (int k = CLIO_TOK_WORD; k <= CLIO_TOK_SYMBOL; k++)
            if (strlen(kind_names[k]) == n && strncmp(list, kind_names[k], n) == 0) {
                mask |= 1u << k;
                found = 1;
            }
        if (!found)
            luaL_error(L, "unknown token kind '%.*s' (word, number, clitic, punct, symbol)",
                       (int)n, list);
        list += n + (list[n] == ',');
    }
    return mask;
}

static void set_bool(lua_State *L, const char *k, int v)
{
    if (!v)
        return;
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, k);
}

void clio_push_token(lua_State *L, const char *bytes, const clio_token *t, const clio_vocab *v)
{
    size_t len;
    const char *term = clio_vocab_term(v, t->term, &len);
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, t->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, t->start + t->len);
    lua_setfield(L, -2, "end");
    lua_pushlstring(L, bytes + t->start, t->len);
    lua_setfield(L, -2, "text");
    lua_pushlstring(L, term, len);
    lua_setfield(L, -2, "term");
    lua_pushstring(L, t->kind <= CLIO_TOK_SYMBOL ? kind_names[t->kind] : "");
    lua_setfield(L, -2, "kind");
    set_bool(L, "capitalized", t->flags & CLIO_TF_CAPITALIZED);
    set_bool(L, "allcaps", t->flags & CLIO_TF_ALLCAPS);
    set_bool(L, "abbrev", t->flags & CLIO_TF_ABBREV);
    set_bool(L, "ordinal", t->flags & CLIO_TF_ORDINAL);
    set_bool(L, "repaired", t->flags & CLIO_TF_REPAIRED);
    set_bool(L, "newline", t->flags & CLIO_TF_NEWLINE);
    set_bool(L, "paragraph", t->flags & CLIO_TF_PARAGRAPH);
}

void clio_push_tokens(lua_State *L, const char *bytes, const clio_token *t, size_t n,
                      const clio_vocab *v)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        clio_push_token(L, bytes, &t[i], v);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* Fold flags from a string of option words: "case compat marks punct" or "nfc". */
static unsigned fold_flags(lua_State *L, int i)
{
    if (lua_isnoneornil(L, i))
        return CLIO_FOLD_DEFAULT;
    const char *s = luaL_checkstring(L, i);
    unsigned f = 0;
    static const struct {
        const char *name;
        unsigned flag;
    } words[] = {{"case", CLIO_FOLD_CASE},   {"compat", CLIO_FOLD_COMPAT},
                 {"marks", CLIO_FOLD_MARKS}, {"punct", CLIO_FOLD_PUNCT},
                 {"nfc", 0},                 {"default", CLIO_FOLD_DEFAULT}};
    while (*s) {
        s += strspn(s, " ,");
        size_t n = strcspn(s, " ,");
        if (!n)
            break;
        size_t k;
        for (k = 0; k < sizeof words / sizeof *words; k++)
            if (strlen(words[k].name) == n && strncmp(s, words[k].name, n) == 0)
                break;
        if (k == sizeof words / sizeof *words)
            luaL_argerror(L, i,
                          lua_pushfstring(L, "unknown fold option '%s' (case, compat, marks, "
                                             "punct, nfc, default)", s));
        f |= words[k].flag;
        s += n;
    }
    return f;
}

static int push_folded(lua_State *L, const char *s, size_t n, unsigned flags)
{
    clio_buf b = {0};
    int rc = clio_fold(s, n, flags, &b);
    if (rc) {
        clio_buf_free(&b);
        return luaL_error(L, "fold: %s", clio_strerror(rc));
    }
    lua_pushlstring(L, b.data ? b.data : "", b.len);
    clio_buf_free(&b);
    return 1;
}

/* core.fold(s [, options]) -> the folded form used for matching. */
static int l_fold(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    return push_folded(L, s, n, fold_flags(L, 2));
}

/* core.nfc(s) -> s in Unicode Normalization Form C. */
static int l_nfc(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    return push_folded(L, s, n, 0);
}

/* core.validate(s) -> true | false, {problem, offset, line, column, count} */
static int l_validate(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    clio_utf8_report r;
    if (clio_utf8_check(s, n, &r)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_createtable(L, 0, 5);
    lua_pushstring(L, clio_utf8_problem_text(r.problem));
    lua_setfield(L, -2, "problem");
    lua_pushinteger(L, r.offset);
    lua_setfield(L, -2, "offset");
    lua_pushinteger(L, r.line);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, r.column);
    lua_setfield(L, -2, "column");
    lua_pushinteger(L, r.bad);
    lua_setfield(L, -2, "count");
    return 2;
}

/* Scratch state for tokenizing a loose string, kept in a userdata so that a Lua
 * error cannot leak it. */
typedef struct {
    clio_vocab *vocab;
    clio_tokens tokens;
    clio_sentences sentences;
} scratch;

static int scratch_gc(lua_State *L)
{
    scratch *s = lua_touserdata(L, 1);
    clio_vocab_free(s->vocab);
    free(s->tokens.v);
    free(s->sentences.v);
    memset(s, 0, sizeof *s);
    return 0;
}

static scratch *new_scratch(lua_State *L)
{
    scratch *s = clio_lua_guarded(L, sizeof *s, "clio.scratch", scratch_gc);
    s->vocab = clio_vocab_new();
    if (!s->vocab)
        luaL_error(L, "out of memory");
    return s;
}

static void tokenize_string(lua_State *L, scratch *s, const char *text, size_t n,
                            const clio_lang *lang)
{
    int rc = clio_tokenize(text, 0, (int64_t)n, NULL, CLIO_FOLD_DEFAULT, lang, s->vocab,
                           &s->tokens);
    if (rc)
        luaL_error(L, "tokenize: %s", clio_strerror(rc));
}

/* core.tokenize(s [, lang]) -> array of token records, offsets into s (0-based). */
static int l_tokenize(lua_State *L)
{
    size_t n;
    const char *text = luaL_checklstring(L, 1, &n);
    const clio_lang *lang = clio_lua_opt_lang(L, 2);
    scratch *s = new_scratch(L);
    tokenize_string(L, s, text, n, lang);
    clio_push_tokens(L, text, s->tokens.v, s->tokens.n, s->vocab);
    return 1;
}

/* core.sentences(s [, lang]) -> array of {start, end, cut?}; cut = true for a window
 * that the length cap ended. */
static int l_sentences(lua_State *L)
{
    size_t n;
    const char *text = luaL_checklstring(L, 1, &n);
    const clio_lang *lang = clio_lua_opt_lang(L, 2);
    scratch *s = new_scratch(L);
    tokenize_string(L, s, text, n, lang);
    int rc = clio_sentences_split(text, s->tokens.v, s->tokens.n, NULL, lang, &s->sentences);
    if (rc)
        return luaL_error(L, "sentences: %s", clio_strerror(rc));
    lua_createtable(L, (int)s->sentences.n, 0);
    for (size_t i = 0; i < s->sentences.n; i++) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, s->sentences.v[i].start);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, s->sentences.v[i].end);
        lua_setfield(L, -2, "end");
        if (s->sentences.v[i].flags & CLIO_SF_CUT) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, "cut");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* The position after the character whose first byte is at pos - 1 (1-based) when it
 * is of class `want`, or false: the signature of an LPeg match-time capture after the
 * lead byte (Cmt(R"\192\255", core.word_char_end)), so that a grammar's word boundary
 * and capital letters read Unicode classes as the tokenizer does. */
static int char_end(lua_State *L, enum clio_char_class want)
{
    size_t n;
    const char *text = luaL_checklstring(L, 1, &n);
    lua_Integer at = luaL_checkinteger(L, 2) - 2; /* 0-based offset of the lead byte */
    size_t len =
        at >= 0 && (size_t)at < n ? clio_class_char_len(text + at, n - (size_t)at, want) : 0;
    if (len)
        lua_pushinteger(L, at + 1 + (lua_Integer)len);
    else
        lua_pushboolean(L, 0);
    return 1;
}

static int l_word_char_end(lua_State *L) { return char_end(L, CLIO_CHAR_WORD); }
static int l_upper_char_end(lua_State *L) { return char_end(L, CLIO_CHAR_UPPER); }

static const luaL_Reg text_functions[] = {
    {"fold", l_fold},         {"nfc", l_nfc},             {"validate", l_validate},
    {"tokenize", l_tokenize}, {"sentences", l_sentences},
    {"word_char_end", l_word_char_end}, {"upper_char_end", l_upper_char_end}, {NULL, NULL}};

void clio_lua_text_register(lua_State *L)
{
    luaL_setfuncs(L, text_functions, 0);
}
