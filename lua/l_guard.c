/* A file cut short while clio reads it through a mapping (core/mapguard.c) raises
 * SIGBUS on the first touch of a page past its new end. The handler names the file,
 * removes the temporary files still being written (the index's PATH.tmp-PID, an -o
 * output's FILE.tmp-...) and ends the run with status 1, as any failed read does.
 * Only write, unlink and _exit run in it: all async-signal-safe. */
#include "l_clio.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static void put(const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(2, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static struct sigaction previous; /* the handler before ours: it gets the others */
static volatile sig_atomic_t installed;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    const char *path = si ? clio_mapped_path_of(si->si_addr) : NULL;
    if (!path) { /* not one of our files: the handler from before takes it as it would */
        sigaction(sig, &previous, NULL);
        return; /* the access faults again, now under that handler */
    }
    clio_temp_unlink_all();
    put("clio: ");
    put(path);
    put(": changed while being read (cut short by another program); nothing was written\n");
    _exit(1);
}

static void catch_sigbus(void)
{
    if (installed)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, &previous) == 0)
        installed = 1;
}

/* Only names of clio's own temporary files (NAME.tmp-...) are taken.*/
static const char *temp_name(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *slash = strrchr(path, '/');
    if (!strstr(slash ? slash : path, ".tmp-"))
        luaL_argerror(L, 1, "not a temporary file name (NAME.tmp-...)");
    return path;
}

/* core.temp_path(path) -> "path.tmp-PID-N": the name to write path under before
 * renaming it into place. Temporary files of path that killed runs left are removed
 * first; the new name is removed if a fatal read error ends the run. */
static int l_temp_path(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    clio_lua_check_write(L, path, "writing"); /* it removes stale files beside path */
    clio_temp_remove_stale(path);
    static unsigned serial;
    lua_pushfstring(L, "%s.tmp-%d-%d", path, (int)getpid(), (int)++serial);
    if (clio_temp_register(lua_tostring(L, -1)))
        return luaL_error(L, "too many temporary files at once");
    return 1;
}

/* core.temp_forget(path): path was renamed or removed by its writer. */
static int l_temp_forget(lua_State *L)
{
    clio_temp_forget(temp_name(L));
    return 0;
}

void clio_lua_guard_register(lua_State *L)
{
    catch_sigbus();
    lua_pushcfunction(L, l_temp_path);
    lua_setfield(L, -2, "temp_path");
    lua_pushcfunction(L, l_temp_forget);
    lua_setfield(L, -2, "temp_forget");
}
