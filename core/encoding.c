/* Legacy encodings read into UTF-8 through iconv (glibc's), for corpora that were never
 * UTF-8: Latin-1, Windows-1252, KOI8-R and the rest of `iconv -l`. */
#include "clio.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int clio_encoding_is_utf8(const char *name)
{
    return !name || !*name || strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

int clio_encoding_check(const char *name)
{
    if (clio_encoding_is_utf8(name))
        return 0;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return CLIO_EARG;
    iconv_close(cd);
    return 0;
}

int clio_encoding_decode(const char *name, const char *in, size_t n, char **out,
                         size_t *out_len, int64_t *bad_at)
{
    *out = NULL;
    *out_len = 0;
    *bad_at = -1;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return CLIO_EARG;
    /* a single-byte encoding at most triples (U+FFFF takes 3 bytes); grow if not */
    size_t cap = n * 3 + 16;
    char *buf = malloc(cap);
    int rc = buf ? 0 : CLIO_ENOMEM;
    char *src = (char *)in;
    size_t left = n, used = 0;
    while (!rc && left) {
        char *dst = buf + used;
        size_t room = cap - used;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        used = (size_t)(dst - buf);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *grown = realloc(buf, cap * 2);
            if (!grown)
                rc = CLIO_ENOMEM;
            else {
                buf = grown;
                cap *= 2;
            }
        } else { /* EILSEQ or EINVAL: a byte the encoding does not have, or cut short */
            *bad_at = (int64_t)(src - in);
            rc = CLIO_EFORMAT;
        }
    }
    iconv_close(cd);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *out_len = used;
    return 0;
}
