/* clio.core index and hits types: building, opening, querying, KWIC, dispersion and the
 * statistics over an index. A hits userdata keeps its index alive in its user value. */
#include "l_clio.h"
#include "index.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#define INDEX_MT "clio.index"
#define HITS_MT "clio.hits"

typedef struct {
    clio_index *ix;
    const clio_lang *lang; /* borrowed from the lang in the user value (ix:set_lang) */
} index_ud;

typedef struct {
    clio_hits h;
} hits_ud;

static int index_release(lua_State *L)
{
    index_ud *u = luaL_checkudata(L, 1, INDEX_MT);
    clio_index_close(u->ix);
    u->ix = NULL;
    return 0;
}

static clio_index *check_index(lua_State *L, int i)
{
    index_ud *u = luaL_checkudata(L, i, INDEX_MT);
    if (!u->ix)
        luaL_argerror(L, i, "index is closed");
    return u->ix;
}

static int hits_release(lua_State *L)
{
    hits_ud *u = luaL_checkudata(L, 1, HITS_MT);
    free(u->h.v);
    memset(&u->h, 0, sizeof u->h);
    return 0;
}

/* The hits and their index (pushed nowhere: the index stays alive through the user
 * value of the hits at stack index i). */
static clio_hits *check_hits(lua_State *L, int i, clio_index **ix)
{
    hits_ud *u = luaL_checkudata(L, i, HITS_MT);
    lua_getiuservalue(L, i, 1);
    *ix = check_index(L, -1);
    lua_pop(L, 1);
    return &u->h;
}

static int failure_message(lua_State *L)
{
    lua_getfield(L, 1, "message");
    return 1;
}

/* Raises a failure of the data, not of the script: {exit = 1, message = "path: what"},
 * the form clio.fail raises, shown without a traceback; tostring() gives the message. */
static int data_failure(lua_State *L, const char *path, const char *message)
{
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "exit");
    lua_pushfstring(L, "%s: %s", path, message);
    lua_setfield(L, -2, "message");
    if (luaL_newmetatable(L, "clio.failure")) {
        lua_pushcfunction(L, failure_message);
        lua_setfield(L, -2, "__tostring");
    }
    lua_setmetatable(L, -2);
    return lua_error(L);
}

static int index_failure(lua_State *L, clio_index *ix)
{
    return data_failure(L, clio_index_error(ix)->path, clio_index_error(ix)->message);
}

/* ---- building and opening --------------------------------------------------------- */

static clio_index *push_index(lua_State *L, clio_index *ix)
{
    index_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
    u->ix = ix;
    u->lang = NULL;
    luaL_setmetatable(L, INDEX_MT);
    return ix;
}

/* core.index_build(corpus, path | nil, {threads = n, memory = bytes, options = text,
 * first = doc, count = n}) -> true | index (no path: built into memory and opened) |
 * nil, message, details. first (1-based) and count index only those documents: one
 * part of a corpus, an index segment. */
static int l_index_build(lua_State *L)
{
    clio_corpus *c = clio_lua_check_corpus(L, 1);
    const char *path = luaL_optstring(L, 2, NULL);
    clio_index_build_opts o = {0};
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "threads");
        o.threads = (int)luaL_optinteger(L, -1, 0);
        lua_getfield(L, 3, "memory");
        lua_Integer mem = luaL_optinteger(L, -1, 0);
        o.mem_budget = mem > 0 ? (size_t)mem : 0;
        lua_getfield(L, 3, "first");
        lua_getfield(L, 3, "count");
        if (!lua_isnil(L, -2) || !lua_isnil(L, -1)) {
            lua_Integer first = luaL_checkinteger(L, -2), count = luaL_checkinteger(L, -1);
            luaL_argcheck(L, first >= 1 && count >= 0, 3, "first >= 1 and count >= 0");
            o.some_docs = 1;
            o.first_doc = (size_t)(first - 1);
            o.ndocs = (size_t)count;
        }
        lua_pop(L, 2);
        lua_getfield(L, 3, "options"); /* stays on the stack: the string lives on */
        o.options = luaL_optstring(L, -1, NULL);
        lua_remove(L, -2);
        lua_remove(L, -2);
    }
    clio_error err;
    clio_error_clear(&err);
    if (path) {
        if (clio_index_build(c, path, &o, &err))
            return clio_push_failure(L, &err);
        lua_pushboolean(L, 1);
        return 1;
    }
    int fd = memfd_create("clio-index", MFD_CLOEXEC);
    if (fd < 0)
        return luaL_error(L, "cannot make an index in memory");
    clio_index *ix = NULL;
    int rc = clio_index_build_fd(c, fd, "(memory)", &o, &err);
    if (!rc)
        rc = clio_index_open_fd(fd, "(memory)", &ix, &err);
    close(fd);
    if (rc)
        return clio_push_failure(L, &err);
    push_index(L, ix);
    return 1;
}

