/* A corpus: files read once (mmap), checked as UTF-8, cut into documents, with
 * metadata; each document's gaps, tokens and sentences found on demand. */
#include "access.h"
#include "clio.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef clio_file file_rec;

struct clio_corpus {
    clio_corpus_opts opts;
    file_rec **files; /* each allocated once: documents point to theirs */
    size_t nfiles, fcap;
    clio_doc *docs;
    size_t ndocs, dcap;
    clio_vocab *vocab;
    char **skipped; /* symlinks out of a folder, not followed */
    size_t nskipped, scap;
    clio_input_note *not_text, *refused; /* see clio_corpus_not_text / _refused */
    size_t nnot_text, ntcap, nrefused, rfcap;
};

clio_corpus *clio_corpus_new(const clio_corpus_opts *opts)
{
    clio_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (opts)
        c->opts = *opts;
    if (!c->opts.fold_flags)
        c->opts.fold_flags = CLIO_FOLD_DEFAULT;
    /* the corpus keeps its own copies: a caller's strings need not outlive the call */
    char *sep = c->opts.separator ? strdup(c->opts.separator) : NULL;
    char *field = c->opts.text_field ? strdup(c->opts.text_field) : NULL;
    char *enc = c->opts.encoding ? strdup(c->opts.encoding) : NULL;
    c->opts.separator = sep;
    c->opts.text_field = field;
    c->opts.encoding = enc;
    c->vocab = clio_vocab_new();
    if (!c->vocab || (opts && opts->separator && !sep) || (opts && opts->text_field && !field) ||
        (opts && opts->encoding && !enc)) {
        clio_vocab_free(c->vocab);
        free(sep);
        free(field);
        free(enc);
        free(c);
        return NULL;
    }
    return c;
}

const clio_parts clio_no_parts;

static void free_parts(clio_doc *d)
{
    clio_parts *p = d->parts;
    if (!p)
        return;
    free(p->markup.v);
    clio_buf_free(&p->markup.subs);
    free(p->gaps.v);
    clio_buf_free(&p->gaps.subs);
    free(p->marks.v);
    clio_buf_free(&p->marks.text);
    free(p->tokens.v);
    free(p->sentences.v);
    free(p);
    d->parts = NULL;
}

/* d's parts, allocated when it had none. */
static clio_parts *parts_of(clio_doc *d)
{
    if (!d->parts)
        d->parts = calloc(1, sizeof *d->parts);
    return d->parts;
}

/* Frees d's parts once they hold nothing (no markup, marks, gaps, tokens). */
static void drop_empty_parts(clio_doc *d)
{
    const clio_parts *p = d->parts;
    if (p && !p->markup.n && !p->marks.n && !p->gaps.n && !p->tokens.n && !p->sentences.n)
        free_parts(d);
}

static void free_doc(clio_doc *d)
{
    for (size_t i = 0; i < clio_doc_nmeta(d); i++) {
        free((char *)d->meta->v[i].key);
        free((char *)d->meta->v[i].value);
    }
    free(d->meta);
    free_parts(d);
}

const char *clio_doc_name(const clio_doc *d, char buf[CLIO_DOC_NAME_MAX])
{
    if (!d->number)
        return d->file->name;
    snprintf(buf, CLIO_DOC_NAME_MAX, "%s#%llu", d->file->name, (unsigned long long)d->number);
    return buf;
}

static void free_file(file_rec *f)
{
    if (f->mapped)
        clio_unmap_file((void *)f->bytes, (size_t)f->size);
    else
        free((char *)f->bytes);
    free((char *)f->path);
    free((char *)f->name);
    free(f);
}

void clio_corpus_free(clio_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ndocs; i++)
        free_doc(&c->docs[i]);
    for (size_t i = 0; i < c->nfiles; i++)
        free_file(c->files[i]);
    for (size_t i = 0; i < c->nskipped; i++)
        free(c->skipped[i]);
    free(c->skipped);
    for (size_t i = 0; i < c->nnot_text; i++)
        free((char *)c->not_text[i].path);
    for (size_t i = 0; i < c->nrefused; i++) {
        free((char *)c->refused[i].path);
        free((char *)c->refused[i].message);
    }
    free(c->not_text);
    free(c->refused);
    free((char *)c->opts.encoding);
    free(c->docs);
    free(c->files);
    clio_vocab_free(c->vocab);
    free((char *)c->opts.separator);
    free((char *)c->opts.text_field);
    free(c);
}

size_t clio_corpus_ndocs(const clio_corpus *c) { return c->ndocs; }

static int cmp_str(const void *a, const void *b);

int clio_corpus_names_distinct(const clio_corpus *c)
{
    const char **names = malloc((c->nfiles ? c->nfiles : 1) * sizeof *names);
    if (!names)
        return CLIO_ENOMEM;
    int distinct = 1;
    for (size_t i = 0; i < c->nfiles && distinct; i++) {
        names[i] = c->files[i]->name;
        distinct = !strchr(names[i], '#');
    }
    if (distinct && c->nfiles > 1) {
        qsort(names, c->nfiles, sizeof *names, cmp_str);
        for (size_t i = 1; i < c->nfiles && distinct; i++)
            distinct = strcmp(names[i - 1], names[i]) != 0;
    }
    free(names);
    return distinct;
}
size_t clio_corpus_nskipped(const clio_corpus *c) { return c->nskipped; }
const char *clio_corpus_skipped(const clio_corpus *c, size_t i)
{
    return i < c->nskipped ? c->skipped[i] : NULL;
}
clio_doc *clio_corpus_doc(clio_corpus *c, size_t i) { return i < c->ndocs ? &c->docs[i] : NULL; }
size_t clio_corpus_nnot_text(const clio_corpus *c) { return c->nnot_text; }
const clio_input_note *clio_corpus_not_text(const clio_corpus *c, size_t i)
{
    return i < c->nnot_text ? &c->not_text[i] : NULL;
}
size_t clio_corpus_nrefused(const clio_corpus *c) { return c->nrefused; }
const clio_input_note *clio_corpus_refused(const clio_corpus *c, size_t i)
{
    return i < c->nrefused ? &c->refused[i] : NULL;
}

