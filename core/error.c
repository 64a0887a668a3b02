/* Error codes, error records and the growable buffers every unit shares. */
#include "clio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *clio_strerror(int code)
{
    switch (code) {
    case CLIO_OK: return "success";
    case CLIO_ENOMEM: return "out of memory";
    case CLIO_EIO: return "input/output error";
    case CLIO_EUTF8: return "invalid UTF-8";
    case CLIO_EFORMAT: return "malformed data";
    case CLIO_EARG: return "invalid argument";
    case CLIO_ENOTFOUND: return "not found";
    case CLIO_EDENIED: return "not allowed by the sandbox";
    default: return "unknown error";
    }
}

void clio_error_clear(clio_error *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->line = e->column = e->offset = -1;
}

int clio_error_set(clio_error *e, int code, const char *path, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    snprintf(e->path, sizeof e->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return code;
}

int clio_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size)
            return CLIO_ENOMEM;
        ncap *= 2;
    }
    void *nv = realloc(*v, ncap * size);
    if (!nv)
        return CLIO_ENOMEM;
    *v = nv;
    *cap = ncap;
    return 0;
}

void clio_buf_free(clio_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int clio_buf_reserve(clio_buf *b, size_t extra)
{
    if (b->len + extra + 1 < b->len) /* overflow */
        return CLIO_ENOMEM;
    void *p = b->data;
    int rc = clio_grow(&p, &b->cap, b->len + extra + 1, 1);
    b->data = p;
    return rc;
}

int clio_buf_append(clio_buf *b, const void *p, size_t n)
{
    if (clio_buf_reserve(b, n))
        return CLIO_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}
