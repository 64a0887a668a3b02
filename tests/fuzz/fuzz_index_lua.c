/* The index as scripts reach it: damaged index files opened through clio.core's
 * index_open and driven through every index and hits method the bindings offer (the
 * same calls lua/l_index.c makes to the reader). Input as for fuzz_index: a mode byte
 * (bit 0: checksums made right after the mutation, bit 1: the header's file size
 * too), then the file. Every call either returns or fails cleanly: a refusal raised
 * as {exit = 1, message = "FILE: ..."} (what the command line prints as one line),
 * never a crash, a Lua error of another kind (a traceback for the user) or an
 * out-of-range read. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "fixed_index.h"

int luaopen_clio_core(lua_State *L);

static int memfd = -1;

static const char SCRIPT[] =
    "local core, path = ...\n"
    "local function clean(ok, e, ...)\n"
    "  if ok then return e, ... end\n"
    "  if type(e) ~= 'table' or e.exit ~= 1 or type(e.message) ~= 'string' then\n"
    "    error('unclean failure: ' .. tostring(type(e) == 'table' and e.message or e), 0)\n"
    "  end\n"
    "end\n"
    "local function try(f, ...) return clean(pcall(f, ...)) end\n"
    "local ix, err = core.index_open(path)\n"
    "if not ix then assert(type(err) == 'string', 'open: no message') return end\n"
    "try(ix.info, ix)\n"
    "try(ix.docs, ix)\n"
    "try(ix.sources, ix)\n"
    "try(ix.verify, ix)\n"
    "try(ix.freq, ix, {limit = 50})\n"
    "try(ix.freq, ix, {docs = {1, 2}, kinds = 'word,number,punct', stop = {the = true}})\n"
    "try(ix.ngrams, ix, {n = 2, min = 1, limit = 20})\n"
    "try(ix.ngrams, ix, {n = 3, min = 1, docs = {1}})\n"
    "try(ix.keyness, ix, {a = {1}, b = {2}, min = 1})\n"
    "for _, q in ipairs({'stalin', 'st*', '\"united states\"', 'trotsky NEAR/5 stalin',\n"
    "                    'SENT(lenin AND party)', '/s.*n/', 'stalin year:1920..1930'}) do\n"
    "  local hits = try(ix.query, ix, q)\n"
    "  if hits then\n"
    "    local n = try(hits.count, hits) or 0\n"
    "    if n > 0 then try(hits.get, hits, 1) end\n"
    "    try(function() for _ in hits:iter() do end end)\n"
    "    try(hits.kwic, hits, {width = 3, limit = 8})\n"
    "    try(hits.kwic, hits, {by = 'chars', sort = 'left', limit = 8})\n"
    "    try(hits.dispersion, hits, 'doc')\n"
    "    try(ix.collocates, ix, hits, {left = 2, right = 2, min = 1, limit = 10})\n"
    "  end\n"
    "end\n"
    "ix:close()\n";

static lua_State *L;
static int script = LUA_NOREF; /* the compiled SCRIPT */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    (void)fixed_index_fd; /* the seeds are fuzz_index's: -write_seed there */
    memfd = memfd_create("clio-fuzz-index-lua", MFD_CLOEXEC);
    FUZZ_CHECK(memfd >= 0);
    L = luaL_newstate();
    FUZZ_CHECK(L != NULL);
    luaL_openlibs(L);
    FUZZ_CHECK(luaL_loadbuffer(L, SCRIPT, sizeof SCRIPT - 1, "=fuzz_index_lua") == LUA_OK);
    script = luaL_ref(L, LUA_REGISTRYINDEX);
    luaL_requiref(L, "clio.core", luaopen_clio_core, 0);
    lua_setfield(L, LUA_REGISTRYINDEX, "fuzz.core");
    return 0;
}

/* Each input runs in a thread of its own, and a full collection after it frees the
 * thread (its stack and call frames) with the hits and index userdata it made: the
 * input's allocations and frees balance, so libFuzzer's leak check (a heap scan after
 * any input that allocates more than it frees) runs only on a real leak. Run on the
 * main thread, the collector shrank the stack and frames between inputs and the scans
 * took most of the time. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!L)
        LLVMFuzzerInitialize(NULL, NULL);
    if (!fixed_index_load(memfd, data, size))
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
    lua_State *T = lua_newthread(L);
    lua_rawgeti(T, LUA_REGISTRYINDEX, script);
    lua_getfield(T, LUA_REGISTRYINDEX, "fuzz.core");
    lua_pushstring(T, path);
    if (lua_pcall(T, 2, 0, 0) != LUA_OK) {
        fprintf(stderr, "%s\n", luaL_tolstring(T, -1, NULL));
        FUZZ_CHECK(!"every method fails cleanly");
    }
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}