/* Records a file a folder walk passed over; takes path. */
static int note_not_text(clio_corpus *c, char *path)
{
    if (clio_grow((void **)&c->not_text, &c->ntcap, c->nnot_text + 1, sizeof *c->not_text)) {
        free(path);
        return CLIO_ENOMEM;
    }
    const char *slash = strrchr(path, '/');
    c->not_text[c->nnot_text++] =
        (clio_input_note){path, clio_kind_of_name(slash ? slash + 1 : path), 0, 0, 0, 0, NULL};
    return 0;
}

/* Records the refusal in err (its message and position), for the list of bad files. */
static int note_refused(clio_corpus *c, const char *path, clio_file_kind kind,
                        const clio_error *err)
{
    if (clio_grow((void **)&c->refused, &c->rfcap, c->nrefused + 1, sizeof *c->refused))
        return CLIO_ENOMEM;
    char *p = strdup(path), *m = strdup(err->message);
    if (!p || !m) {
        free(p);
        free(m);
        return CLIO_ENOMEM;
    }
    c->refused[c->nrefused++] =
        (clio_input_note){p, kind, err->code, err->line, err->column, err->offset, m};
    return 0;
}
clio_vocab *clio_corpus_vocab(clio_corpus *c) { return c->vocab; }

const char *clio_doc_meta(const clio_doc *d, const char *key)
{
    for (size_t i = 0; i < clio_doc_nmeta(d); i++)
        if (strcmp(d->meta->v[i].key, key) == 0)
            return d->meta->v[i].value;
    return NULL;
}

/* ---- documents ------------------------------------------------------------------ */

/* Adds the document [start, end) of f, named "NAME#number" (the file's name when 0). */
static int add_doc(clio_corpus *c, const file_rec *f, size_t number, int64_t start,
                   int64_t end)
{
    if (clio_grow((void **)&c->docs, &c->dcap, c->ndocs + 1, sizeof *c->docs))
        return CLIO_ENOMEM;
    clio_doc *d = &c->docs[c->ndocs];
    memset(d, 0, sizeof *d);
    d->file = f;
    d->number = number;
    d->start = start;
    d->end = end;
    d->sentence_cut = -1;
    c->ndocs++;
    return 0;
}

