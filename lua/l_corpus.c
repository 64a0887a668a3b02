/* clio.core corpus type: a userdata owning a clio_corpus and the rules it borrows.
 * Methods hand Lua whole arrays (tokens, sentences, gaps, counts), never one token
 * per call. */
#include "l_clio.h"

#include <stdlib.h>
#include <limits.h>
#include <string.h>

#define CORPUS_MT "clio.corpus"

typedef struct {
    clio_corpus *corpus;
    clio_clean_rules *rules;
    clio_doc_finder *finder; /* made by the first doc_at / doc_named */
} corpus_ud;

static int corpus_release(lua_State *L)
{
    corpus_ud *u = luaL_checkudata(L, 1, CORPUS_MT);
    clio_doc_finder_free(u->finder);
    clio_corpus_free(u->corpus);
    clio_clean_rules_free(u->rules);
    u->finder = NULL;
    u->corpus = NULL;
    u->rules = NULL;
    return 0;
}

static clio_corpus *check_corpus(lua_State *L, int i)
{
    corpus_ud *u = luaL_checkudata(L, i, CORPUS_MT);
    if (!u->corpus)
        luaL_argerror(L, i, "corpus is closed");
    return u->corpus;
}

clio_corpus *clio_lua_check_corpus(lua_State *L, int i)
{
    return check_corpus(L, i);
}

/* A 1-based document number from Lua, analysed and returned. */
static clio_doc *check_doc(lua_State *L, int i, int analyze)
{
    clio_corpus *c = check_corpus(L, 1);
    lua_Integer k = luaL_checkinteger(L, i);
    luaL_argcheck(L, k >= 1 && (size_t)k <= clio_corpus_ndocs(c), i, "no such document");
    if (analyze) {
        int rc = clio_corpus_analyze(c, (size_t)(k - 1));
        if (rc)
            luaL_error(L, "analysing document %d: %s", (int)k, clio_strerror(rc));
    }
    return clio_corpus_doc(c, (size_t)(k - 1));
}

/* ---- opening ------------------------------------------------------------------- */

static int opt_split(lua_State *L, int opts, clio_corpus_opts *o)
{
    lua_getfield(L, opts, "split");
    const char *split = luaL_optstring(L, -1, "none"); /* on the stack while used */
    if (strcmp(split, "none") == 0)
        o->split = CLIO_SPLIT_NONE;
    else if (strcmp(split, "lines") == 0)
        o->split = CLIO_SPLIT_LINES;
    else if (strcmp(split, "blank") == 0)
        o->split = CLIO_SPLIT_BLANK;
    else if (strcmp(split, "separator") == 0)
        o->split = CLIO_SPLIT_SEPARATOR;
    else
        return luaL_error(L, "split must be none, lines, blank or separator, not '%s'", split);
    lua_pop(L, 1);
    return 0;
}

/* An array of notes on files left out: {path, kind, convert, message, line, column,
 * offset}; refused files when `refused`, else files that are not text. */
