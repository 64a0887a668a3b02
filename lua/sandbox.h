/* --sandbox for the clio host (lua/sandbox.c). */
#ifndef CLIO_SANDBOX_H
#define CLIO_SANDBOX_H

#include <lua.h>

/* Works out the run's access policy from the command line (argv[first..]: the command
 * and its arguments) and clio's home, and puts the policy's checks into the state's
 * libraries, before any Lua runs; nothing is refused until the confine function runs. */
void clio_sandbox_prepare(lua_State *L, const char *home, int argc, char **argv, int first);

/* Pushes the function that clio.main calls once the script is loaded and before it
 * runs: it confines the process (core/access.h) and takes from the Lua state every
 * function that could reach outside the policy. Later calls do nothing. */
void clio_sandbox_push_confine(lua_State *L);

#endif