static int is_blank_line(const char *s, int64_t from, int64_t to)
{
    for (int64_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Cuts one file into documents by the corpus's split rule: a piece runs from the
 * start of its first line to the end of its last non-blank line, without the break. */
static int split_file(clio_corpus *c, const file_rec *f, int64_t from)
{
    const char *s = f->bytes;
    int64_t n = f->size;
    int mode = c->opts.split;
    if (mode == CLIO_SPLIT_NONE)
        return add_doc(c, f, 0, from, n);
    size_t sep_len = c->opts.separator ? strlen(c->opts.separator) : 0;
    if (mode == CLIO_SPLIT_SEPARATOR && !sep_len)
        return CLIO_EARG;

    size_t count = 0;
    int64_t piece = from, last = -1; /* last: end of the piece's last non-blank line */
    for (int64_t i = from; i < n || (i == n && last >= 0);) {
        const char *nl = i < n ? memchr(s + i, '\n', (size_t)(n - i)) : NULL;
        int64_t line_end = nl ? nl - s : n;
        int64_t content_end = line_end > i && s[line_end - 1] == '\r' ? line_end - 1 : line_end;
        int blank = is_blank_line(s, i, content_end);
        int boundary = i == n || (mode == CLIO_SPLIT_LINES) ||
                       (mode == CLIO_SPLIT_BLANK && blank) ||
                       (mode == CLIO_SPLIT_SEPARATOR && (size_t)(content_end - i) == sep_len &&
                        memcmp(s + i, c->opts.separator, sep_len) == 0);
        if (mode == CLIO_SPLIT_LINES && !blank) {
            piece = i;
            last = content_end;
        } else if (!boundary && !blank) {
            last = content_end;
        }
        if (boundary && last >= 0) {
            int rc = add_doc(c, f, ++count, piece, last);
            if (rc)
                return rc;
            last = -1;
        }
        if (boundary)
            piece = line_end + 1;
        if (i == n)
            break;
        i = nl ? line_end + 1 : n;
    }
    return 0;
}

/* ---- structured formats ----------------------------------------------------------- */

struct clio_format_sink {
    clio_corpus *c;
    const file_rec *f;
    size_t count;
};

static int set_meta(clio_doc *d, const char *key, const char *value);

int clio_format_add_doc(clio_format_sink *sink, int64_t start, int64_t end,
                        const clio_gaps *markup, const clio_marks *marks,
                        const clio_meta *meta, size_t nmeta)
{
    if (start < 0 || end < start || end > sink->f->size)
        return CLIO_EARG;
    int rc = add_doc(sink->c, sink->f, ++sink->count, start, end);
    if (rc)
        return rc;
    clio_doc *d = &sink->c->docs[sink->c->ndocs - 1];
    clio_parts *p = (markup && markup->n) || (marks && marks->n) ? parts_of(d) : NULL;
    if (markup && markup->n) {
        if (!p || !(p->markup.v = malloc(markup->n * sizeof *markup->v)))
            return CLIO_ENOMEM;
        memcpy(p->markup.v, markup->v, markup->n * sizeof *markup->v);
        p->markup.n = p->markup.cap = markup->n;
        if (markup->subs.len &&
            clio_buf_append(&p->markup.subs, markup->subs.data, markup->subs.len))
            return CLIO_ENOMEM;
    }
    if (marks && marks->n) {
        if (!p || !(p->marks.v = malloc(marks->n * sizeof *marks->v)))
            return CLIO_ENOMEM;
        memcpy(p->marks.v, marks->v, marks->n * sizeof *marks->v);
        p->marks.n = p->marks.cap = marks->n;
        if (marks->text.len && clio_buf_append(&p->marks.text, marks->text.data, marks->text.len))
            return CLIO_ENOMEM;
    }
    for (size_t i = 0; !rc && i < nmeta; i++)
        rc = set_meta(d, meta[i].key, meta[i].value);
    return rc;
}

static int ends_with(const char *s, const char *suffix);

/* The reader a file's name calls for, or NULL for plain text. */
static int read_format(clio_corpus *c, const file_rec *f, int *handled, clio_error *err)
{
    clio_format_sink sink = {c, f, 0};
    const char *field = c->opts.text_field ? c->opts.text_field : "text";
    size_t first = c->ndocs;
    int rc;
    *handled = 1;
    if (ends_with(f->path, ".xml") || ends_with(f->path, ".tei"))
        rc = clio_format_tei(f->bytes, f->size, f->path, &sink, err);
    else if (ends_with(f->path, ".csv"))
        rc = clio_format_rows(f->bytes, f->size, ',', field, f->path, &sink, err);
    else if (ends_with(f->path, ".tsv"))
        rc = clio_format_rows(f->bytes, f->size, '\t', field, f->path, &sink, err);
    else if (ends_with(f->path, ".jsonl") || ends_with(f->path, ".ndjson"))
        rc = clio_format_jsonl(f->bytes, f->size, field, f->path, &sink, err);
    else {
        *handled = 0;
        return 0;
    }
    /* a file holding one document keeps its plain name */
    if (!rc && c->ndocs == first + 1)
        c->docs[first].number = 0;
    return rc;
}

/* ---- files ---------------------------------------------------------------------- */

static int utf8_refusal(const file_rec *f, int64_t from, const clio_utf8_report *r,
                        clio_error *err)
{
    clio_error_set(err, CLIO_EUTF8, f->path,
                   "invalid UTF-8 (%s) at line %lld, column %lld, byte %lld; %lld bad "
                   "sequence%s in the file (--repair reads them as U+FFFD; --encoding NAME reads "
                   "a legacy encoding such as cp1252)",
                   clio_utf8_problem_text(r->problem), (long long)r->line,
                   (long long)r->column, (long long)(r->offset + from), (long long)r->bad,
                   r->bad == 1 ? "" : "s");
    if (err) {
        err->line = r->line;
        err->column = r->column;
        err->offset = r->offset + from;
    }
    return CLIO_EUTF8;
}

/* "FILE" in a conversion command template replaced by path, into out. */
static void convert_command(const char *tmpl, const char *path, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = 0;
    for (const char *t = tmpl; *t && n + 1 < cap; t++) {
        if (strncmp(t, "FILE", 4) == 0) {
            n += (size_t)snprintf(out + n, cap - n, "%s", path);
            if (n >= cap)
                n = cap - 1;
            t += 3;
        } else {
            out[n++] = *t;
            out[n] = 0;
        }
    }
}

/* Refuses a file that is a document format, not text, naming the command that converts
 * it. */
static int binary_refusal(const char *path, clio_file_kind kind, clio_error *err)
{
    char cmd[1200];
    const char *tmpl = clio_kind_convert(kind);
    convert_command(tmpl ? tmpl : "", path, cmd, sizeof cmd);
    clio_error_set(err, CLIO_EFORMAT, path, "is a %s, not text; convert it to text first%s%s%s",
                   clio_kind_label(kind), tmpl ? " (" : "", cmd, tmpl ? ")" : "");
    if (err)
        err->line = err->column = err->offset = 0;
    return CLIO_EFORMAT;
}

/* Reads f's bytes from a legacy encoding into UTF-8, in place. */
static int decode_legacy(clio_corpus *c, file_rec *f, clio_error *err)
{
    char *out;
    size_t n;
    int64_t bad;
    int rc = clio_encoding_decode(c->opts.encoding, f->bytes, (size_t)f->size, &out, &n, &bad);
    if (rc == CLIO_EFORMAT) {
        int64_t line = 1, col = 1;
        for (int64_t i = 0; i < bad; i++) {
            col++;
            if (f->bytes[i] == '\n') {
                line++;
                col = 1;
            }
        }
        clio_error_set(err, rc, f->path,
                       "not valid %s at line %lld, column %lld, byte %lld (byte 0x%02X has no "
                       "character there)",
                       c->opts.encoding, (long long)line, (long long)col, (long long)bad,
                       (unsigned char)f->bytes[bad]);
        if (err) {
            err->line = line;
            err->column = col;
            err->offset = bad;
        }
        return rc;
    }
    if (rc == CLIO_EARG)
        return clio_error_set(err, rc, f->path, "unknown encoding '%s' (iconv -l lists them)",
                              c->opts.encoding);
    if (rc)
        return clio_error_set(err, rc, f->path, "out of memory");
    if (f->mapped)
        clio_unmap_file((void *)f->bytes, (size_t)f->size);
    else
        free((char *)f->bytes);
    f->bytes = out;
    f->size = (int64_t)n;
    f->mapped = 0;
    return 0;
}

/* Takes ownership of bytes. Checks the text, then cuts it into documents. */
static int add_file(clio_corpus *c, const char *path, const char *name, char *bytes,
                    int64_t size, int mapped, int64_t mtime_ns, clio_error *err)
{
    if (clio_grow((void **)&c->files, &c->fcap, c->nfiles + 1, sizeof *c->files)) {
        if (mapped)
            clio_unmap_file(bytes, (size_t)size);
        else
            free(bytes);
        return CLIO_ENOMEM;
    }
    file_rec *f = malloc(sizeof *f);
    if (f)
        *f = (file_rec){strdup(path), strdup(name), bytes, size, mtime_ns, mapped};
    if (!f || !f->path || !f->name) {
        if (f) {
            free((char *)f->path);
            free((char *)f->name);
            free(f);
        }
        if (mapped)
            clio_unmap_file(bytes, (size_t)size);
        else
            free(bytes);
        return CLIO_ENOMEM;
    }
    c->files[c->nfiles++] = f;

    clio_file_kind kind = clio_kind_of_bytes(name, bytes, (size_t)size);
    if (kind != CLIO_KIND_TEXT)
        return binary_refusal(path, kind, err);
    if (!clio_encoding_is_utf8(c->opts.encoding)) {
        int rc = decode_legacy(c, f, err);
        if (rc)
            return rc;
        bytes = (char *)f->bytes;
        size = f->size;
    }
    int64_t from = size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    clio_utf8_report r;
    int64_t repaired = 0;
    if (!clio_utf8_check(bytes + from, (size_t)(size - from), &r)) {
        if (!c->opts.repair)
            return utf8_refusal(f, from, &r, err);
        repaired = r.bad;
    }
    size_t first = c->ndocs;
    int handled;
    int rc = read_format(c, f, &handled, err);
    if (handled && rc)
        return rc == CLIO_ENOMEM ? clio_error_set(err, rc, path, "out of memory") : rc;
    if (!handled)
        rc = split_file(c, f, from);
    if (rc == CLIO_EARG)
        return clio_error_set(err, rc, path, "splitting by separator needs a separator");
    if (rc)
        return clio_error_set(err, rc, path, "%s", clio_strerror(rc));
    /* repairs are counted per document */
    for (size_t i = first; i < c->ndocs && repaired; i++) {
        clio_doc *d = &c->docs[i];
        if (d->start == from && d->end == size) {
            d->repaired = repaired;
        } else {
            clio_utf8_report dr;
            clio_utf8_check(bytes + d->start, (size_t)(d->end - d->start), &dr);
            d->repaired = dr.bad;
        }
    }
    return 0;
}

static int io_error(clio_error *err, const char *path, const char *what)
{
    int e = errno;
    clio_error_set(err, CLIO_EIO, path, "cannot %s: %s", what, strerror(e));
    if (err)
        err->sys_errno = e;
    return CLIO_EIO;
}

/* Reads fd to its end; hint (the size fstat gave, or 0) sizes the buffer exactly. */
/* Files smaller than this are read into memory rather than mapped. */
#define SMALL_FILE (64 * 1024)

static int read_all(int fd, char **out, int64_t *size, size_t hint)
{
    clio_buf b = {0};
    for (;;) {
        if (clio_buf_reserve(&b, !hint ? 1 << 16 : b.len < hint ? hint - b.len + 1 : 1)) {
            clio_buf_free(&b);
            return CLIO_ENOMEM;
        }
        ssize_t got = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            clio_buf_free(&b);
            return CLIO_EIO;
        }
        if (got == 0)
            break;
        b.len += (size_t)got;
    }
    *out = b.data ? b.data : calloc(1, 1);
    *size = (int64_t)b.len;
    return *out ? 0 : CLIO_ENOMEM;
}

int clio_corpus_add_fd(clio_corpus *c, int fd, const char *name, clio_error *err)
{
    char *bytes;
    int64_t size;
    int rc = read_all(fd, &bytes, &size, 0);
    if (rc == CLIO_EIO)
        return io_error(err, name, "read");
    if (rc)
        return clio_error_set(err, rc, name, "%s", clio_strerror(rc));
    return add_file(c, name, name, bytes, size, 0, -1, err);
}

int clio_corpus_add_memory(clio_corpus *c, const char *name, const char *data, size_t n,
                           clio_error *err)
{
    char *copy = malloc(n ? n : 1);
    if (!copy)
        return clio_error_set(err, CLIO_ENOMEM, name, "out of memory");
    memcpy(copy, data, n);
    return add_file(c, name, name, copy, (int64_t)n, 0, -1, err);
}

int64_t clio_settled_mtime(const struct stat *st)
{
    int64_t mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) < 0 ||
        (int64_t)now.tv_sec * 1000000000 + now.tv_nsec - mtime_ns < 2 * (int64_t)1000000000)
        return 0;
    return mtime_ns;
}

