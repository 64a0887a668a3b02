/* Writing an index file (internal to index_build.c and index_merge.c): a buffered
 * writer that checksums every 4 KiB block of the sections as it goes, the header page
 * that closes the file, and the temporary-name-then-rename that keeps a failed write
 * from replacing a good file. Both the build and the segment merge write through it,
 * so a merged index and a built one are laid out by the same code. */
#ifndef CLIO_INDEX_WRITE_H
#define CLIO_INDEX_WRITE_H

#include "clio.h"
#include "index_format.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ix_writer {
    int fd;
    uint64_t pos;       /* file offset of buf[0] */
    uint8_t *buf;
    size_t len;
    uint32_t *checks;
    size_t nchecks, ccap;
    int rc, sys_errno;  /* sticky: the first failure */
} ix_writer;

/* A writer at the first byte after the header page. CLIO_ENOMEM. */
int ix_writer_init(ix_writer *w, int fd);
void ix_writer_free(ix_writer *w);
void ix_wr(ix_writer *w, const void *p, size_t n);
uint64_t ix_wr_tell(const ix_writer *w);
/* Zeros up to the next multiple of 8: every section starts aligned. */
void ix_wr_align(ix_writer *w);
/* Ends the file: the buffer, the checksum table, then the header page (h completed
 * with magic, version, sizes and checksums; options, cut to fit, at IX_BUILD_OFF),
 * and the file cut to its size. A failure is reported in err under name. */
int ix_writer_finish(ix_writer *w, ix_header *h, const char *options, const char *name,
                     clio_error *err);

/* Writes path through fill(fd, folder of path, ctx) into path.tmp-PID, then fsync and
 * rename: a failed or killed write leaves any previous file as it was. */
int ix_write_atomically(const char *path,
                        int (*fill)(int fd, const char *dir, void *ctx, clio_error *err),
                        void *ctx, clio_error *err);

#endif