/* core.index_merge({segment paths}, path) -> true | nil, message, details: the index
 * segments (parts of one corpus) merged into the index one build would write. */
static int l_index_merge(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *out = luaL_checkstring(L, 2);
    lua_Integer n = luaL_len(L, 1);
    luaL_argcheck(L, n >= 1, 1, "no index segments");
    /* a userdata, so the array is freed even if a later check raises */
    const char **paths = lua_newuserdatauv(L, (size_t)n * sizeof *paths, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        paths[i - 1] = luaL_checkstring(L, -1); /* kept alive by the table */
        lua_pop(L, 1);
    }
    clio_error err;
    clio_error_clear(&err);
    if (clio_index_merge(paths, (size_t)n, out, &err))
        return clio_push_failure(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

/* core.index_open(path) -> index | nil, message, details */
static int l_index_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    clio_error err;
    clio_error_clear(&err);
    clio_index *ix;
    if (clio_index_open(path, &ix, &err))
        return clio_push_failure(L, &err);
    push_index(L, ix);
    return 1;
}

static int index_check_sources(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    clio_error err;
    clio_error_clear(&err);
    if (clio_index_check_sources(ix, &err))
        return clio_push_failure(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

static int index_verify(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    clio_error err;
    clio_error_clear(&err);
    if (clio_index_verify(ix, &err))
        return clio_push_failure(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

/* ix:sources() -> the paths of the files the index was built from */
static int index_sources(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    uint64_t n = clio_index_nfiles(ix);
    lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0);
    for (uint64_t f = 0; f < n; f++) {
        const char *path;
        size_t len;
        if (clio_index_source_path(ix, f, &path, &len))
            index_failure(L, ix);
        lua_pushlstring(L, path, len);
        lua_rawseti(L, -2, (lua_Integer)f + 1);
    }
    return 1;
}

static int index_info(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    lua_createtable(L, 0, 5);
    set_int(L, "documents", (lua_Integer)clio_index_ndocs(ix));
    set_int(L, "tokens", (lua_Integer)clio_index_ntokens(ix));
    set_int(L, "terms", (lua_Integer)clio_index_nterms(ix));
    set_int(L, "files", (lua_Integer)clio_index_nfiles(ix));
    lua_pushstring(L, clio_index_build_options(ix));
    lua_setfield(L, -2, "options");
    return 1;
}

static void push_doc(lua_State *L, clio_index *ix, uint64_t d)
{
    clio_index_doc info;
    if (clio_index_doc_info(ix, d, &info))
        index_failure(L, ix);
    lua_createtable(L, 0, 10);
    set_int(L, "index", (lua_Integer)d + 1);
    set_lstr(L, "name", info.name, info.name_len);
    set_lstr(L, "path", info.path, info.path_len);
    set_int(L, "start", info.start);
    set_int(L, "end", info.end);
    set_int(L, "tokens", (lua_Integer)info.ntokens);
    set_int(L, "sentences", info.nsentences);
    lua_createtable(L, 0, (int)info.nmeta);
    for (uint32_t k = 0; k < info.nmeta; k++) {
        const char *ks, *vs;
        size_t kl, vl;
        if (clio_index_doc_meta(ix, d, k, &ks, &kl, &vs, &vl))
            index_failure(L, ix);
        lua_pushlstring(L, ks, kl);
        lua_pushlstring(L, vs, vl);
        lua_rawset(L, -3);
    }
    lua_setfield(L, -2, "meta");
}

/* ix:docs() -> array of {index, name, path, start, end, tokens, sentences, meta} */
static int index_docs(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    uint64_t n = clio_index_ndocs(ix);
    lua_createtable(L, (int)n, 0);
    for (uint64_t d = 0; d < n; d++) {
        push_doc(L, ix, d);
        lua_rawseti(L, -2, (lua_Integer)d + 1);
    }
    return 1;
}

/* ix:set_lang(lang): queries split words and find possessives as the language does
 * (the language the corpus was read with; kept alive in the index's user value). */
static int index_set_lang(lua_State *L)
{
    index_ud *u = luaL_checkudata(L, 1, INDEX_MT);
    u->lang = clio_lua_opt_lang(L, 2);
    lua_settop(L, 2);
    lua_setiuservalue(L, 1, 1);
    return 0;
}

/* ix:query(q) -> hits | nil, message, {offset = n} */
static int index_query(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    size_t n;
    const char *q = luaL_checklstring(L, 2, &n);
    hits_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
    memset(u, 0, sizeof *u);
    luaL_setmetatable(L, HITS_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    clio_error err;
    clio_error_clear(&err);
    const clio_lang *lang = ((index_ud *)lua_touserdata(L, 1))->lang;
    if (clio_query_lang(ix, q, n, lang, &u->h, &err)) {
        lua_pushnil(L);
        if (err.path[0])
            lua_pushfstring(L, "%s: %s", err.path, err.message);
        else
            lua_pushstring(L, err.message);
        lua_createtable(L, 0, 2);
        if (err.offset >= 0)
            set_int(L, "offset", err.offset);
        lua_pushstring(L, err.message);
        lua_setfield(L, -2, "reason");
        return 3;
    }
    return 1;
}

/* ---- hits ------------------------------------------------------------------------- */

static int hits_count(lua_State *L)
{
    clio_index *ix;
    lua_pushinteger(L, (lua_Integer)check_hits(L, 1, &ix)->n);
    return 1;
}

typedef struct {
    uint64_t doc;
    int64_t start, end;
    uint32_t sentence;
} hit_place;

static void place(lua_State *L, clio_index *ix, const clio_hit *h, hit_place *p)
{
    clio_index_token a, b;
    p->doc = clio_index_doc_of(ix, h->pos);
    uint64_t s0, s1;
    if (clio_index_tokens(ix, h->pos, 1, &a) || clio_index_tokens(ix, h->end_pos - 1, 1, &b) ||
        clio_index_sentence_of(ix, h->pos, &p->sentence, &s0, &s1))
        index_failure(L, ix);
    p->start = a.start;
    p->end = b.end;
}

static void push_hit(lua_State *L, clio_index *ix, const clio_hit *h)
{
    hit_place p;
    place(L, ix, h, &p);
    lua_createtable(L, 0, 6);
    set_int(L, "doc", (lua_Integer)p.doc + 1);
    set_int(L, "start", p.start);
    set_int(L, "end", p.end);
    set_int(L, "sentence", (lua_Integer)p.sentence + 1);
    set_int(L, "pos", (lua_Integer)h->pos);
    set_int(L, "tokens", (lua_Integer)(h->end_pos - h->pos));
}

/* hits:get(i) -> {doc, start, end, sentence, pos, tokens} (doc and sentence 1-based) */
static int hits_get(lua_State *L)
{
    clio_index *ix;
    clio_hits *h = check_hits(L, 1, &ix);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > h->n)
        return 0;
    push_hit(L, ix, &h->v[i - 1]);
    if (clio_index_damaged(ix))
        return index_failure(L, ix);
    return 1;
}

static int hits_next(lua_State *L)
{
    clio_index *ix;
    clio_hits *h = check_hits(L, lua_upvalueindex(1), &ix);
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
    if ((size_t)i > h->n)
        return 0;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(2));
    push_hit(L, ix, &h->v[i - 1]);
    return 1;
}

/* for h in hits:iter() do ... end */
static int hits_iter(lua_State *L)
{
    clio_index *ix;
    check_hits(L, 1, &ix);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, hits_next, 2);
    return 1;
}

/* Context text as a concordance shows it (clio_kwic_text). */
static void push_context(lua_State *L, const char *s, int64_t from, int64_t to)
{
    luaL_Buffer b;
    size_t n = (size_t)(to - from);
    char *out = luaL_buffinitsize(L, &b, n ? n : 1);
    luaL_pushresultsize(&b, clio_kwic_text(s + from, n, out));
}

/* The markup of a structured source (TEI, JSONL, CSV/TSV), for KWIC lines that read as
 * cited text: the source read again by its reader, once per document a kwic call
 * meets, kept in a guarded box on the stack (freed when collected). NULL for plain
 * text or a source that no longer reads. */
typedef struct {
    clio_corpus *c;
    uint64_t doc;   /* the index's document it was read for, +1; 0: none yet */
    clio_doc *d;    /* its document in c, or NULL */
} kwic_source;

static int kwic_source_gc(lua_State *L)
{
    kwic_source *k = lua_touserdata(L, 1);
    clio_corpus_free(k->c);
    k->c = NULL;
    return 0;
}

static int structured_name(const char *path, size_t n)
{
    static const char *const ext[] = {".xml", ".tei", ".jsonl", ".ndjson", ".csv", ".tsv"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        size_t e = strlen(ext[i]);
        if (n >= e && strncasecmp(path + n - e, ext[i], e) == 0)
            return 1;
    }
    return 0;
}

static const clio_doc *kwic_markup(kwic_source *k, clio_index *ix, uint64_t doc,
                                   const clio_index_doc *info)
{
    if (k->doc == doc + 1)
        return k->d;
    clio_corpus_free(k->c);
    k->c = NULL;
    k->d = NULL;
    k->doc = doc + 1;
    if (!structured_name(info->path, info->path_len))
        return NULL;
    size_t size;
    clio_error err;
    clio_error_clear(&err);
    const char *src = clio_index_source(ix, doc, &size, &err);
    if (!src)
        return NULL;
    char name[1024];
    snprintf(name, sizeof name, "%.*s", (int)info->path_len, info->path);
    clio_corpus_opts o = {.repair = 1};
    if (!(k->c = clio_corpus_new(&o)) || clio_corpus_add_memory(k->c, name, src, size, &err))
        return NULL;
    for (size_t i = 0; i < clio_corpus_ndocs(k->c); i++) {
        clio_doc *d = clio_corpus_doc(k->c, i);
        if (d->start == (int64_t)info->start && d->end == (int64_t)info->end)
            return k->d = clio_doc_parts(d)->markup.n ? d : NULL;
    }
    return NULL;
}

/* Pushes [a, b) of a structured source's document d as cited text, as a concordance
 * line shows it (clio_kwic_text). */
static void push_cited(lua_State *L, const clio_doc *d, int64_t a, int64_t b, clio_buf *scratch)
{
    scratch->len = 0;
    if (clio_doc_cite(d, a, b, scratch))
        luaL_error(L, "KWIC: out of memory");
    luaL_Buffer lb;
    size_t n = scratch->len;
    char *out = luaL_buffinitsize(L, &lb, n ? n : 1);
    luaL_pushresultsize(&lb, clio_kwic_text(scratch->data ? scratch->data : "", n, out));
}

/* Whether the context [a, b) of d ends (before the match) or starts (after it) with
 * white space as read: a block boundary there counts. */
static int cited_space(const clio_doc *d, int64_t a, int64_t b, int before, clio_buf *scratch)
{
    /* the gap that touches the match: the last one starting before b (first at a) */
    const clio_gaps *gs = &clio_doc_parts(d)->markup;
    size_t lo = 0, hi = gs->n;
    int64_t at = before ? b : a;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gs->v[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    const clio_gap *g = before ? (lo > 0 && gs->v[lo - 1].end >= at ? &gs->v[lo - 1] : NULL)
                               : (lo < gs->n && gs->v[lo].start == at ? &gs->v[lo] : NULL);
    if (g && g->rule == CLIO_GAP_BREAK)
        return 1;
    scratch->len = 0;
    if (clio_doc_cite(d, a, b, scratch) || !scratch->len)
        return 0;
    char c = scratch->data[before ? scratch->len - 1 : 0];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int kwic_scratch_gc(lua_State *L)
{
    clio_buf_free(lua_touserdata(L, 1));
    return 0;
}

/* hits:kwic{width = 5, by = "words"|"chars", sort = "left"|"right", first = 1, limit = n}
 * -> array of {doc, name, start, end, sentence, left, match, right, space_before, space_after} */
static int hits_kwic(lua_State *L)
{
    clio_index *ix;
    clio_hits *h = check_hits(L, 1, &ix);
    lua_Integer width = 5, first = 1, limit = -1;
    int chars = 0, side = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "width");
        width = luaL_optinteger(L, -1, 5);
        lua_getfield(L, 2, "first");
        first = luaL_optinteger(L, -1, 1);
        lua_getfield(L, 2, "limit");
        limit = luaL_optinteger(L, -1, -1);
        lua_getfield(L, 2, "by"); /* by and sort stay on the stack while used */
        const char *by = luaL_optstring(L, -1, "words");
        lua_getfield(L, 2, "sort");
        const char *so = luaL_optstring(L, -1, "none");
        if (strcmp(by, "chars") == 0)
            chars = 1;
        else if (strcmp(by, "words") != 0)
            return luaL_error(L, "by must be words or chars, not '%s'", by);
        if (strcmp(so, "left") == 0)
            side = -1;
        else if (strcmp(so, "right") == 0)
            side = 1;
        else if (strcmp(so, "none") != 0 && strcmp(so, "position") != 0)
            return luaL_error(L, "sort must be left, right or position, not '%s'", so);
        lua_pop(L, 5);
    }
    clio_kwic_opts o = {.width = width < 0 ? 0 : (uint64_t)width, .by_chars = chars};
    if (first < 1)
        first = 1;
    size_t n = h->n;
    clio_error err;
    clio_error_clear(&err);
    size_t *order = lua_newuserdatauv(L, (n ? n : 1) * sizeof *order, 0);
    if (clio_kwic_order(ix, h->v, n, side, order, &err))
        return data_failure(L, err.path, err.message);
    kwic_source *markup = clio_lua_guarded(L, sizeof *markup, "clio.kwic_source", kwic_source_gc);
    clio_buf *scratch = clio_lua_guarded(L, sizeof *scratch, "clio.kwic_scratch", kwic_scratch_gc);
    lua_newtable(L);
    lua_Integer out = 0;
    for (size_t k = (size_t)first - 1; k < n && (limit < 0 || out < limit); k++) {
        clio_kwic_line line;
        clio_index_doc info;
        if (clio_kwic_window(ix, &h->v[order[k]], &o, &line, &err))
            return data_failure(L, err.path, err.message);
        if (clio_index_doc_info(ix, line.doc, &info))
            return index_failure(L, ix);
        lua_createtable(L, 0, 10);
        set_int(L, "doc", (lua_Integer)line.doc + 1);
        set_lstr(L, "name", info.name, info.name_len);
        set_int(L, "start", line.start);
        set_int(L, "end", line.end);
        set_int(L, "sentence", (lua_Integer)line.sentence + 1);
        /* a structured source cites: no tags, references as their characters */
        const clio_doc *md = kwic_markup(markup, ix, line.doc, &info);
        if (md) {
            const clio_gaps *g = &clio_doc_parts(md)->markup;
            const clio_gap *cut; /* a word of a reference: all of the reference */
            if ((cut = clio_gaps_inside(g, line.start)) && cut->rule == CLIO_GAP_SUBST)
                line.start = cut->start;
            if ((cut = clio_gaps_inside(g, line.end)) && cut->rule == CLIO_GAP_SUBST)
                line.end = cut->end;
            if ((cut = clio_gaps_inside(g, line.left)) && cut->rule == CLIO_GAP_SUBST)
                line.left = cut->start;
            if ((cut = clio_gaps_inside(g, line.right)) && cut->rule == CLIO_GAP_SUBST)
                line.right = cut->end;
            line.left = line.left < line.start ? line.left : line.start;
            line.right = line.right > line.end ? line.right : line.end;
            push_cited(L, md, line.left, line.start, scratch);
            lua_setfield(L, -2, "left");
            push_cited(L, md, line.start, line.end, scratch);
            lua_setfield(L, -2, "match");
            push_cited(L, md, line.end, line.right, scratch);
            lua_setfield(L, -2, "right");
            line.space_before = line.left < line.start &&
                                cited_space(md, line.left, line.start, 1, scratch);
            line.space_after = line.right > line.end &&
                               cited_space(md, line.end, line.right, 0, scratch);
        } else {
            push_context(L, line.src, line.left, line.start);
            lua_setfield(L, -2, "left");
            push_context(L, line.src, line.start, line.end);
            lua_setfield(L, -2, "match");
            push_context(L, line.src, line.end, line.right);
            lua_setfield(L, -2, "right");
        }
        lua_pushboolean(L, line.space_before);
        lua_setfield(L, -2, "space_before");
        lua_pushboolean(L, line.space_after);
        lua_setfield(L, -2, "space_after");
        lua_rawseti(L, -2, ++out);
    }
    return 1;
}

/* hits:dispersion(key) -> array of {value, hits, tokens, per_million}: hits per
 * document (key nil or "doc") or per value of a metadata key, in order of first
 * appearance; tokens is the size of that part of the corpus. */
static int hits_dispersion(lua_State *L)
{
    clio_index *ix;
    clio_hits *h = check_hits(L, 1, &ix);
    const char *key = luaL_optstring(L, 2, "doc");
    int by_doc = strcmp(key, "doc") == 0;
    uint64_t nd = clio_index_ndocs(ix);
    lua_Integer *per_doc = lua_newuserdatauv(L, (nd ? nd : 1) * sizeof *per_doc, 0);
    memset(per_doc, 0, (nd ? nd : 1) * sizeof *per_doc);
    for (size_t i = 0; i < h->n; i++)
        per_doc[clio_index_doc_of(ix, h->v[i].pos)]++;
    lua_newtable(L); /* result */
    int res = lua_gettop(L);
    lua_newtable(L); /* value -> row */
    int rows = lua_gettop(L);
    lua_Integer out = 0;
    for (uint64_t d = 0; d < nd; d++) {
        clio_index_doc info;
        if (clio_index_doc_info(ix, d, &info))
            index_failure(L, ix);
        char buf[1024];
        const char *v;
        size_t vn;
        if (by_doc) {
            v = info.name;
            vn = info.name_len;
        } else {
            v = clio_index_meta_value(ix, d, key, buf, sizeof buf);
            if (!v)
                v = "";
            vn = strlen(v);
        }
        lua_pushlstring(L, v, vn);
        if (lua_rawget(L, rows) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_createtable(L, 0, 4);
            set_lstr(L, "value", v, vn);
            set_int(L, "hits", 0);
            set_int(L, "tokens", 0);
            lua_pushlstring(L, v, vn);
            lua_pushvalue(L, -2);
            lua_rawset(L, rows);
            lua_pushvalue(L, -1);
            lua_rawseti(L, res, ++out);
        }
        lua_getfield(L, -1, "hits");
        lua_Integer hv = lua_tointeger(L, -1) + per_doc[d];
        lua_pop(L, 1);
        set_int(L, "hits", hv);
        lua_getfield(L, -1, "tokens");
        lua_Integer tv = lua_tointeger(L, -1) + (lua_Integer)info.ntokens;
        lua_pop(L, 1);
        set_int(L, "tokens", tv);
        set_num(L, "per_million", tv ? (double)hv * 1e6 / (double)tv : 0.0);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 1;
}

/* ---- statistics ------------------------------------------------------------------- */

static const char *kind_name(int k)
{
    switch (k) {
    case CLIO_TOK_WORD: return "word";
    case CLIO_TOK_NUMBER: return "number";
    case CLIO_TOK_CLITIC: return "clitic";
    case CLIO_TOK_PUNCT: return "punct";
    case CLIO_TOK_SYMBOL: return "symbol";
    }
    return "?";
}


/* A byte per document from a Lua array of 1-based document numbers (nil: all). */
static unsigned char *doc_map(lua_State *L, clio_index *ix, int i)
{
    if (lua_isnoneornil(L, i))
        return NULL;
    luaL_checktype(L, i, LUA_TTABLE);
    uint64_t nd = clio_index_ndocs(ix);
    unsigned char *m = lua_newuserdatauv(L, nd ? nd : 1, 0);
    memset(m, 0, nd ? nd : 1);
    lua_Integer n = luaL_len(L, i);
    for (lua_Integer k = 1; k <= n; k++) {
        lua_geti(L, i, k);
        lua_Integer d = luaL_checkinteger(L, -1);
        lua_pop(L, 1);
        if (d >= 1 && (uint64_t)d <= nd)
            m[d - 1] = 1;
    }
    lua_replace(L, i); /* keep it alive in the argument slot */
    return m;
}

/* A byte per term id of ix set for the terms of a Lua set {term = true} (stop words). */
static unsigned char *term_map(lua_State *L, clio_index *ix, int i)
{
    uint32_t V = clio_index_nterms(ix);
    unsigned char *m = lua_newuserdatauv(L, V ? V : 1, 0);
    memset(m, 0, V ? V : 1);
    lua_pushnil(L);
    while (lua_next(L, i)) {
        uint32_t id;
        size_t n;
        const char *s = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &n) : NULL;
        if (s && lua_toboolean(L, -1) && clio_index_find(ix, s, n, &id) == 0)
            m[id] = 1;
        lua_pop(L, 1);
    }
    lua_replace(L, i); /* keep it alive in the argument slot */
    return m;
}

/* ix:freq{min = 1, kinds = "word,number", limit = n, docs = {...}, stop = {term = true}}
 * -> array of {term, count, kind, per_million}, most frequent first (clio_index_freq). */
static int index_freq(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    clio_freq_opts o = {.kinds = 1u << CLIO_TOK_WORD | 1u << CLIO_TOK_NUMBER, .min = 1};
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "min");
        lua_Integer min = luaL_optinteger(L, -1, 1);
        o.min = min > 0 ? (uint64_t)min : 0;
        lua_getfield(L, 2, "limit");
        lua_Integer limit = luaL_optinteger(L, -1, -1);
        o.limit = limit >= 0 ? (size_t)limit : 0;
        if (limit == 0) {
            lua_newtable(L);
            return 1;
        }
        lua_getfield(L, 2, "kinds");
        if (lua_isstring(L, -1))
            o.kinds = clio_kinds_mask(L, lua_tostring(L, -1));
        lua_pop(L, 3);
        lua_getfield(L, 2, "stop");
        if (lua_istable(L, -1))
            o.skip = term_map(L, ix, lua_gettop(L));
        lua_getfield(L, 2, "docs");
        o.docs = doc_map(L, ix, lua_gettop(L));
    }
    clio_term_count **rows = clio_lua_box(L);
    size_t n;
    uint64_t total;
    if (clio_index_freq(ix, &o, rows, &n, &total))
        return index_failure(L, ix);
    lua_createtable(L, (int)n, 0);
    for (size_t r = 0; r < n; r++) {
        const clio_term_count *t = &(*rows)[r];
        const char *s;
        size_t len;
        if (clio_index_term(ix, t->term, &s, &len))
            return index_failure(L, ix);
        lua_createtable(L, 0, 4);
        set_lstr(L, "term", s, len);
        set_int(L, "count", (lua_Integer)t->count);
        lua_pushstring(L, kind_name(clio_index_term_kind(ix, t->term)));
        lua_setfield(L, -2, "kind");
        set_num(L, "per_million", total ? (double)t->count * 1e6 / (double)total : 0.0);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
}

/* ix:ngrams{n = 2, min = 2, limit = n, docs = {...}} -> array of {ngram, count} */
static int index_ngrams(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    lua_Integer n = 2, min = 2, limit = -1;
    unsigned char *docs = NULL;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "n");
        n = luaL_optinteger(L, -1, 2);
        lua_getfield(L, 2, "min");
        min = luaL_optinteger(L, -1, 2);
        lua_getfield(L, 2, "limit");
        limit = luaL_optinteger(L, -1, -1);
        lua_pop(L, 3);
        lua_getfield(L, 2, "docs");
        docs = doc_map(L, ix, lua_gettop(L));
    }
    luaL_argcheck(L, n >= 2 && n <= 5, 2, "n-grams have 2 to 5 tokens");
    clio_ngram *g;
    size_t ng;
    int rc = clio_index_ngrams(ix, (int)n, min < 1 ? 1 : (uint64_t)min, docs, &g, &ng);
    if (rc == CLIO_EFORMAT)
        return index_failure(L, ix);
    if (rc)
        return luaL_error(L, "n-grams: %s", clio_strerror(rc));
    /* into a userdata before anything can raise: no malloc'd memory across a Lua call */
    clio_ngram *copy = lua_newuserdatauv(L, (ng ? ng : 1) * sizeof *g, 0);
    if (ng) /* with none, g may be NULL: no memcpy from it */
        memcpy(copy, g, ng * sizeof *g);
    free(g);
    g = copy;
    lua_newtable(L);
    lua_Integer out = 0;
    luaL_Buffer b;
    for (size_t i = 0; i < ng && (limit < 0 || out < limit); i++) {
        luaL_buffinit(L, &b);
        for (int k = 0; k < n; k++) {
            const char *s;
            size_t len;
            if (clio_index_term(ix, g[i].terms[k], &s, &len)) {
                s = "?";
                len = 1;
            }
            if (k)
                luaL_addchar(&b, ' ');
            luaL_addlstring(&b, s, len);
        }
        luaL_pushresult(&b);
        lua_createtable(L, 0, 2);
        lua_insert(L, -2);
        lua_setfield(L, -2, "ngram");
        set_int(L, "count", (lua_Integer)g[i].count);
        lua_rawseti(L, -2, ++out);
    }
    return 1;
}