static int add_regular_file(clio_corpus *c, const char *path, const char *name,
                            clio_error *err)
{
    if (clio_access_read(path, "reading", err))
        return CLIO_EDENIED;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, path, "open");
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int rc = io_error(err, path, "stat");
        close(fd);
        return rc;
    }
    if (!S_ISREG(st.st_mode)) { /* a pipe or device: read it through */
        int rc = clio_corpus_add_fd(c, fd, path, err);
        close(fd);
        return rc;
    }
    char *bytes = NULL;
    int mapped = 0;
    int64_t size = st.st_size;
    /* Small files are read, not mapped: each mapping takes one of the process's map
     * entries (vm.max_map_count, 65530 by default), which a folder of 100,000 small
     * files would exhaust. A mapping refused for that reason falls back to reading. */
    if (st.st_size >= SMALL_FILE) {
        bytes = clio_map_file(fd, (size_t)st.st_size, path);
        if (bytes != MAP_FAILED)
            mapped = 1;
        else if (errno != ENOMEM) {
            int rc = io_error(err, path, "map");
            close(fd);
            return rc;
        }
    }
    if (!mapped) {
        int rc = read_all(fd, &bytes, &size, (size_t)st.st_size);
        if (rc) {
            rc = rc == CLIO_EIO ? io_error(err, path, "read")
                                : clio_error_set(err, rc, path, "out of memory");
            close(fd);
            return rc;
        }
    }
    close(fd);
    /* the mtime from before the read: a change during or after it gives another one */
    return add_file(c, path, name, bytes, size, mapped, clio_settled_mtime(&st), err);
}

/* ---- directories ---------------------------------------------------------------- */

typedef struct {
    char **v;
    size_t n, cap;
} path_list;

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    dir_id *v;
    size_t n, cap;
} dir_stack;

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Files a folder contributes: plain text (.txt, .text, .md in any case), TEI and
 * JSONL. CSV/TSV files in a folder are metadata sidecars, so a table corpus is named as
 * a file. */
