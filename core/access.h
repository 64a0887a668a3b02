/* The file access policy of a sandboxed run: the folders and files that may be read and
 * the one file that may be written. Process-wide and set once: after
 * clio_access_confine() every path the core (and the host's bindings) opens, lists,
 * stats or resolves is checked here first, and nothing can lift or widen the policy. */
#ifndef CLIO_ACCESS_H
#define CLIO_ACCESS_H

#include "clio.h"

/* Confines the process: `readable` lists the paths (files or folders, resolved here)
 * whose contents may be read; `writable` (or NULL) is the single file that may be
 * written, with its temporaries NAME.tmp-* beside it. Returns CLIO_EARG when the process
 * is already confined, CLIO_ENOMEM when the policy cannot be stored. */
int clio_access_confine(const char *const *readable, size_t n, const char *writable);

/* 1 once clio_access_confine() succeeded. */
int clio_access_confined(void);

/* 1 when `path` may be read (always, unconfined). A path that does not exist is allowed
 * only when its folder may be read, so the answer never tells whether a path outside
 * the allowed roots exists. (Standard input, "-" to the corpus reader, is not a path.) */
int clio_access_may_read(const char *path);
/* 1 when `path` is the writable file or one of its temporaries (never, when confined
 * without one; always, unconfined). */
int clio_access_may_write(const char *path);

/* 0 when `source`, named inside the index file `index`, may be read: always when the
 * index came from the command line (under a readable root), and by the policy alone
 * when it is the run's own output, which the script could have written to name any
 * file. Else CLIO_EDENIED with e filled. */
int clio_access_read_source(const char *index, const char *source, clio_error *e);

/* 0 or CLIO_EDENIED with e filled: "sandbox: VERB PATH is not allowed". */
int clio_access_read(const char *path, const char *verb, clio_error *e);
int clio_access_write(const char *path, const char *verb, clio_error *e);

#endif