static void push_notes(lua_State *L, const clio_corpus *c, int refused)
{
    size_t n = refused ? clio_corpus_nrefused(c) : clio_corpus_nnot_text(c);
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        const clio_input_note *e = refused ? clio_corpus_refused(c, i) : clio_corpus_not_text(c, i);
        lua_createtable(L, 0, 7);
        set_str(L, "path", e->path);
        set_str(L, "kind", clio_kind_label(e->kind));
        if (clio_kind_convert(e->kind))
            set_str(L, "convert", clio_kind_convert(e->kind));
        if (e->message) {
            set_str(L, "message", e->message);
            set_int(L, "line", e->line);
            set_int(L, "column", e->column);
            set_int(L, "offset", e->offset);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* core.open(paths, opts) -> corpus | nil, message, details
 * opts: repair, split, separator, rules = {source, name}, lang = core.lang_new(...)
 * (kept alive in the corpus's user value), metadata = path, fold = flags. Paths:
 * files, directories or "-" (stdin). */
static int l_open(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int has_opts = !lua_isnoneornil(L, 2);
    if (has_opts)
        luaL_checktype(L, 2, LUA_TTABLE);
    else {
        lua_newtable(L);
        lua_replace(L, 2);
    }
    corpus_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
    memset(u, 0, sizeof *u);
    luaL_setmetatable(L, CORPUS_MT);
    int ud = lua_gettop(L);
    lua_getfield(L, 2, "lang");
    const clio_lang *lang = clio_lua_opt_lang(L, -1);
    lua_setiuservalue(L, ud, 1); /* the corpus borrows the language's word sets */

    clio_corpus_opts o = {0};
    clio_error err;
    clio_error_clear(&err);
    lua_getfield(L, 2, "follow_symlinks");
    o.follow_symlinks = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 2, "repair");
    o.repair = lua_toboolean(L, -1);
    /* strings read from the options stay on the stack until the corpus has copied
     * them: an __index may return fresh strings that nothing else holds */
    lua_getfield(L, 2, "separator");
    o.separator = lua_tostring(L, -1);
    lua_getfield(L, 2, "fold");
    o.fold_flags = (unsigned)luaL_optinteger(L, -1, 0);
    lua_getfield(L, 2, "text_field");
    o.text_field = lua_tostring(L, -1);
    opt_split(L, 2, &o);

    lua_getfield(L, 2, "rules");
    if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "source");
        lua_getfield(L, -2, "name");
        size_t n;
        const char *src = luaL_checklstring(L, -2, &n);
        if (clio_clean_rules_parse(src, n, luaL_optstring(L, -1, "rules"), &u->rules, &err))
            return clio_push_failure(L, &err);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    lua_getfield(L, 2, "encoding");
    const char *enc = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
    if (enc && clio_encoding_check(enc)) {
        clio_error_set(&err, CLIO_EARG, "", "unknown encoding '%s' (iconv -l lists them)", enc);
        return clio_push_failure(L, &err);
    }
    o.encoding = clio_encoding_is_utf8(enc) ? NULL : enc;
    lua_getfield(L, 2, "skip_bad");
    o.skip_bad = lua_toboolean(L, -1);
    o.rules = u->rules;
    o.lang = lang;
    u->corpus = clio_corpus_new(&o);
    if (!u->corpus)
        return luaL_error(L, "out of memory");
    lua_pop(L, 6); /* repair, separator, fold, text_field, encoding, skip_bad: copied */
    /* every path is tried, so that all bad files are named at once */
    clio_error first;
    clio_error_clear(&first);
    int failed = 0;
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        const char *path = luaL_checkstring(L, -1);
        size_t refused = clio_corpus_nrefused(u->corpus);
        if (clio_corpus_add_path(u->corpus, path, &err)) {
            if (clio_corpus_nrefused(u->corpus) == refused) /* not a bad file: stop */
                return clio_push_failure(L, &err);
            if (!failed++)
                first = err;
        }
        lua_pop(L, 1);
    }
    if (failed) {
        clio_push_failure(L, &first);
        push_notes(L, u->corpus, 1);
        lua_setfield(L, -2, "refused");
        return 3;
    }
    lua_getfield(L, 2, "metadata");
    if (!lua_isnil(L, -1) &&
        clio_corpus_load_metadata(u->corpus, luaL_checkstring(L, -1), &err))
        return clio_push_failure(L, &err);
    lua_pop(L, 1);
    lua_pushvalue(L, ud);
    return 1;
}

/* ---- documents ----------------------------------------------------------------- */

/* corpus:skipped() -> the symlinks to folders outside a corpus folder that were not
 * followed, sorted */
static int corpus_skipped(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    size_t n = clio_corpus_nskipped(c);
    lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, clio_corpus_skipped(c, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* corpus:not_text() -> the files folder walks passed over, with their kinds */
static int corpus_not_text(lua_State *L)
{
    push_notes(L, check_corpus(L, 1), 0);
    return 1;
}

/* corpus:refused() -> the files refused (and, under skip_bad, left out), with why */
static int corpus_refused(lua_State *L)
{
    push_notes(L, check_corpus(L, 1), 1);
    return 1;
}

static int corpus_count(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)clio_corpus_ndocs(check_corpus(L, 1)));
    return 1;
}

/* corpus:names_distinct() -> true when no two documents can have the same name
 * (clio_corpus_names_distinct), false when they might. */
static int corpus_names_distinct(lua_State *L)
{
    int rc = clio_corpus_names_distinct(check_corpus(L, 1));
    if (rc < 0)
        return luaL_error(L, "comparing names: %s", clio_strerror(rc));
    lua_pushboolean(L, rc);
    return 1;
}

/* corpus:info(i) -> {name, path, start, end, size, repaired, meta = {...}} */
/* corpus:sentence_cut(i) -> the file offset where the length cap first cut a sentence of
 * document i (as far as it was read: analysed, scanned or indexed), or nil. */
static int corpus_sentence_cut(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    int64_t at = __atomic_load_n(&d->sentence_cut, __ATOMIC_RELAXED);
    if (at < 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)at);
    return 1;
}

static int corpus_info(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    lua_createtable(L, 0, 8);
    set_int(L, "index", luaL_checkinteger(L, 2));
    char name[CLIO_DOC_NAME_MAX];
    set_str(L, "name", clio_doc_name(d, name));
    set_str(L, "path", d->file->path);
    set_int(L, "start", d->start);
    set_int(L, "end", d->end);
    set_int(L, "size", d->file->size);
    set_int(L, "repaired", d->repaired);
    lua_createtable(L, 0, (int)clio_doc_nmeta(d));
    for (size_t i = 0; i < clio_doc_nmeta(d); i++)
        set_str(L, d->meta->v[i].key, d->meta->v[i].value);
    lua_setfield(L, -2, "meta");
    return 1;
}

