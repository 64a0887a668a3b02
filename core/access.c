/* The sandbox's file access policy (access.h). Paths are compared after realpath(), so
 * neither "..", nor a symbolic link inside an allowed folder that points outside it,
 * nor a relative path leaves the roots. The policy is written once, before the script
 * starts, and only read afterwards. */
#include "access.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    int on;
    char **roots;
    size_t nroots;
    char *out_dir;  /* realpath of the writable file's folder, or NULL */
    char *out_base; /* its name in that folder */
} policy;

/* The folder part of path ("." when it has none) and its last component. */
static int split(const char *path, char *dir, size_t cap, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (!slash)
        return snprintf(dir, cap, ".") < (int)cap ? 0 : -1;
    if (n == 0)
        n = 1; /* "/name": the root folder */
    if (n >= cap)
        return -1;
    memcpy(dir, path, n);
    dir[n] = '\0';
    return 0;
}

static int under(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return 1;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static int under_roots(const char *real)
{
    for (size_t i = 0; i < policy.nroots; i++)
        if (under(real, policy.roots[i]))
            return 1;
    return 0;
}

int clio_access_confine(const char *const *readable, size_t n, const char *writable)
{
    if (policy.on)
        return CLIO_EARG;
    policy.roots = calloc(n ? n : 1, sizeof *policy.roots);
    if (!policy.roots)
        return CLIO_ENOMEM;
    char real[PATH_MAX];
    for (size_t i = 0; i < n; i++)
        if (readable[i] && realpath(readable[i], real) &&
            !(policy.roots[policy.nroots++] = strdup(real)))
            return CLIO_ENOMEM;
    if (writable && *writable && strcmp(writable, "-") != 0) {
        char dir[PATH_MAX];
        const char *base;
        if (split(writable, dir, sizeof dir, &base) == 0 && *base && strcmp(base, ".") &&
            strcmp(base, "..") && realpath(dir, real)) {
            policy.out_dir = strdup(real);
            policy.out_base = strdup(base);
            if (!policy.out_dir || !policy.out_base)
                return CLIO_ENOMEM;
        }
    }
    policy.on = 1;
    return 0;
}

int clio_access_confined(void)
{
    return policy.on;
}

int clio_access_may_write(const char *path)
{
    if (!policy.on)
        return 1;
    if (!policy.out_dir || !path)
        return 0;
    char dir[PATH_MAX], real[PATH_MAX];
    const char *base;
    if (split(path, dir, sizeof dir, &base) || !realpath(dir, real) ||
        strcmp(real, policy.out_dir) != 0)
        return 0;
    size_t n = strlen(policy.out_base);
    if (strcmp(base, policy.out_base) == 0)
        return 1;
    return strncmp(base, policy.out_base, n) == 0 && strncmp(base + n, ".tmp-", 5) == 0;
}

int clio_access_may_read(const char *path)
{
    if (!policy.on)
        return 1;
    if (!path)
        return 0;
    if (clio_access_may_write(path))
        return 1;
    char real[PATH_MAX];
    if (realpath(path, real))
        return under_roots(real);
    /* missing: allowed where looking is allowed, so that the open fails on its own */
    char dir[PATH_MAX];
    const char *base;
    return split(path, dir, sizeof dir, &base) == 0 && realpath(dir, real) && under_roots(real);
}

static int denied(const char *path, const char *verb, clio_error *e)
{
    return clio_error_set(e, CLIO_EDENIED, path, "sandbox: %s %s is not allowed", verb,
                          path ? path : "(nil)");
}

int clio_access_read(const char *path, const char *verb, clio_error *e)
{
    return clio_access_may_read(path) ? 0 : denied(path, verb ? verb : "reading", e);
}

int clio_access_read_source(const char *index, const char *source, clio_error *e)
{
    char real[PATH_MAX];
    if (!policy.on || (!clio_access_may_write(index) && realpath(index, real) && under_roots(real)))
        return 0;
    return clio_access_read(source, "reading", e);
}

int clio_access_write(const char *path, const char *verb, clio_error *e)
{
    return clio_access_may_write(path) ? 0 : denied(path, verb ? verb : "writing", e);
}
