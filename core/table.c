/* CSV (RFC 4180) and TSV tables, for metadata sidecars and tabular corpora. */
#include "clio.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char **cells;
    size_t n, cap;
} cell_list;

static int push_cell(cell_list *l, const clio_buf *field)
{
    if (clio_grow((void **)&l->cells, &l->cap, l->n + 1, sizeof *l->cells))
        return CLIO_ENOMEM;
    char *copy = malloc(field->len + 1);
    if (!copy)
        return CLIO_ENOMEM;
    if (field->len)
        memcpy(copy, field->data, field->len);
    copy[field->len] = '\0';
    l->cells[l->n++] = copy;
    return 0;
}

static void free_cells(cell_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->cells[i]);
    free(l->cells);
}

/* Ends a row: the first fixes the column count, the rest must match it. */
static int end_row(cell_list *l, size_t row_first, size_t *ncols, int64_t line,
                   int64_t offset, const char *name, clio_error *err)
{
    size_t got = l->n - row_first;
    if (*ncols == 0) {
        *ncols = got;
        return 0;
    }
    if (got != *ncols) {
        clio_error_set(err, CLIO_EFORMAT, name, "row has %zu fields where the header has %zu",
                       got, *ncols);
        if (err) {
            err->line = line;
            err->offset = offset;
        }
        return CLIO_EFORMAT;
    }
    return 0;
}

int clio_table_parse(const char *src, size_t n, char sep, const char *name, clio_table *out,
                     clio_error *err)
{
    memset(out, 0, sizeof *out);
    cell_list l = {0};
    clio_buf field = {0};
    size_t ncols = 0, row_first = 0;
    int64_t line = 1, row_line = 1, row_offset = 0;
    int rc = 0;
    size_t i = 0;
    if (n >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        i = 3;

    while (i < n) {
        /* one field */
        field.len = 0;
        if (sep != '\t' && src[i] == '"') {
            size_t open = i++;
            int64_t open_line = line;
            for (;;) {
                if (i >= n) {
                    clio_error_set(err, CLIO_EFORMAT, name, "quoted field never closed");
                    if (err) {
                        err->line = open_line;
                        err->offset = (int64_t)open;
                    }
                    rc = CLIO_EFORMAT;
                    goto done;
                }
                if (src[i] == '"') {
                    if (i + 1 < n && src[i + 1] == '"') {
                        if ((rc = clio_buf_append(&field, "\"", 1)))
                            goto done;
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (src[i] == '\n')
                    line++;
                if ((rc = clio_buf_append(&field, src + i, 1)))
                    goto done;
                i++;
            }
            if (i < n && src[i] != sep && src[i] != '\n' && src[i] != '\r') {
                clio_error_set(err, CLIO_EFORMAT, name, "text after a closing quote");
                if (err) {
                    err->line = line;
                    err->offset = (int64_t)i;
                }
                rc = CLIO_EFORMAT;
                goto done;
            }
        } else {
            size_t s = i;
            while (i < n && src[i] != sep && src[i] != '\n' && src[i] != '\r')
                i++;
            if ((rc = clio_buf_append(&field, src + s, i - s)))
                goto done;
        }
        if ((rc = push_cell(&l, &field)))
            goto done;
        /* what ends the field */
        if (i < n && src[i] == sep) {
            i++;
            if (i == n && (rc = push_cell(&l, &(clio_buf){0})))
                goto done;
            continue;
        }
        if (i < n && src[i] == '\r')
            i++;
        if (i < n && src[i] == '\n')
            i++;
        if ((rc = end_row(&l, row_first, &ncols, row_line, row_offset, name, err)))
            goto done;
        line++;
        row_first = l.n;
        row_line = line;
        row_offset = (int64_t)i;
        /* blank lines between rows are skipped */
        while (i < n && (src[i] == '\n' || src[i] == '\r')) {
            if (src[i] == '\n') {
                line++;
                row_line = line;
            }
            i++;
            row_offset = (int64_t)i;
        }
    }
    if (l.n > row_first &&
        (rc = end_row(&l, row_first, &ncols, row_line, row_offset, name, err)))
        goto done;
    if (ncols == 0) {
        rc = clio_error_set(err, CLIO_EFORMAT, name, "no header row");
        goto done;
    }
    out->ncols = ncols;
    out->nrows = l.n / ncols - 1;
    out->cells = l.cells;
    l.cells = NULL;
    l.n = 0;
done:
    clio_buf_free(&field);
    free_cells(&l);
    return rc;
}

void clio_table_free(clio_table *t)
{
    if (!t->cells)
        return;
    for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

long clio_table_column(const clio_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cells[c], name) == 0)
            return (long)c;
    return -1;
}