/* The corpus's document finder, made when first asked for (again if the corpus grew). */
static clio_doc_finder *check_finder(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    corpus_ud *u = lua_touserdata(L, 1);
    if (u->finder && clio_doc_finder_ndocs(u->finder) != clio_corpus_ndocs(c)) {
        clio_doc_finder_free(u->finder);
        u->finder = NULL;
    }
    if (!u->finder && !(u->finder = clio_doc_finder_new(c)))
        luaL_error(L, "finding documents: %s", clio_strerror(CLIO_ENOMEM));
    return u->finder;
}

/* corpus:doc_at(path, offset) -> the number of the document of the file at path that
 * holds the byte offset, or nil; and whether a file has that path. No record per
 * document: the file's documents are bisected in the core. */
static int corpus_doc_at(lua_State *L)
{
    clio_doc_finder *f = check_finder(L);
    const char *path = luaL_checkstring(L, 2);
    lua_Integer at = luaL_checkinteger(L, 3);
    size_t index;
    int known = 0;
    if (clio_doc_finder_at(f, path, (int64_t)at, &index, &known) == 0)
        lua_pushinteger(L, (lua_Integer)index + 1);
    else
        lua_pushnil(L);
    lua_pushboolean(L, known);
    return 2;
}

/* corpus:doc_named(name [, by_path]) -> the number of the first document named name
 * ("NAME" or "NAME#N"; with by_path, the file's path in place of NAME), or nil. */
static int corpus_doc_named(lua_State *L)
{
    clio_doc_finder *f = check_finder(L);
    const char *name = luaL_checkstring(L, 2);
    size_t index;
    if (clio_doc_finder_named(f, name, lua_toboolean(L, 3), &index) == 0)
        lua_pushinteger(L, (lua_Integer)index + 1);
    else
        lua_pushnil(L);
    return 1;
}

/* The [start, end) at arguments 3 and 4 (the document's own range when absent),
 * clamped to its file: what text, cite and view read. */
static void opt_range(lua_State *L, const clio_doc *d, lua_Integer *s, lua_Integer *e)
{
    *s = luaL_optinteger(L, 3, d->start);
    *e = luaL_optinteger(L, 4, d->end);
    if (*s < 0)
        *s = 0;
    if (*e > d->file->size)
        *e = d->file->size;
}

/* corpus:text(i [, start, end]) -> bytes of the document, or of [start, end) of its
 * file (file offsets, clamped to the file). */
static int corpus_text(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    lua_Integer s, e;
    opt_range(L, d, &s, &e);
    lua_pushlstring(L, d->file->bytes + s, e > s ? (size_t)(e - s) : 0);
    return 1;
}

static int cited_gc(lua_State *L)
{
    clio_buf *b = lua_touserdata(L, 1);
    clio_buf_free(b);
    return 0;
}

/* corpus:cite(i [, start, end]) -> the text of [start, end) as a reader reads it:
 * markup out, references as the characters they stand for (clio_doc_cite). */
static int corpus_cite(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    lua_Integer s, e;
    opt_range(L, d, &s, &e);
    if (!clio_doc_parts(d)->markup.n || e <= s) { /* plain text: its own bytes */
        lua_pushlstring(L, d->file->bytes + s, e > s ? (size_t)(e - s) : 0);
        return 1;
    }
    clio_buf *out = clio_lua_guarded(L, sizeof *out, "clio.cited", cited_gc);
    int rc = clio_doc_cite(d, s, e, out);
    if (rc)
        return luaL_error(L, "citing document text: %s", clio_strerror(rc));
    lua_pushlstring(L, out->data ? out->data : "", out->len);
    return 1;
}

/* corpus:view(i [, start, end]) -> [start, end) at the same offsets, markup as spaces
 * and references as their characters where they fit (clio_doc_view). */
static int corpus_view(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    lua_Integer s, e;
    opt_range(L, d, &s, &e);
    if (!clio_doc_parts(d)->markup.n || e <= s) {
        lua_pushlstring(L, d->file->bytes + s, e > s ? (size_t)(e - s) : 0);
        return 1;
    }
    char *v = lua_newuserdatauv(L, (size_t)(e - s), 0); /* collected even if a push raises */
    clio_buf out = {0};
    int rc = clio_doc_view(d, s, e, &out);
    if (!rc)
        memcpy(v, out.data, (size_t)(e - s));
    clio_buf_free(&out);
    if (rc)
        return luaL_error(L, "viewing document text: %s", clio_strerror(rc));
    lua_pushlstring(L, v, (size_t)(e - s));
    return 1;
}