static int is_text_file(const char *name) { return clio_kind_of_name(name) == CLIO_KIND_TEXT; }

/* Files a folder holds for clio itself, never reported as passed over. */
static int is_own_file(const char *name)
{
    return strcmp(name, "metadata.csv") == 0 || strcmp(name, "metadata.tsv") == 0 ||
           strcmp(name, "cleaning.rules") == 0 || ends_with(name, ".clio");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a walk needs besides the folder it is in: the root it started from (its real
 * path), whether links out of it are followed, and where the files go. */
typedef struct {
    const char *root_real;
    int follow;
    path_list *out;
    path_list *skipped; /* may be NULL */
    path_list *not_text; /* files that are not text; may be NULL */
    dir_stack seen;
} walk_ctx;

static int add_path_to(path_list *l, char *p)
{
    if (clio_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v)) {
        free(p);
        return CLIO_ENOMEM;
    }
    l->v[l->n++] = p;
    return 0;
}

/* Whether the symlink p to a folder stays inside the walk's root. */
static int link_inside_root(const walk_ctx *w, const char *p)
{
    if (!w->root_real)
        return 0;
    char *real = realpath(p, NULL);
    if (!real)
        return 0;
    size_t n = strlen(w->root_real);
    int inside = strncmp(real, w->root_real, n) == 0 &&
                 (real[n] == '\0' || real[n] == '/' || (n == 1 && w->root_real[0] == '/'));
    free(real);
    return inside;
}

/* Collects the text files below dir; a directory already on the way down (a symlink
 * loop) is skipped, and so is a symlink to a folder outside the root unless the walk
 * follows them: a link to / would otherwise walk the whole file system. */
static int walk(const char *dir, walk_ctx *w, clio_error *err)
{
    dir_stack *seen = &w->seen;
    struct stat st;
    if (clio_access_read(dir, "listing", err))
        return CLIO_EDENIED;
    if (stat(dir, &st) < 0)
        return io_error(err, dir, "stat");
    for (size_t i = 0; i < seen->n; i++)
        if (seen->v[i].dev == st.st_dev && seen->v[i].ino == st.st_ino)
            return 0;
    if (clio_grow((void **)&seen->v, &seen->cap, seen->n + 1, sizeof *seen->v))
        return CLIO_ENOMEM;
    seen->v[seen->n++] = (dir_id){st.st_dev, st.st_ino};

    DIR *d = opendir(dir);
    if (!d)
        return io_error(err, dir, "open directory");
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p) {
            rc = CLIO_ENOMEM;
            break;
        }
        snprintf(p, len, "%s/%s", dir, e->d_name);
        struct stat ls, es;
        if (lstat(p, &ls) < 0 || stat(p, &es) < 0) {
            free(p); /* a dangling link: nothing to read */
            continue;
        }
        if (S_ISDIR(es.st_mode)) {
            if (S_ISLNK(ls.st_mode) && !w->follow && !link_inside_root(w, p)) {
                if (w->skipped)
                    rc = add_path_to(w->skipped, p);
                else
                    free(p);
                continue;
            }
            rc = walk(p, w, err);
            free(p);
        } else if (S_ISREG(es.st_mode) && is_text_file(e->d_name)) {
            rc = add_path_to(w->out, p);
        } else if (w->not_text && S_ISREG(es.st_mode) && !is_own_file(e->d_name)) {
            rc = add_path_to(w->not_text, p);
        } else {
            free(p);
        }
    }
    closedir(d);
    seen->n--;
    return rc;
}

static int find_sidecar(const char *dir, char *out, size_t cap)
{
    static const char *names[] = {"metadata.csv", "metadata.tsv"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(out, cap, "%s/%s", dir, names[i]);
        if (access(out, R_OK) == 0)
            return 1;
    }
    return 0;
}

/* The files below dir, sorted; *root gets dir without its trailing slashes; symlinks
 * to folders outside it that were not followed go to skipped (may be NULL). */
static int folder_files(const char *dir, int follow, char **root, path_list *files,
                        path_list *skipped, path_list *not_text, clio_error *err)
{
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    *root = strndup(dir, dlen);
    if (!*root)
        return CLIO_ENOMEM;
    walk_ctx w = {realpath(*root, NULL), follow, files, skipped, not_text, {0}};
    int rc = walk(*root, &w, err);
    if (!rc && files->n) /* an empty folder: no array, and qsort wants one */
        qsort(files->v, files->n, sizeof *files->v, cmp_str);
    if (!rc && skipped && skipped->n)
        qsort(skipped->v, skipped->n, sizeof *skipped->v, cmp_str);
    if (!rc && not_text && not_text->n)
        qsort(not_text->v, not_text->n, sizeof *not_text->v, cmp_str);
    free(w.seen.v);
    free((char *)w.root_real);
    return rc;
}

static void free_paths(path_list *files)
{
    for (size_t i = 0; i < files->n; i++)
        free(files->v[i]);
    free(files->v);
}

int clio_folder_files(const char *dir, int follow_symlinks, char ***paths, size_t *n,
                      clio_error *err)
{
    path_list files = {0};
    char *root = NULL;
    int rc = folder_files(dir, follow_symlinks, &root, &files, NULL, NULL, err);
    free(root);
    if (rc) {
        free_paths(&files);
        return rc == CLIO_ENOMEM ? clio_error_set(err, rc, dir, "out of memory") : rc;
    }
    *paths = files.v;
    *n = files.n;
    return 0;
}

/* Whether a failed file is a bad input (left out under skip_bad, listed with the others
 * otherwise) rather than a failure of the run (memory, I/O). */
static int is_refusal(int rc) { return rc == CLIO_EUTF8 || rc == CLIO_EFORMAT; }

/* Adds one file; a refused one is recorded, its documents taken back, and under
 * skip_bad the run goes on. */