/* ix:collocates(hits, {left = 5, right = 5, min = 3, limit = n}) -> array of {term,
 * observed, freq, expected, mi, t, ll}, by log-likelihood; and the window size. */
static int index_collocates(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    clio_index *hix;
    clio_hits *h = check_hits(L, 2, &hix);
    luaL_argcheck(L, hix == ix, 2, "hits of another index");
    lua_Integer left = 5, right = 5, min = 3, limit = -1;
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "left");
        left = luaL_optinteger(L, -1, 5);
        lua_getfield(L, 3, "right");
        right = luaL_optinteger(L, -1, 5);
        lua_getfield(L, 3, "min");
        min = luaL_optinteger(L, -1, 3);
        lua_getfield(L, 3, "limit");
        limit = luaL_optinteger(L, -1, -1);
        lua_pop(L, 4);
    }
    luaL_argcheck(L, left >= 0 && left <= 64 && right >= 0 && right <= 64, 3,
                  "windows reach 0 to 64 tokens");
    clio_colloc *c;
    size_t n;
    uint64_t W;
    int rc = clio_index_collocates(ix, h, (int)left, (int)right, min < 1 ? 1 : (uint64_t)min, &c,
                                   &n, &W);
    if (rc == CLIO_EFORMAT)
        return index_failure(L, ix);
    if (rc)
        return luaL_error(L, "collocates: %s", clio_strerror(rc));
    clio_colloc *copy = lua_newuserdatauv(L, (n ? n : 1) * sizeof *c, 0);
    if (n) /* with none, c may be NULL */
        memcpy(copy, c, n * sizeof *c);
    free(c);
    lua_newtable(L);
    lua_Integer out = 0;
    for (size_t i = 0; i < n && (limit < 0 || out < limit); i++) {
        const char *s;
        size_t len;
        if (clio_index_term(ix, copy[i].term, &s, &len))
            return index_failure(L, ix);
        lua_createtable(L, 0, 7);
        set_lstr(L, "term", s, len);
        set_int(L, "observed", (lua_Integer)copy[i].observed);
        set_int(L, "freq", (lua_Integer)copy[i].freq);
        set_num(L, "expected", copy[i].expected);
        set_num(L, "mi", copy[i].mi);
        set_num(L, "t", copy[i].t);
        set_num(L, "ll", copy[i].ll);
        lua_rawseti(L, -2, ++out);
    }
    lua_pushinteger(L, (lua_Integer)W);
    return 2;
}

