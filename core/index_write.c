/* The index writer shared by the build and the segment merge (index_write.h). */
#include "index_write.h"

#include "access.h"
#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ix_writer_init(ix_writer *w, int fd)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    w->pos = IX_HEADER_SIZE;
    w->buf = malloc(IX_WRITE_BUFFER);
    return w->buf ? 0 : (w->rc = CLIO_ENOMEM);
}

void ix_writer_free(ix_writer *w)
{
    free(w->buf);
    free(w->checks);
    w->buf = NULL;
    w->checks = NULL;
}

static int put_all(ix_writer *w, const void *p, size_t n, uint64_t at)
{
    const char *s = p;
    while (n) {
        ssize_t got = pwrite(w->fd, s, n, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            w->sys_errno = errno;
            return w->rc = CLIO_EIO;
        }
        s += got;
        n -= (size_t)got;
        at += (uint64_t)got;
    }
    return 0;
}

/* Writes the buffer, a checksum for each 4 KiB block of it. */
static int flush_block(ix_writer *w)
{
    if (w->rc || !w->len)
        return w->rc;
    size_t nb = (w->len + IX_BLOCK_SIZE - 1) / IX_BLOCK_SIZE;
    if (clio_grow((void **)&w->checks, &w->ccap, w->nchecks + nb, sizeof *w->checks))
        return w->rc = CLIO_ENOMEM;
    for (size_t b = 0; b < nb; b++) {
        size_t off = b * IX_BLOCK_SIZE, len = w->len - off < IX_BLOCK_SIZE ? w->len - off : IX_BLOCK_SIZE;
        w->checks[w->nchecks++] = (uint32_t)clio_hash64(w->buf + off, len, w->pos + off);
    }
    if (put_all(w, w->buf, w->len, w->pos))
        return w->rc;
    w->pos += w->len;
    w->len = 0;
    return 0;
}

void ix_wr(ix_writer *w, const void *p, size_t n)
{
    const uint8_t *s = p;
    while (n && !w->rc) {
        size_t room = IX_WRITE_BUFFER - w->len, k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
        if (w->len == IX_WRITE_BUFFER)
            flush_block(w);
    }
}

uint64_t ix_wr_tell(const ix_writer *w) { return w->pos + w->len; }

void ix_wr_align(ix_writer *w)
{
    static const uint8_t zero[8];
    size_t pad = (size_t)(-ix_wr_tell(w) & 7u);
    ix_wr(w, zero, pad);
}

int ix_writer_finish(ix_writer *w, ix_header *h, const char *options, const char *name,
                     clio_error *err)
{
    int rc = w->rc ? w->rc : flush_block(w);
    if (!rc) {
        h->checks_off = w->pos;
        h->checks_sum = clio_hash64(w->checks, w->nchecks * sizeof *w->checks, 0);
        rc = put_all(w, w->checks, w->nchecks * sizeof *w->checks, w->pos);
    }
    if (!rc) {
        memcpy(h->magic, IX_MAGIC, 8);
        h->version = IX_VERSION;
        h->header_size = IX_HEADER_SIZE;
        h->file_size = h->checks_off + w->nchecks * sizeof *w->checks;
        h->fold_flags = CLIO_FOLD_DEFAULT;
        h->header_sum = 0;
        uint8_t head[IX_HEADER_SIZE];
        memset(head, 0, sizeof head);
        memcpy(head, h, sizeof *h);
        if (options) /* cut to fit, always NUL-terminated */
            memcpy(head + IX_BUILD_OFF, options, strnlen(options, IX_BUILD_MAX - 1));
        h->header_sum = clio_hash64(head, sizeof head, 0); /* the whole page, padding too */
        memcpy(head, h, sizeof *h);
        rc = put_all(w, head, sizeof head, 0);
        if (!rc && ftruncate(w->fd, (off_t)h->file_size) < 0) {
            w->sys_errno = errno;
            rc = w->rc = CLIO_EIO;
        }
    }
    if (rc == CLIO_EIO) {
        clio_error_set(err, rc, name, "cannot write: %s", strerror(w->sys_errno));
        if (err)
            err->sys_errno = w->sys_errno;
    } else if (rc) {
        clio_error_set(err, rc, name, "writing the index: %s", clio_strerror(rc));
    }
    return rc;
}

int ix_write_atomically(const char *path,
                        int (*fill)(int fd, const char *dir, void *ctx, clio_error *err),
                        void *ctx, clio_error *err)
{
    if (clio_access_write(path, "writing", err))
        return CLIO_EDENIED;
    clio_temp_remove_stale(path);
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return clio_error_set(err, CLIO_ENOMEM, path, "out of memory");
    snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        clio_error_set(err, CLIO_EIO, path, "cannot create %s: %s", tmp, strerror(e));
        if (err)
            err->sys_errno = e;
        free(tmp);
        return CLIO_EIO;
    }
    char *dir = strdup(path);
    if (!dir) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return clio_error_set(err, CLIO_ENOMEM, path, "out of memory");
    }
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    clio_temp_register(tmp); /* best effort: only a fatal signal needs it */
    int rc = fill(fd, slash ? dir : ".", ctx, err);
    free(dir);
    if (!rc && fsync(fd) < 0)
        rc = clio_error_set(err, CLIO_EIO, path, "cannot write: %s", strerror(errno));
    if (close(fd) < 0 && !rc)
        rc = clio_error_set(err, CLIO_EIO, path, "cannot write: %s", strerror(errno));
    if (!rc && rename(tmp, path) < 0)
        rc = clio_error_set(err, CLIO_EIO, path, "cannot rename %s: %s", tmp, strerror(errno));
    if (rc)
        unlink(tmp);
    clio_temp_forget(tmp);
    free(tmp);
    return rc;
}