static int add_or_refuse(clio_corpus *c, const char *path, const char *name, clio_error *err)
{
    size_t first = c->ndocs;
    int rc = add_regular_file(c, path, name, err);
    if (!is_refusal(rc))
        return rc;
    while (c->ndocs > first)
        free_doc(&c->docs[--c->ndocs]);
    const char *slash = strrchr(path, '/');
    int nrc = note_refused(c, path, clio_kind_of_name(slash ? slash + 1 : path), err);
    if (nrc)
        return clio_error_set(err, nrc, path, "out of memory");
    return c->opts.skip_bad ? 0 : rc;
}

/* After a folder: every bad file was found; unless skip_bad, the first one's error
 * stands for all, with how many more there were. */
static int folder_refusals(clio_corpus *c, const char *dir, size_t before,
                           const clio_error *first, clio_error *err)
{
    if (c->opts.skip_bad || c->nrefused == before)
        return 0;
    size_t bad = c->nrefused - before;
    if (err) {
        *err = *first;
        if (bad > 1) {
            char msg[sizeof err->message];
            snprintf(msg, sizeof msg, "%s", first->message);
            clio_error_set(err, first->code, first->path, "%s (and %zu more bad file%s in %s)",
                           msg, bad - 1, bad == 2 ? "" : "s", dir);
            err->line = first->line;
            err->column = first->column;
            err->offset = first->offset;
        }
    }
    return first->code;
}

static int add_directory(clio_corpus *c, const char *dir, clio_error *err)
{
    path_list files = {0}, skipped = {0}, not_text = {0};
    char *root = NULL;
    int rc = folder_files(dir, c->opts.follow_symlinks, &root, &files, &skipped, &not_text,
                          err);
    for (size_t i = 0; i < not_text.n; i++) {
        if (!rc)
            rc = note_not_text(c, not_text.v[i]);
        else
            free(not_text.v[i]);
    }
    free(not_text.v);
    for (size_t i = 0; i < skipped.n; i++) {
        if (!rc && clio_grow((void **)&c->skipped, &c->scap, c->nskipped + 1, sizeof *c->skipped))
            rc = CLIO_ENOMEM;
        if (!rc)
            c->skipped[c->nskipped++] = skipped.v[i];
        else
            free(skipped.v[i]);
    }
    free(skipped.v);
    size_t dlen = root ? strlen(root) : 0;
    size_t refused_before = c->nrefused;
    clio_error first_refusal;
    clio_error_clear(&first_refusal);
    for (size_t i = 0; !rc && i < files.n; i++) {
        rc = add_or_refuse(c, files.v[i], files.v[i] + dlen + 1, err);
        if (is_refusal(rc)) { /* every bad file of the folder is found before it stops */
            if (c->nrefused == refused_before + 1 && err)
                first_refusal = *err;
            rc = 0;
        }
    }
    if (!rc)
        rc = folder_refusals(c, dir, refused_before, &first_refusal, err);
    char sidecar[4096];
    if (!rc && find_sidecar(root, sidecar, sizeof sidecar))
        rc = clio_corpus_load_metadata(c, sidecar, err);
    free_paths(&files);
    free(root);
    if (rc == CLIO_ENOMEM)
        return clio_error_set(err, rc, dir, "out of memory");
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int clio_corpus_add_path(clio_corpus *c, const char *path, clio_error *err)
{
    if (strcmp(path, "-") == 0)
        return clio_corpus_add_fd(c, 0, "-", err);
    if (clio_access_read(path, "reading", err))
        return CLIO_EDENIED;
    struct stat st;
    if (stat(path, &st) < 0)
        return io_error(err, path, "open");
    if (S_ISDIR(st.st_mode))
        return add_directory(c, path, err);
    return add_or_refuse(c, path, base_name(path), err);
}

/* ---- metadata --------------------------------------------------------------------- */

static int doc_named(const clio_doc *d, const char *want)
{
    char buf[CLIO_DOC_NAME_MAX];
    const char *name = clio_doc_name(d, buf);
    if (strcmp(name, want) == 0 || strcmp(d->file->path, want) == 0)
        return 1;
    if (strcmp(base_name(name), want) == 0)
        return 1;
    /* a name without its .txt extension */
    size_t n = strlen(want), dn = strlen(name);
    return dn == n + 4 && ends_with(name, ".txt") && strncmp(name, want, n) == 0;
}

static int set_meta(clio_doc *d, const char *key, const char *value)
{
    size_t n = clio_doc_nmeta(d);
    for (size_t i = 0; i < n; i++)
        if (strcmp(d->meta->v[i].key, key) == 0) {
            char *v = strdup(value);
            if (!v)
                return CLIO_ENOMEM;
            free((char *)d->meta->v[i].value);
            d->meta->v[i].value = v;
            return 0;
        }
    clio_meta_set *m = realloc(d->meta, sizeof *m + (n + 1) * sizeof m->v[0]);
    if (!m)
        return CLIO_ENOMEM;
    m->n = n;
    d->meta = m;
    char *k = strdup(key), *v = strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return CLIO_ENOMEM;
    }
    m->v[m->n++] = (clio_meta){k, v};
    return 0;
}

