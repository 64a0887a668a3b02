/* CSV/TSV corpus reader: a header row, then one document per row, the text column's
 * cell as it stands in the file (inside its quotes), the other columns as metadata.
 *
 * Quoting follows table.c, which reads sidecars: RFC 4180 for CSV (quoted fields,
 * "" for a quote, line breaks inside quotes, LF or CRLF rows), none for TSV (every
 * byte between tabs is literal). Blank lines between rows are skipped. */
#include "format_common.h"

typedef struct {
    int64_t start, end; /* content, inside the quotes when quoted */
    int quoted;
} cell;

typedef struct {
    cell *v;
    size_t n, cap;
} cell_row;

/* Reads the row at *pos into row, advancing *pos past its line break. */
static int read_row(const char *b, int64_t size, int64_t *pos, char sep, cell_row *row,
                    const char *path, clio_error *err)
{
    int64_t i = *pos;
    row->n = 0;
    for (;;) {
        cell c = {i, i, 0};
        if (sep != '\t' && i < size && b[i] == '"') {
            int64_t open = i++;
            c.start = i;
            c.quoted = 1;
            for (;;) {
                const char *q = i < size ? memchr(b + i, '"', (size_t)(size - i)) : NULL;
                if (!q)
                    return fmt_fail(err, path, b, open, "CSV: quoted field never closed");
                i = q - b;
                if (i + 1 < size && b[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                break;
            }
            c.end = i++;
            if (i < size && b[i] != sep && b[i] != '\n' && b[i] != '\r')
                return fmt_fail(err, path, b, i, "CSV: text after a closing quote");
        } else {
            while (i < size && b[i] != sep && b[i] != '\n' && b[i] != '\r')
                i++;
            c.end = i;
        }
        if (clio_grow((void **)&row->v, &row->cap, row->n + 1, sizeof *row->v))
            return CLIO_ENOMEM;
        row->v[row->n++] = c;
        if (i < size && b[i] == sep) {
            i++;
            continue;
        }
        break;
    }
    if (i < size && b[i] == '\r')
        i++;
    if (i < size && b[i] == '\n')
        i++;
    *pos = i;
    return 0;
}

/* A cell's value: quotes undoubled. */
static int cell_value(const char *b, const cell *c, clio_buf *out)
{
    out->len = 0;
    if (clio_buf_append(out, "", 0))
        return CLIO_ENOMEM;
    if (!c->quoted)
        return clio_buf_append(out, b + c->start, (size_t)(c->end - c->start));
    for (int64_t i = c->start; i < c->end; i++) {
        if (clio_buf_append(out, b + i, 1))
            return CLIO_ENOMEM;
        if (b[i] == '"')
            i++; /* its double */
    }
    return 0;
}

static void skip_blank_lines(const char *b, int64_t size, int64_t *pos)
{
    while (*pos < size && (b[*pos] == '\n' || b[*pos] == '\r'))
        (*pos)++;
}

int clio_format_rows(const char *bytes, int64_t size, char sep, const char *text_column,
                     const char *path, clio_format_sink *sink, clio_error *err)
{
    const char *kind = sep == '\t' ? "TSV" : "CSV";
    const char *want = text_column ? text_column : "text";
    cell_row row = {0};
    clio_buf val = {0};
    fmt_meta header = {0}, meta = {0};
    clio_gaps gaps = {0};
    int rc = 0;
    int64_t pos = fmt_bom(bytes, size);
    skip_blank_lines(bytes, size, &pos);
    if (pos >= size) {
        rc = fmt_fail(err, path, bytes, pos, "%s: no header row", kind);
        goto done;
    }
    int64_t header_at = pos;
    if ((rc = read_row(bytes, size, &pos, sep, &row, path, err)))
        goto done;
    size_t ncols = row.n;
    long text_col = -1;
    for (size_t k = 0; k < ncols; k++) {
        if ((rc = cell_value(bytes, &row.v[k], &val)) ||
            (rc = fmt_meta_add(&header, val.data, val.len, "", 0)))
            goto done;
        if (text_col < 0 && strcmp(val.data, want) == 0 && strlen(val.data) == val.len)
            text_col = (long)k;
    }
    if (text_col < 0) {
        rc = fmt_fail(err, path, bytes, header_at, "%s: the header has no \"%.100s\" column",
                      kind, want);
        goto done;
    }
    for (;;) {
        skip_blank_lines(bytes, size, &pos);
        if (pos >= size)
            break;
        int64_t row_at = pos;
        if ((rc = read_row(bytes, size, &pos, sep, &row, path, err)))
            goto done;
        if (row.n != ncols) {
            rc = fmt_fail(err, path, bytes, row_at,
                          "%s: row has %zu field%s where the header has %zu", kind, row.n,
                          row.n == 1 ? "" : "s", ncols);
            goto done;
        }
        const cell *t = &row.v[text_col];
        if (t->end == t->start)
            continue; /* an empty text cell: no document */
        gaps.n = 0;
        if (t->quoted) /* each "" : the second quote is markup */
            for (int64_t i = t->start; i < t->end; i++)
                if (bytes[i] == '"' && (rc = fmt_gap(&gaps, i + 1, i + 2), i++, rc))
                    goto done;
        fmt_meta_clear(&meta);
        for (size_t k = 0; k < ncols; k++) {
            if ((long)k == text_col || row.v[k].end == row.v[k].start)
                continue;
            if ((rc = cell_value(bytes, &row.v[k], &val)) ||
                (rc = fmt_meta_add(&meta, header.v[k].key, strlen(header.v[k].key), val.data,
                                   val.len)))
                goto done;
        }
        if ((rc = clio_format_add_doc(sink, t->start, t->end, &gaps, NULL, meta.v, meta.n))) {
            rc = fmt_sink_failed(err, path, rc);
            goto done;
        }
    }
done:
    if (rc == CLIO_ENOMEM)
        fmt_sink_failed(err, path, rc);
    free(row.v);
    free(gaps.v);
    clio_buf_free(&val);
    fmt_meta_free(&header);
    fmt_meta_free(&meta);
    return rc;
}