/* corpus:marks(i [, kind]) -> array of {kind, start, end, value}: the edition's own
 * markup (TEI notes, dates, names), in document order; only those of kind when given. */
static int corpus_marks(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 0);
    const char *want = luaL_optstring(L, 3, NULL);
    const clio_marks *marks = &clio_doc_parts(d)->marks;
    lua_createtable(L, want ? 0 : (int)marks->n, 0);
    lua_Integer n = 0;
    for (size_t i = 0; i < marks->n; i++) {
        const clio_mark *m = &marks->v[i];
        const char *kind = clio_mark_kind_name(m->kind);
        if (!kind || (want && strcmp(want, kind) != 0))
            continue;
        lua_createtable(L, 0, 4);
        set_str(L, "kind", kind);
        set_int(L, "start", m->start);
        set_int(L, "end", m->end);
        set_str(L, "value", marks->text.data ? marks->text.data + m->value : "");
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* corpus:gaps(i) -> array of {start, end, rule}; finds them without tokenizing. */
static int corpus_gaps(lua_State *L)
{
    corpus_ud *u = luaL_checkudata(L, 1, CORPUS_MT);
    clio_doc *d = check_doc(L, 2, 0);
    int rc = clio_corpus_find_gaps(u->corpus, (size_t)luaL_checkinteger(L, 2) - 1);
    if (rc)
        return luaL_error(L, "finding gaps: %s", clio_strerror(rc));
    const clio_gaps *gaps = &clio_doc_parts(d)->gaps; /* found just now */
    lua_createtable(L, (int)gaps->n, 0);
    for (size_t i = 0; i < gaps->n; i++) {
        lua_createtable(L, 0, 3);
        set_int(L, "start", gaps->v[i].start);
        set_int(L, "end", gaps->v[i].end);
        uint32_t rule = gaps->v[i].rule;
        set_str(L, "rule", rule == CLIO_GAP_MARKUP  ? "markup"
                           : rule == CLIO_GAP_BREAK ? "break"
                           : rule == CLIO_GAP_SUBST ? "reference"
                                                    : clio_clean_rule_name(u->rules, rule));
        if (rule == CLIO_GAP_SUBST)
            set_str(L, "text", clio_gap_sub(gaps, &gaps->v[i]));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int corpus_sentences(lua_State *L)
{
    clio_doc *d = check_doc(L, 2, 1);
    const clio_sentences *sentences = &clio_doc_parts(d)->sentences;
    lua_createtable(L, (int)sentences->n, 0);
    for (size_t i = 0; i < sentences->n; i++) {
        const clio_sentence *s = &sentences->v[i];
        lua_createtable(L, 0, 4);
        set_int(L, "start", s->start);
        set_int(L, "end", s->end);
        set_int(L, "first", (lua_Integer)s->first_token + 1);
        set_int(L, "ntokens", s->ntokens);
        if (s->flags & CLIO_SF_CUT) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, "cut");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Sets `text` of the token records on the stack top (d's tokens from t, n of them)
 * that hold a substitution to their cited text. */
static void cite_substituted(lua_State *L, const clio_doc *d, const clio_token *t, size_t n)
{
    const clio_parts *p = clio_doc_parts(d);
    size_t first = (size_t)(t - p->tokens.v);
    const clio_gaps *g = &p->gaps;
    size_t k = 0;
    int list = lua_gettop(L);
    clio_buf *out = clio_lua_guarded(L, sizeof *out, "clio.cited", cited_gc);
    for (size_t i = 0; i < n; i++) {
        int64_t s = t[i].start, e = s + t[i].len;
        while (k < g->n && g->v[k].end <= s)
            k++;
        int sub = 0;
        for (size_t j = k; j < g->n && g->v[j].start < e && !sub; j++)
            sub = g->v[j].rule == CLIO_GAP_SUBST;
        if (!sub)
            continue;
        out->len = 0;
        if (clio_token_cite(d, p->tokens.v, p->tokens.n, first + i, out))
            luaL_error(L, "citing a token: out of memory");
        if (lua_rawgeti(L, list, (lua_Integer)i + 1) == LUA_TNIL) { /* not handed over */
            lua_pop(L, 1);
            continue;
        }
        lua_pushlstring(L, out->data ? out->data : "", out->len);
        lua_setfield(L, -2, "text");
        lua_pop(L, 1);
    }
    lua_pop(L, 1); /* the buffer, freed when collected */
}

/* corpus:tokens(i [, first, count]) -> array of {start, end, text, term, kind, flags}.
 * first is 1-based; the default is every token of the document. */
static int corpus_tokens(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    clio_doc *d = check_doc(L, 2, 1);
    const clio_parts *p = clio_doc_parts(d); /* analysed: its tokens are kept */
    lua_Integer first = luaL_optinteger(L, 3, 1);
    lua_Integer count = luaL_optinteger(L, 4, (lua_Integer)p->tokens.n);
    luaL_argcheck(L, first >= 1, 3, "token numbers start at 1");
    if (first - 1 > (lua_Integer)p->tokens.n)
        first = (lua_Integer)p->tokens.n + 1;
    if (count > (lua_Integer)p->tokens.n - (first - 1))
        count = (lua_Integer)p->tokens.n - (first - 1);
    if (count < 0)
        count = 0;
    clio_push_tokens(L, d->file->bytes, p->tokens.v + first - 1, (size_t)count,
                     clio_corpus_vocab(c));
    if (p->markup.subs.len) /* a token made from a reference reads as its character */
        cite_substituted(L, d, p->tokens.v + first - 1, (size_t)count);
    return 1;
}

/* corpus:name_tokens(i [, margin]) -> {tokens, n, firsts, lower, cap_mid}: what a finder
 * of names reads (core/names.c): tokens (indexed by token number, only those within
 * margin [3] of a capitalized word), n (the document's token count), firsts (set of the
 * sentence starts' token numbers), lower and cap_mid (folded word -> count, over the
 * whole document, for the words among the tokens kept). */
static int corpus_name_tokens(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    clio_doc *d = check_doc(L, 2, 1);
    lua_Integer margin = luaL_optinteger(L, 3, 3);
    luaL_argcheck(L, margin >= 0 && margin <= 64, 3, "a margin of 0 to 64 tokens");
    const clio_parts *p = clio_doc_parts(d); /* analysed: its tokens are kept */
    const clio_token *t = p->tokens.v;
    size_t n = p->tokens.n;
    /* scratch in userdata: collected whatever a later call raises */
    unsigned char *keep = lua_newuserdatauv(L, n ? n : 1, 0);
    size_t room = clio_names_windows(t, n, p->sentences.v, p->sentences.n, (size_t)margin, keep);
    clio_case_count *counts = lua_newuserdatauv(L, (room ? room : 1) * sizeof *counts, 0);
    size_t nc = clio_names_counts(t, n, keep, counts, room);
    const clio_vocab *v = clio_corpus_vocab(c);
    lua_createtable(L, 0, 5);
    lua_createtable(L, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (keep[i] & CLIO_NAMES_KEPT) {
            clio_push_token(L, d->file->bytes, &t[i], v);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    if (p->markup.subs.len) /* a token made from a reference reads as its character */
        cite_substituted(L, d, t, n);
    lua_setfield(L, -2, "tokens");
    lua_createtable(L, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (keep[i] & CLIO_NAMES_FIRST) {
            lua_pushboolean(L, 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    lua_setfield(L, -2, "firsts");
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, "n");
    lua_createtable(L, 0, (int)nc);
    lua_createtable(L, 0, (int)nc);
    for (size_t k = 0; k < nc; k++) {
        size_t len;
        const char *term = clio_vocab_term(v, counts[k].term, &len);
        if (counts[k].lower) {
            lua_pushlstring(L, term, len);
            lua_pushinteger(L, counts[k].lower);
            lua_rawset(L, -4);
        }
        if (counts[k].cap_mid) {
            lua_pushlstring(L, term, len);
            lua_pushinteger(L, counts[k].cap_mid);
            lua_rawset(L, -3);
        }
    }
    lua_setfield(L, -3, "cap_mid");
    lua_setfield(L, -2, "lower");
    return 1;
}

/* Totals counted by the core on every thread; the frequency array lives in a userdata
 * so that an error cannot leak it. */
static int totals_gc(lua_State *L)
{
    clio_totals *t = lua_touserdata(L, 1);
    free(t->freq);
    t->freq = NULL;
    return 0;
}

/* threads: the count clio.parallel.threads decided (0: every core) */
static clio_totals *push_totals(lua_State *L, clio_corpus *c, unsigned kinds, int threads)
{
    clio_totals *t = clio_lua_guarded(L, sizeof *t, "clio.totals", totals_gc);
    int rc = clio_corpus_totals(c, kinds, threads, t);
    if (rc)
        luaL_error(L, "counting the corpus: %s", clio_strerror(rc));
    return t;
}

/* corpus:doc_stats(i) -> {tokens, words, sentences, gaps}: one document's counts,
 * streamed in bounded memory unless it is analysed. */
static int corpus_doc_stats(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    clio_doc *d = check_doc(L, 2, 0);
    clio_totals t;
    int rc = clio_corpus_doc_totals(c, (size_t)luaL_checkinteger(L, 2) - 1, &t);
    if (rc)
        return luaL_error(L, "counting document %d: %s", (int)luaL_checkinteger(L, 2),
                          clio_strerror(rc));
    lua_Integer gaps = 0;
    const clio_gaps *gs = &clio_doc_parts(d)->gaps; /* found by counting */
    for (size_t g = 0; g < gs->n; g++)
        gaps += !CLIO_GAP_IS_MARKUP(gs->v[g].rule); /* what the cleaning rules found */
    lua_createtable(L, 0, 4);
    set_int(L, "tokens", t.tokens);
    set_int(L, "words", t.words);
    set_int(L, "sentences", t.sentences);
    set_int(L, "gaps", gaps);
    return 1;
}

/* The threads option of a counting call ({threads = n}; absent or 0: every core). */
static int opt_threads(lua_State *L, int arg)
{
    if (!lua_istable(L, arg))
        return 0;
    lua_getfield(L, arg, "threads");
    lua_Integer n = luaL_optinteger(L, -1, 0);
    lua_pop(L, 1);
    return n < 0 ? 0 : n > 64 ? 64 : (int)n;
}

/* corpus:stats{threads = n} -> {documents, bytes, tokens, words, sentences, gaps,
 * repaired, vocabulary}. Streams documents not yet analysed, on n threads (default:
 * every core). */
static int corpus_stats(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    clio_totals *t = push_totals(L, c, 0, opt_threads(L, 2));
    lua_Integer gaps = 0, markup = 0, repaired = 0, bytes = 0;
    for (size_t i = 0; i < clio_corpus_ndocs(c); i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        const clio_gaps *gs = &clio_doc_parts(d)->gaps;
        for (size_t g = 0; g < gs->n; g++) {
            int is_markup = CLIO_GAP_IS_MARKUP(gs->v[g].rule);
            markup += is_markup;
            gaps += !is_markup; /* what the cleaning rules found */
        }
        repaired += d->repaired;
        bytes += d->end - d->start;
    }
    lua_createtable(L, 0, 8);
    set_int(L, "documents", (lua_Integer)clio_corpus_ndocs(c));
    set_int(L, "bytes", bytes);
    set_int(L, "tokens", t->tokens);
    set_int(L, "words", t->words);
    set_int(L, "sentences", t->sentences);
    set_int(L, "gaps", gaps);
    set_int(L, "markup", markup);
    set_int(L, "repaired", repaired);
    set_int(L, "vocabulary", clio_vocab_size(clio_corpus_vocab(c)));
    return 1;
}

/* corpus:term_counts{kinds = "word,number", limit = n, min = 1, threads = n} -> array
 * of {term, count}, most frequent first (ties in byte order of the term). */
static int corpus_term_counts(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    unsigned kinds = 1u << CLIO_TOK_WORD | 1u << CLIO_TOK_NUMBER;
    lua_Integer limit = -1, min = 1;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "limit");
        limit = luaL_optinteger(L, -1, -1);
        lua_getfield(L, 2, "min");
        min = luaL_optinteger(L, -1, 1);
        lua_getfield(L, 2, "kinds");
        if (lua_isstring(L, -1))
            kinds = clio_kinds_mask(L, lua_tostring(L, -1));
        lua_pop(L, 3);
    }
    clio_totals *y = push_totals(L, c, kinds, opt_threads(L, 2));
    clio_vocab *v = clio_corpus_vocab(c);
    uint32_t *ids = lua_newuserdatauv(L, (y->nfreq ? y->nfreq : 1) * sizeof *ids, 0);
    size_t nterms = clio_vocab_rank(v, y->freq, y->nfreq, min, ids);
    lua_newtable(L);
    lua_Integer out = 0;
    for (size_t t = 0; t < nterms && (limit < 0 || out < limit); t++) {
        size_t len;
        const char *term = clio_vocab_term(v, ids[t], &len);
        lua_createtable(L, 0, 2);
        lua_pushlstring(L, term, len);
        lua_setfield(L, -2, "term");
        set_int(L, "count", y->freq[ids[t]]);
        lua_rawseti(L, -2, ++out);
    }
    return 1;
}

#define TERMSET_MT "clio.termset"

static int termset_gc(lua_State *L)
{
    clio_termset **s = luaL_checkudata(L, 1, TERMSET_MT);
    clio_termset_free(*s);
    *s = NULL;
    return 0;
}

/* core.termset(words [, "words"]) -> a set of folded words for corpus:candidates, built
 * once; with "words", numbers are no hits unless in the set. */
static int l_termset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *mode = luaL_optstring(L, 2, "grammar");
    int words_only = strcmp(mode, "words") == 0;
    luaL_argcheck(L, words_only || strcmp(mode, "grammar") == 0, 2, "\"words\" or \"grammar\"");
    lua_settop(L, 1);
    clio_termset **s = lua_newuserdatauv(L, sizeof *s, 1);
    *s = NULL;
    if (luaL_newmetatable(L, TERMSET_MT)) {
        lua_pushcfunction(L, termset_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_Integer n = luaL_len(L, 1);
    /* Each word is kept in a table of our own, anchored in the user value: the
     * caller's table may hold numbers (converted to fresh strings here) or answer
     * through an __index that returns strings nothing else holds. */
    lua_createtable(L, (int)(n > 0 && n < INT_MAX ? n : 0), 0);
    int held = lua_gettop(L);
    lua_pushvalue(L, held);
    lua_setiuservalue(L, -3, 1);
    const char **words = lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof *words, 0);
    size_t *lens = lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof *lens, 0);
    for (lua_Integer k = 1; k <= n; k++) {
        lua_geti(L, 1, k);
        if (!lua_isstring(L, -1))
            return luaL_argerror(L, 1, "words must be strings");
        lua_tolstring(L, -1, NULL); /* a number becomes its string, on the stack */
        lua_rawseti(L, held, k);
        lua_rawgeti(L, held, k);
        words[k - 1] = lua_tolstring(L, -1, &lens[k - 1]);
        lua_pop(L, 1); /* still held by `held` */
    }
    if ((words_only ? clio_termset_new_words : clio_termset_new)(words, lens, (size_t)n, s))
        return luaL_error(L, "out of memory");
    lua_pop(L, 3);
    return 1;
}

/* The candidate array of one call is freed with its userdata, whatever happens. */
static int spans_gc(lua_State *L)
{
    clio_candidates *sp = lua_touserdata(L, 1);
    free(sp->v);
    sp->v = NULL;
    return 0;
}

/* Candidates as one string of little-endian int64 triples (start, end, sentence). */
static void push_packed(lua_State *L, const clio_candidates *sp)
{
    luaL_Buffer b;
    unsigned char *out = (unsigned char *)luaL_buffinitsize(L, &b, sp->n * 24);
    for (size_t i = 0; i < sp->n; i++) {
        uint64_t v[3] = {(uint64_t)sp->v[i].start, (uint64_t)sp->v[i].end,
                         (uint64_t)sp->v[i].sentence + 1};
        for (int f = 0; f < 3; f++)
            for (int byte = 0; byte < 8; byte++)
                out[i * 24 + (size_t)f * 8 + (size_t)byte] = (unsigned char)(v[f] >> (8 * byte));
    }
    luaL_pushresultsize(&b, sp->n * 24);
}

/* corpus:candidates(i, set [, merge [, packed]]) -> array of {start, end, sentence}: the
 * sentences that hold a number or a word of the set (a core.termset, or a table of
 * folded words), neighbours joined into one span unless merge is false. Streams a
 * document not yet analysed. Lets a Lua grammar (dates, names) run only where it can
 * match. With packed, one string of little-endian int64 triples instead (read with
 * string.unpack("<i8i8i8")): no table per sentence, ready to hand to a worker. */
static int corpus_candidates(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 1 && (size_t)k <= clio_corpus_ndocs(c), 2, "no such document");
    if (lua_istable(L, 3)) { /* a plain list: a set for this call */
        lua_pushcfunction(L, l_termset);
        lua_pushvalue(L, 3);
        lua_call(L, 1, 1);
        lua_replace(L, 3);
    }
    clio_termset **set = luaL_checkudata(L, 3, TERMSET_MT);
    int merge = lua_isnoneornil(L, 4) || lua_toboolean(L, 4);
    int packed = lua_toboolean(L, 5);
    clio_candidates *sp = clio_lua_guarded(L, sizeof *sp, "clio.candidates", spans_gc);
    int rc = clio_corpus_candidates(c, (size_t)(k - 1), *set, merge, sp);
    if (rc)
        return luaL_error(L, "finding candidate sentences: %s", clio_strerror(rc));
    if (packed) {
        push_packed(L, sp);
        return 1;
    }
    lua_createtable(L, (int)sp->n, 0);
    for (size_t i = 0; i < sp->n; i++) {
        lua_createtable(L, 0, 3);
        set_int(L, "start", sp->v[i].start);
        set_int(L, "end", sp->v[i].end);
        set_int(L, "sentence", sp->v[i].sentence + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* corpus:candidate_block(i, set, merge, start, bytes, sentence) -> packed, next, sentence:
 * the candidates (packed, as above) of the block of document i from file offset start
 * to the first paragraph break past start + bytes, sentences numbered on from
 * `sentence` (0 at the document's start); next is where the next block starts (the
 * document's end when done). */
static int corpus_candidate_block(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 1 && (size_t)k <= clio_corpus_ndocs(c), 2, "no such document");
    clio_termset **set = luaL_checkudata(L, 3, TERMSET_MT);
    int merge = lua_toboolean(L, 4);
    int64_t start = (int64_t)luaL_checkinteger(L, 5), bytes = (int64_t)luaL_checkinteger(L, 6);
    int64_t sentence = (int64_t)luaL_checkinteger(L, 7), next = 0;
    const clio_doc *d = clio_corpus_doc(c, (size_t)(k - 1));
    luaL_argcheck(L, start >= d->start && start <= d->end, 5, "outside the document");
    luaL_argcheck(L, bytes >= 1, 6, "must be positive");
    clio_candidates *sp = clio_lua_guarded(L, sizeof *sp, "clio.candidates", spans_gc);
    int rc = clio_corpus_candidate_block(c, (size_t)(k - 1), *set, merge, start, bytes,
                                         &sentence, &next, sp);
    if (rc)
        return luaL_error(L, "finding candidate sentences: %s", clio_strerror(rc));
    push_packed(L, sp);
    lua_pushinteger(L, (lua_Integer)next);
    lua_pushinteger(L, (lua_Integer)sentence);
    return 3;
}

/* corpus:bytes() -> the bytes of every document together (no table per document) */
static int corpus_bytes(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    lua_Integer total = 0;
    for (size_t i = 0; i < clio_corpus_ndocs(c); i++) {
        const clio_doc *d = clio_corpus_doc(c, i);
        total += d->end - d->start;
    }
    lua_pushinteger(L, total);
    return 1;
}

/* corpus:release_pages([i, start, end]): lets the mapped pages of [start, end) of
 * document i's file leave the process's memory (clio_corpus_release_pages; they are
 * read again when needed); with no argument, of every file. */
static int corpus_release_pages(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    if (lua_isnoneornil(L, 2)) {
        const char *last = NULL;
        for (size_t i = 0; i < clio_corpus_ndocs(c); i++) {
            const clio_doc *d = clio_corpus_doc(c, i);
            if (d->file->bytes != last)
                clio_corpus_release_pages(c, i, 0, d->file->size);
            last = d->file->bytes;
        }
        return 0;
    }
    clio_doc *d = check_doc(L, 2, 0);
    lua_Integer s = luaL_checkinteger(L, 3), e = luaL_checkinteger(L, 4);
    if (s < 0)
        s = 0;
    if (e > d->file->size)
        e = d->file->size;
    if (e > s)
        clio_corpus_release_pages(c, (size_t)luaL_checkinteger(L, 2) - 1, s, e);
    return 0;
}

/* corpus:forget(i): frees document i's kept tokens and sentences (clio_corpus_forget) */
static int corpus_forget(lua_State *L)
{
    clio_corpus *c = check_corpus(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 1 && (size_t)k <= clio_corpus_ndocs(c), 2, "no such document");
    int rc = clio_corpus_forget(c, (size_t)(k - 1));
    if (rc)
        return luaL_error(L, "forgetting document %d: %s", (int)k, clio_strerror(rc));
    return 0;
}

static const luaL_Reg corpus_methods[] = {
    {"candidates", corpus_candidates}, {"candidate_block", corpus_candidate_block}, {"doc_stats", corpus_doc_stats},
    {"sentence_cut", corpus_sentence_cut},
    {"skipped", corpus_skipped},       {"not_text", corpus_not_text},     {"refused", corpus_refused},
           {"count", corpus_count},           {"info", corpus_info},
    {"names_distinct", corpus_names_distinct},
    {"text", corpus_text},             {"gaps", corpus_gaps},
    {"cite", corpus_cite},             {"marks", corpus_marks},
    {"view", corpus_view},              {"doc_at", corpus_doc_at}, {"doc_named", corpus_doc_named},
    {"sentences", corpus_sentences},   {"tokens", corpus_tokens}, {"name_tokens", corpus_name_tokens},
    {"stats", corpus_stats},           {"term_counts", corpus_term_counts},
    {"forget", corpus_forget}, {"bytes", corpus_bytes}, {"release_pages", corpus_release_pages},
    {"close", corpus_release},         {NULL, NULL}};

static const luaL_Reg corpus_meta[] = {
    {"__gc", corpus_release}, {"__close", corpus_release}, {"__len", corpus_count},
    {"__index", NULL},        {NULL, NULL}};

void clio_lua_corpus_register(lua_State *L)
{
    luaL_newmetatable(L, CORPUS_MT);
    luaL_setfuncs(L, corpus_meta, 0);
    luaL_newlib(L, corpus_methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "clio.corpus");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_open);
    lua_setfield(L, -2, "open");
    lua_pushcfunction(L, l_termset);
    lua_setfield(L, -2, "termset");
}