int clio_corpus_load_metadata(clio_corpus *c, const char *path, clio_error *err)
{
    char *bytes;
    int64_t size;
    if (clio_access_read(path, "reading", err))
        return CLIO_EDENIED;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, path, "open");
    int rc = read_all(fd, &bytes, &size, 0);
    close(fd);
    if (rc)
        return rc == CLIO_EIO ? io_error(err, path, "read")
                              : clio_error_set(err, rc, path, "out of memory");
    clio_table t;
    rc = clio_table_parse(bytes, (size_t)size, ends_with(path, ".tsv") ? '\t' : ',', path, &t,
                          err);
    free(bytes);
    if (rc)
        return rc;
    long file_col = clio_table_column(&t, "file");
    if (file_col < 0) {
        clio_table_free(&t);
        clio_error_set(err, CLIO_EFORMAT, path, "metadata needs a 'file' column");
        if (err)
            err->line = 1;
        return CLIO_EFORMAT;
    }
    for (size_t row = 0; !rc && row < t.nrows; row++) {
        const char *want = clio_table_cell(&t, row, (size_t)file_col);
        int found = 0;
        for (size_t i = 0; !rc && i < c->ndocs; i++) {
            if (!doc_named(&c->docs[i], want))
                continue;
            found = 1;
            for (size_t col = 0; !rc && col < t.ncols; col++)
                if (col != (size_t)file_col)
                    rc = set_meta(&c->docs[i], t.cells[col], clio_table_cell(&t, row, col));
        }
        if (!rc && !found) {
            rc = clio_error_set(err, CLIO_EFORMAT, path, "row %zu names '%s', which is no document",
                                row + 2, want);
            if (err)
                err->line = (int64_t)row + 2;
        }
    }
    clio_table_free(&t);
    if (rc == CLIO_ENOMEM)
        return clio_error_set(err, rc, path, "out of memory");
    return rc;
}

/* ---- analysis ----------------------------------------------------------------------- */

