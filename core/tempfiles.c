/* clio's temporary files: NAME.tmp-PID or NAME.tmp-PID-N, written beside NAME and
 * renamed over it when complete. Those being written are registered so that a fatal
 * signal can remove them; those a killed run left are removed by the next write to
 * NAME once their PID is gone. */
#include "clio.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTEMPS 64

static _Atomic(char *) temps[NTEMPS];

int clio_temp_register(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return CLIO_ENOMEM;
    for (size_t i = 0; i < NTEMPS; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&temps[i], &expected, copy))
            return 0;
    }
    free(copy);
    return CLIO_ENOMEM;
}

void clio_temp_forget(const char *path)
{
    for (size_t i = 0; i < NTEMPS; i++) {
        char *p = atomic_load(&temps[i]);
        if (p && strcmp(p, path) == 0 && atomic_compare_exchange_strong(&temps[i], &p, NULL)) {
            free(p);
            return;
        }
    }
}

void clio_temp_unlink_all(void)
{
    for (size_t i = 0; i < NTEMPS; i++) {
        char *p = atomic_load(&temps[i]);
        if (p)
            unlink(p);
    }
}

void clio_temp_remove_stale(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? path + (slash - dir) + 1 : path;
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    DIR *d = opendir(slash ? dir : ".");
    if (!d)
        return;
    size_t bn = strlen(base);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!bn || strncmp(e->d_name, base, bn) != 0 || strncmp(e->d_name + bn, ".tmp-", 5) != 0)
            continue;
        const char *digits = e->d_name + bn + 5;
        char *end;
        long pid = strtol(digits, &end, 10);
        if (end == digits || (*end && *end != '-') || pid <= 0 || pid == (long)getpid())
            continue;
        if (*end) { /* NAME.tmp-PID-N: N digits only */
            const char *n = end + 1;
            if (!*n || strspn(n, "0123456789") != strlen(n))
                continue;
        }
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* its writer may still be at work */
        char victim[8192];
        snprintf(victim, sizeof victim, "%s/%s", slash ? dir : ".", e->d_name);
        unlink(victim);
    }
    closedir(d);
}