/* ix:keyness{a = docs, b = docs | other = index, min = 5, limit = n} -> array of
 * {term, a, b, ll, log_ratio} by log-likelihood (positive: key in A); and the sizes. */
static int index_keyness(lua_State *L)
{
    clio_index *ix = check_index(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "min");
    lua_Integer min = luaL_optinteger(L, -1, 5);
    lua_getfield(L, 2, "limit");
    lua_Integer limit = luaL_optinteger(L, -1, -1);
    lua_getfield(L, 2, "other");
    clio_index *other = lua_isnil(L, -1) ? ix : check_index(L, -1);
    lua_getfield(L, 2, "a");
    unsigned char *da = doc_map(L, ix, lua_gettop(L));
    lua_getfield(L, 2, "b");
    unsigned char *db = doc_map(L, other, lua_gettop(L));
    clio_keyword **rows = clio_lua_box(L);
    size_t n;
    uint64_t na = 0, nb = 0;
    int rc = clio_index_keyness_list(ix, da, other, db, min > 0 ? (uint64_t)min : 0,
                                     limit > 0 ? (size_t)limit : 0, rows, &n, &na, &nb);
    if (rc == CLIO_EARG) { /* a fact of the data, not a misuse: a clean failure */
        char why[120];
        snprintf(why, sizeof why, "needs two non-empty subcorpora (%llu and %llu tokens)",
                 (unsigned long long)na, (unsigned long long)nb);
        return data_failure(L, "keyness", why);
    }
    if (rc)
        return index_failure(L, clio_index_error(ix)->message[0] ? ix : other);
    if (limit == 0)
        n = 0;
    lua_createtable(L, (int)n, 0);
    for (size_t r = 0; r < n; r++) {
        const clio_keyword *w = &(*rows)[r];
        clio_index *from = w->only_b ? other : ix;
        const char *s;
        size_t len;
        if (clio_index_term(from, w->term, &s, &len))
            return index_failure(L, from);
        lua_createtable(L, 0, 5);
        set_lstr(L, "term", s, len);
        set_int(L, "a", (lua_Integer)w->a);
        set_int(L, "b", (lua_Integer)w->b);
        set_num(L, "ll", w->ll);
        set_num(L, "log_ratio", w->log_ratio);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_pushinteger(L, (lua_Integer)na);
    lua_pushinteger(L, (lua_Integer)nb);
    return 3;
}

static const luaL_Reg index_methods[] = {
    {"info", index_info},   {"docs", index_docs},       {"query", index_query}, {"set_lang", index_set_lang},
    {"freq", index_freq},   {"check_sources", index_check_sources},
    {"ngrams", index_ngrams}, {"collocates", index_collocates}, {"keyness", index_keyness},
    {"verify", index_verify}, {"sources", index_sources}, {"close", index_release},
    {NULL, NULL}};

static const luaL_Reg index_meta[] = {
    {"__gc", index_release}, {"__close", index_release}, {"__index", NULL}, {NULL, NULL}};

static const luaL_Reg hits_methods[] = {
    {"count", hits_count}, {"get", hits_get}, {"iter", hits_iter},
    {"kwic", hits_kwic},   {"dispersion", hits_dispersion}, {NULL, NULL}};

static const luaL_Reg hits_meta[] = {
    {"__gc", hits_release}, {"__len", hits_count}, {"__index", NULL}, {NULL, NULL}};

/* The index behind argument 1 of a method (an index, or hits that keep theirs), or
 * NULL when it is neither or closed. */
static clio_index *index_of_arg(lua_State *L)
{
    index_ud *u = luaL_testudata(L, 1, INDEX_MT);
    if (u)
        return u->ix;
    if (luaL_testudata(L, 1, HITS_MT)) {
        lua_getiuservalue(L, 1, 1);
        u = luaL_testudata(L, -1, INDEX_MT);
        lua_pop(L, 1);
        return u ? u->ix : NULL;
    }
    return NULL;
}

/* Every method runs through this: the index's reader keeps damage sticky, and a method
 * that read a damaged part (a count, a kind, a document number that came back as 0)
 * fails as a whole, cleanly, instead of returning an answer built around it. Also
 * refuses an index already found damaged before the method starts. */
static int checked_method(lua_State *L)
{
    clio_index *ix = index_of_arg(L);
    if (ix && clio_index_damaged(ix))
        return index_failure(L, ix);
    lua_CFunction fn = lua_tocfunction(L, lua_upvalueindex(1));
    int n = fn(L);
    ix = index_of_arg(L);
    if (ix && clio_index_damaged(ix))
        return index_failure(L, ix);
    return n;
}

static void new_type(lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *methods)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    for (const luaL_Reg *m = methods; m->name; m++) {
        lua_pushcfunction(L, m->func);
        if (m->func != index_release) /* closing a damaged index always works */
            lua_pushcclosure(L, checked_method, 1);
        lua_setfield(L, -2, m->name);
    }
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

void clio_lua_index_register(lua_State *L)
{
    new_type(L, INDEX_MT, index_meta, index_methods);
    new_type(L, HITS_MT, hits_meta, hits_methods);
    lua_pushcfunction(L, l_index_build);
    lua_setfield(L, -2, "index_build");
    lua_pushcfunction(L, l_index_merge);
    lua_setfield(L, -2, "index_merge");
    lua_pushcfunction(L, l_index_open);
    lua_setfield(L, -2, "index_open");
}