static int cmp_gap_start(const void *a, const void *b)
{
    const clio_gap *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* A document's gaps: its markup and what the cleaning rules find, in order, merged
 * where they overlap or touch, into gs (empty). A substitution only merges where another
 * gap overlaps it, and then is a plain gap: the cleaning rule found text to skip there. */
static int merge_gaps(clio_corpus *c, const clio_doc *d, clio_gaps *gs)
{
    const clio_gaps *markup = &clio_doc_parts(d)->markup;
    int rc = clio_clean_find(c->opts.rules, d->file->bytes, d->start, d->end, gs);
    if (rc || !markup->n)
        return rc;
    if (markup->subs.len && clio_buf_append(&gs->subs, markup->subs.data, markup->subs.len))
        return CLIO_ENOMEM;
    if (clio_grow((void **)&gs->v, &gs->cap, gs->n + markup->n, sizeof *gs->v))
        return CLIO_ENOMEM;
    memcpy(gs->v + gs->n, markup->v, markup->n * sizeof *gs->v);
    gs->n += markup->n;
    qsort(gs->v, gs->n, sizeof *gs->v, cmp_gap_start);
    size_t kept = 0;
    for (size_t k = 0; k < gs->n; k++) {
        clio_gap *prev = kept ? &gs->v[kept - 1] : NULL, *g = &gs->v[k];
        int subst = prev && (prev->rule == CLIO_GAP_SUBST || g->rule == CLIO_GAP_SUBST);
        if (prev && (g->start < prev->end || (g->start == prev->end && !subst))) {
            if (g->end > prev->end)
                prev->end = g->end;
            if (prev->rule == CLIO_GAP_SUBST)
                prev->rule = g->rule == CLIO_GAP_SUBST ? CLIO_GAP_MARKUP : g->rule;
            if (g->rule == CLIO_GAP_BREAK)
                prev->rule = CLIO_GAP_BREAK;
            continue;
        }
        gs->v[kept++] = gs->v[k];
    }
    gs->n = kept;
    return 0;
}

/* The cleaning gaps and markup of d, sorted and merged: found once, kept in its parts
 * when there are any (most plain documents have none, and then no parts). */
static int find_gaps(clio_corpus *c, clio_doc *d)
{
    if (d->gaps_found)
        return 0;
    clio_gaps gs = {0};
    int rc = merge_gaps(c, d, &gs);
    if (!rc && gs.n) {
        clio_parts *p = parts_of(d);
        if (p) {
            p->gaps = gs;
            gs = (clio_gaps){0};
        } else {
            rc = CLIO_ENOMEM;
        }
    }
    free(gs.v);
    clio_buf_free(&gs.subs);
    d->gaps_found = !rc;
    return rc;
}

/* Remembers the first sentence cut by the length cap. The one field of a document
 * that scanning writes: threads scanning disjoint ranges of it may meet cuts at once,
 * so it only ever moves down, atomically. */
static void note_cuts(const clio_doc *d, const clio_sentence *s, size_t ns)
{
    int64_t *at = (int64_t *)&d->sentence_cut;
    for (size_t k = 0; k < ns; k++) {
        if (!(s[k].flags & CLIO_SF_CUT))
            continue;
        int64_t cut = s[k].end, seen = __atomic_load_n(at, __ATOMIC_RELAXED);
        while ((seen < 0 || cut < seen) &&
               !__atomic_compare_exchange_n(at, &seen, cut, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            ;
        return; /* the first of this run is the lowest */
    }
}

int clio_corpus_analyze(clio_corpus *c, size_t i)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    clio_doc *d = &c->docs[i];
    if (d->analyzed)
        return 0;
    int rc = find_gaps(c, d);
    clio_parts *p = rc ? NULL : parts_of(d);
    if (!rc && !p)
        rc = CLIO_ENOMEM;
    if (rc)
        return rc;
    p->tokens.n = p->sentences.n = 0;
    rc = clio_tokenize(d->file->bytes, d->start, d->end, &p->gaps, c->opts.fold_flags,
                       c->opts.lang, c->vocab, &p->tokens);
    if (!rc)
        rc = clio_sentences_split(d->file->bytes, p->tokens.v, p->tokens.n, &p->gaps,
                                  c->opts.lang, &p->sentences);
    if (!rc)
        note_cuts(d, p->sentences.v, p->sentences.n);
    if (!rc)
        d->analyzed = 1;
    return rc;
}

/* Frees what clio_corpus_analyze kept of document i (tokens, sentences; its parts when
 * nothing else is left in them) and lets its pages leave memory; the next analysis
 * finds the same again. Gaps stay (small, and scanning needs them). */
int clio_corpus_forget(clio_corpus *c, size_t i)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    clio_doc *d = &c->docs[i];
    if (d->parts) {
        free(d->parts->tokens.v);
        free(d->parts->sentences.v);
        memset(&d->parts->tokens, 0, sizeof d->parts->tokens);
        memset(&d->parts->sentences, 0, sizeof d->parts->sentences);
        drop_empty_parts(d);
    }
    d->analyzed = 0;
    return clio_corpus_release_pages(c, i, d->start, d->end);
}

/* Pieces end at a line break about this far on; a piece keeps only its complete
 * sentences and the next one starts where the unfinished one did. */
#define SCAN_PIECE (1 << 20)

static int is_space_byte(char b)
{
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v';
}

/* Where the piece from pos ends: at the first line break past pos + span; on a line
 * longer than that (a whole book on one line), at the first space past it, where no
 * token continues; with no space either, at a character boundary (a run of letters so
 * long is no word). Never inside a gap. span is a megabyte, or more when the sentence
 * cap is larger, so that a piece always holds more than one sentence. */
static int64_t piece_end(const clio_corpus *c, const clio_doc *d, int64_t pos, int64_t end)
{
    int64_t span = SCAN_PIECE;
    const clio_lang *lang = c->opts.lang;
    if (lang && (int64_t)lang->sentence_max_bytes * 4 > span)
        span = (int64_t)lang->sentence_max_bytes * 4;
    if (end - pos <= span)
        return end;
    const char *bytes = d->file->bytes;
    int64_t at = pos + span, far = end - at > span ? at + span : end;
    const char *nl = memchr(bytes + at, '\n', (size_t)(far - at));
    if (nl) {
        at = nl - bytes + 1;
    } else if (far < end) {
        int64_t k = at;
        while (k < far && !is_space_byte(bytes[k]))
            k++;
        if (k == far) /* no space: step back to a character's first byte */
            for (k = at; k > pos + 1 && ((unsigned char)bytes[k] & 0xC0) == 0x80; k--)
                ;
        at = k;
    } else {
        at = end;
    }
    const clio_gap *g = clio_gaps_inside(&clio_doc_parts(d)->gaps, at); /* never cut inside a gap */
    return g ? g->end : at;
}

/* Streams [start, end) of d through fn in pieces, interning into vocab: each piece
 * keeps its complete sentences; the unfinished last one starts the next piece. */
static int scan_pieces(const clio_corpus *c, const clio_doc *d, int64_t start, int64_t end,
                       clio_vocab *vocab, clio_scan_fn fn, void *ctx)
{
    clio_tokens t = {0};
    clio_sentences s = {0};
    const clio_gaps *gaps = &clio_doc_parts(d)->gaps;
    int rc = 0;
    for (int64_t pos = start; !rc && pos < end;) {
        int64_t stop = piece_end(c, d, pos, end);
        t.n = s.n = 0;
        rc = clio_tokenize(d->file->bytes, pos, stop, gaps, c->opts.fold_flags, c->opts.lang,
                           vocab, &t);
        if (!rc)
            rc = clio_sentences_split(d->file->bytes, t.v, t.n, gaps, c->opts.lang, &s);
        if (rc)
            break;
        size_t nt = t.n, ns = s.n;
        int64_t next = stop;
        if (stop < end && ns > 1) { /* the last sentence may go on in the next piece */
            ns--;
            nt = s.v[ns].first_token;
            next = s.v[ns].start;
        }
        note_cuts(d, s.v, ns);
        rc = fn(ctx, d, t.v, nt, s.v, ns);
        pos = next;
    }
    free(t.v);
    free(s.v);
    return rc;
}

int64_t clio_doc_paragraph_after(const clio_doc *d, int64_t at)
{
    const char *s = d->file->bytes;
    int64_t end = d->end;
    while (at < end) {
        const char *nl = memchr(s + at, '\n', (size_t)(end - at));
        if (!nl)
            return end;
        int64_t i = nl - s + 1, j = i;
        while (j < end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
            j++;
        if (j < end && s[j] == '\n' && !clio_gaps_inside(&clio_doc_parts(d)->gaps, j))
            return j + 1;
        at = i;
    }
    return end;
}

int clio_corpus_find_gaps(clio_corpus *c, size_t i)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    clio_doc *d = &c->docs[i];
    if (d->analyzed)
        return 0;
    return find_gaps(c, d);
}

/* Pieces as in clio_corpus_scan, over [start, end) only, interning into vocab. Reads
 * the document's gaps and never writes the corpus: threads with their own vocabularies
 * may scan disjoint ranges at once. */
int clio_corpus_scan_range(clio_corpus *c, size_t i, int64_t start, int64_t end,
                           clio_vocab *vocab, clio_scan_fn fn, void *ctx)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    const clio_doc *d = &c->docs[i];
    if (start < d->start || end > d->end || start > end)
        return CLIO_EARG;
    return scan_pieces(c, d, start, end, vocab, fn, ctx);
}

int clio_corpus_release_pages(clio_corpus *c, size_t i, int64_t start, int64_t end)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    const clio_doc *d = &c->docs[i];
    if (!d->file->mapped)
        return 0;
    long page = sysconf(_SC_PAGESIZE);
    const char *bytes = d->file->bytes;
    uintptr_t a = ((uintptr_t)(bytes + start) + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t b = (uintptr_t)(bytes + end) & ~((uintptr_t)page - 1);
    if (b > a) /* clean pages of a read-only file mapping: they stay in the page cache */
        madvise((void *)a, b - a, MADV_DONTNEED);
    return 0;
}

int clio_corpus_scan(clio_corpus *c, size_t i, clio_scan_fn fn, void *ctx)
{
    if (i >= c->ndocs)
        return CLIO_EARG;
    clio_doc *d = &c->docs[i];
    if (d->analyzed)
        return fn(ctx, d, d->parts->tokens.v, d->parts->tokens.n, d->parts->sentences.v,
                  d->parts->sentences.n);
    int rc = find_gaps(c, d);
    return rc ? rc : scan_pieces(c, d, d->start, d->end, c->vocab, fn, ctx);
}
