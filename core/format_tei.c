/* TEI XML reader: each outermost <text> element is a document (its content, between
 * the start and end tags), every tag, comment, processing instruction, CDATA
 * delimiter and character reference inside it a markup gap; metadata comes from the
 * nearest preceding <teiHeader>.
 *
 * One pass over the file with an explicit element stack (no recursion, so depth is
 * bounded by memory only). Well-formedness is checked as far as the reader needs:
 * every tag closed by '>', end tags matching start tags, comments, CDATA and
 * processing instructions closed, no element left open. Names match by local name,
 * so <tei:text> is <text>. A '&' that starts no reference is read as text. */
#include "format_common.h"

typedef struct {
    int64_t name, nlen; /* the element's qualified name, in the file */
    int64_t at;         /* its '<' */
} element;

enum { F_TITLE, F_AUTHOR, F_DATE_CREATION, F_DATE_SOURCE, F_DATE_PUB, F_IDNO_PUB, F_IDNO,
       F_LANGUAGE, F_COUNT };

typedef struct {
    const char *b;
    int64_t size;
    const char *path;
    clio_error *err;
    element *stack;
    size_t depth, cap;
    /* the header being read */
    long header;       /* stack index of <teiHeader>, or -1 */
    clio_buf field[F_COUNT];
    int have[F_COUNT];
    long capture;      /* stack index of the element whose text is captured, or -1 */
    int capture_field;
    clio_buf text;     /* captured text */
    fmt_meta meta;     /* the last complete header's metadata */
    /* the document being read */
    long doc;          /* stack index of the outer <text>, or -1 */
    int64_t doc_start;
    clio_buf doc_lang; /* xml:lang of <text>, used when the header names no language */
    clio_gaps gaps;
} reader;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_name_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* The local part of the name at b[name..name+nlen): after any prefix. */
static int local_is(const reader *r, int64_t name, int64_t nlen, const char *want)
{
    const char *p = r->b + name;
    const char *colon = memchr(p, ':', (size_t)nlen);
    if (colon) {
        nlen -= colon + 1 - p;
        p = colon + 1;
    }
    return (size_t)nlen == strlen(want) && memcmp(p, want, (size_t)nlen) == 0;
}

/* Is the element at stack index k (counting from the top when negative) named want? */
static int stack_is(const reader *r, long k, const char *want)
{
    if (k < 0)
        k += (long)r->depth;
    return k >= 0 && (size_t)k < r->depth &&
           local_is(r, r->stack[k].name, r->stack[k].nlen, want);
}

static int stack_has(const reader *r, long from, const char *want)
{
    for (long k = from; k < (long)r->depth; k++)
        if (stack_is(r, k, want))
            return 1;
    return 0;
}

/* A character reference at b[i] ('&'): its length, or 0 when it is none. Decodes it
 * into out when given (an unknown named entity is kept as written). */
static int64_t reference(const reader *r, int64_t i, int64_t lim, clio_buf *out)
{
    const char *b = r->b;
    int64_t j = i + 1;
    if (j < lim && b[j] == '#') {
        j++;
        int hex = j < lim && (b[j] == 'x' || b[j] == 'X');
        j += hex;
        uint32_t cp = 0;
        int64_t digits = j;
        while (j < lim && j - digits < 8) {
            char c = b[j];
            int v = c >= '0' && c <= '9'               ? c - '0'
                    : hex && c >= 'a' && c <= 'f'      ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F'      ? c - 'A' + 10
                                                       : -1;
            if (v < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
            j++;
        }
        if (j == digits || j >= lim || b[j] != ';')
            return 0;
        if (out && fmt_put_utf8(out, cp == 0 ? 0xFFFD : cp))
            return -1;
        return j + 1 - i;
    }
    if (j >= lim || !is_name_start((unsigned char)b[j]))
        return 0;
    while (j < lim && j - i < 40 && is_name_char((unsigned char)b[j]))
        j++;
    if (j >= lim || b[j] != ';')
        return 0;
    if (out) {
        static const struct { const char *name, *text; } named[] = {
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
        const char *text = NULL;
        for (size_t k = 0; k < sizeof named / sizeof *named; k++)
            if ((size_t)(j - i - 1) == strlen(named[k].name) &&
                memcmp(b + i + 1, named[k].name, (size_t)(j - i - 1)) == 0)
                text = named[k].text;
        if (text ? clio_buf_append(out, text, strlen(text))
                 : clio_buf_append(out, b + i, (size_t)(j + 1 - i)))
            return -1;
    }
    return j + 1 - i;
}

/* Appends b[from..to) to out, character references decoded when decode is set. */
static int decode_into(const reader *r, int64_t from, int64_t to, int decode, clio_buf *out)
{
    while (from < to) {
        const char *amp = decode ? memchr(r->b + from, '&', (size_t)(to - from)) : NULL;
        int64_t stop = amp ? amp - r->b : to;
        if (clio_buf_append(out, r->b + from, (size_t)(stop - from)))
            return CLIO_ENOMEM;
        from = stop;
        if (from < to) {
            int64_t n = reference(r, from, to, out);
            if (n < 0)
                return CLIO_ENOMEM;
            if (n == 0 && clio_buf_append(out, "&", 1))
                return CLIO_ENOMEM;
            from += n ? n : 1;
        }
    }
    return 0;
}

/* Character data b[from..to) seen while a header field is being captured. */
static int capture_text(reader *r, int64_t from, int64_t to, int decode)
{
    return r->capture < 0 ? 0 : decode_into(r, from, to, decode, &r->text);
}

/* The value of attribute `want` in the start tag b[at..gt), decoded, into out;
 * 1 when found. */
static int attribute(const reader *r, int64_t at, int64_t gt, const char *want, clio_buf *out)
{
    const char *b = r->b;
    int64_t i = at + 1;
    while (i < gt && is_name_char((unsigned char)b[i]))
        i++;
    while (i < gt) {
        while (i < gt && (is_space(b[i]) || b[i] == '/'))
            i++;
        int64_t name = i;
        while (i < gt && !is_space(b[i]) && b[i] != '=' && b[i] != '/')
            i++;
        int64_t nlen = i - name;
        while (i < gt && is_space(b[i]))
            i++;
        if (i >= gt || b[i] != '=')
            continue;
        i++;
        while (i < gt && is_space(b[i]))
            i++;
        if (i >= gt || (b[i] != '"' && b[i] != '\''))
            continue;
        char q = b[i++];
        int64_t v = i;
        while (i < gt && b[i] != q)
            i++;
        if ((size_t)nlen == strlen(want) && memcmp(b + name, want, (size_t)nlen) == 0) {
            out->len = 0;
            if (clio_buf_append(out, "", 0) || decode_into(r, v, i, 1, out))
                return -1;
            return 1;
        }
        i++;
    }
    return 0;
}

/* Collapses white space runs to one space and trims, in place. */
static void collapse(clio_buf *b)
{
    size_t o = 0;
    int pending = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (is_space(b->data[i])) {
            pending = o > 0;
            continue;
        }
        if (pending)
            b->data[o++] = ' ';
        pending = 0;
        b->data[o++] = b->data[i];
    }
    b->len = o;
    if (b->data)
        b->data[o] = '\0';
}

static int set_field(reader *r, int f, const clio_buf *value)
{
    clio_buf *dst = &r->field[f];
    if (r->have[f] && f != F_AUTHOR)
        return 0; /* the first one counts */
    if (f == F_AUTHOR && r->have[f] && clio_buf_append(dst, "; ", 2))
        return CLIO_ENOMEM;
    if (f != F_AUTHOR)
        dst->len = 0;
    if (clio_buf_append(dst, value->data ? value->data : "", value->len))
        return CLIO_ENOMEM;
    r->have[f] = 1;
    return 0;
}

/* A start tag inside <teiHeader> (stack already holds it): which field it carries. */
static int header_start(reader *r, int64_t at, int64_t gt, int empty)
{
    long top = (long)r->depth - 1;
    element *e = &r->stack[top];
    int f = -1;
    if (local_is(r, e->name, e->nlen, "title") && stack_is(r, -2, "titleStmt") &&
        stack_is(r, -3, "fileDesc"))
        f = F_TITLE;
    else if (local_is(r, e->name, e->nlen, "author") && stack_is(r, -2, "titleStmt") &&
             stack_is(r, -3, "fileDesc"))
        f = F_AUTHOR;
    else if (local_is(r, e->name, e->nlen, "date")) {
        if (stack_has(r, r->header, "creation"))
            f = F_DATE_CREATION;
        else if (stack_has(r, r->header, "sourceDesc"))
            f = F_DATE_SOURCE;
        else if (stack_is(r, -2, "publicationStmt"))
            f = F_DATE_PUB;
    } else if (local_is(r, e->name, e->nlen, "idno"))
        f = stack_is(r, -2, "publicationStmt") ? F_IDNO_PUB : F_IDNO;
    else if (local_is(r, e->name, e->nlen, "language") && stack_is(r, -2, "langUsage") &&
             stack_is(r, -3, "profileDesc"))
        f = F_LANGUAGE;
    if (f < 0 || (r->have[f] && f != F_AUTHOR) || r->capture >= 0)
        return 0;
    clio_buf v = {0};
    int found = 0;
    if (f == F_LANGUAGE)
        found = attribute(r, at, gt, "ident", &v);
    else if (f == F_DATE_CREATION || f == F_DATE_SOURCE || f == F_DATE_PUB)
        found = attribute(r, at, gt, "when", &v);
    if (found < 0) {
        clio_buf_free(&v);
        return CLIO_ENOMEM;
    }
    if (found)
        collapse(&v);
    if (found && v.len) {
        int rc = set_field(r, f, &v);
        clio_buf_free(&v);
        return rc;
    }
    clio_buf_free(&v);
    if (f == F_LANGUAGE || empty)
        return 0;
    r->capture = top;
    r->capture_field = f;
    r->text.len = 0;
    return 0;
}

static int put_meta(reader *r, const char *key, const clio_buf *v)
{
    return fmt_meta_add(&r->meta, key, strlen(key), v->data, v->len);
}

/* </teiHeader>: the fields become the metadata of the documents that follow. */
static int header_end(reader *r)
{
    fmt_meta_clear(&r->meta);
    int rc = 0;
    if (r->have[F_TITLE])
        rc = rc ? rc : put_meta(r, "title", &r->field[F_TITLE]);
    if (r->have[F_AUTHOR])
        rc = rc ? rc : put_meta(r, "author", &r->field[F_AUTHOR]);
    int date = r->have[F_DATE_CREATION] ? F_DATE_CREATION
               : r->have[F_DATE_SOURCE] ? F_DATE_SOURCE
               : r->have[F_DATE_PUB]    ? F_DATE_PUB
                                        : -1;
    if (date >= 0) {
        const clio_buf *d = &r->field[date];
        rc = rc ? rc : put_meta(r, "date", d);
        for (size_t i = 0; i + 4 <= d->len; i++) {
            const char *p = d->data + i;
            int four = 1;
            for (int k = 0; k < 4; k++)
                four &= p[k] >= '0' && p[k] <= '9';
            if (four && (i == 0 || !(p[-1] >= '0' && p[-1] <= '9')) &&
                (i + 4 == d->len || !(p[4] >= '0' && p[4] <= '9'))) {
                rc = rc ? rc : fmt_meta_add(&r->meta, "year", 4, p, 4);
                break;
            }
        }
    }
    int idno = r->have[F_IDNO_PUB] ? F_IDNO_PUB : r->have[F_IDNO] ? F_IDNO : -1;
    if (idno >= 0)
        rc = rc ? rc : put_meta(r, "idno", &r->field[idno]);
    if (r->have[F_LANGUAGE])
        rc = rc ? rc : put_meta(r, "language", &r->field[F_LANGUAGE]);
    return rc;
}

static int emit_doc(reader *r, int64_t end, clio_format_sink *sink)
{
    if (end == r->doc_start)
        return 0; /* an empty <text>: no document */
    int add_lang = r->doc_lang.len > 0;
    for (size_t k = 0; add_lang && k < r->meta.n; k++)
        if (strcmp(r->meta.v[k].key, "language") == 0)
            add_lang = 0;
    int rc = add_lang ? put_meta(r, "language", &r->doc_lang) : 0;
    if (!rc)
        rc = clio_format_add_doc(sink, r->doc_start, end, &r->gaps, r->meta.v, r->meta.n);
    if (add_lang) { /* the language was this document's only */
        r->meta.n--;
        free((char *)r->meta.v[r->meta.n].key);
        free((char *)r->meta.v[r->meta.n].value);
    }
    return rc ? fmt_sink_failed(r->err, r->path, rc) : 0;
}

static int fail(reader *r, int64_t at, const char *what)
{
    return fmt_fail(r->err, r->path, r->b, at, "XML: %s", what);
}

static int gap(reader *r, int64_t from, int64_t to)
{
    return r->doc >= 0 ? fmt_gap(&r->gaps, from, to) : 0;
}

/* Elements whose start and end end a paragraph: a sentence never runs across them. */
static int is_block(const char *name, int64_t n)
{
    /* not l, lb, pb, cb or quote: verse lines and page breaks fall inside sentences */
    static const char *const blocks[] = {"p",  "div", "head", "lg",    "item", "list",  "note",
                                         "ab", "sp",  "speaker", "stage", "table", "row", "cell",
                                         "fw", "opener", "closer", "salute", "signed", "dateline",
                                         "byline", "docTitle", "titlePart", "trailer", "argument",
                                         "epigraph", "figure", "figDesc", "front", "back", "body"};
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        if ((int64_t)strlen(blocks[k]) == n && memcmp(blocks[k], name, (size_t)n) == 0)
            return 1;
    return 0;
}

static int tag_gap(reader *r, int64_t from, int64_t to, int64_t name, int64_t nlen)
{
    if (r->doc < 0)
        return 0;
    return fmt_gap_kind(&r->gaps, from, to,
                        is_block(r->b + name, nlen) ? CLIO_GAP_BREAK : CLIO_GAP_MARKUP);
}

/* Finds `close` from i; the index just past it, or -1. */
static int64_t find_close(const reader *r, int64_t i, const char *close)
{
    size_t n = strlen(close);
    while (i + (int64_t)n <= r->size) {
        const char *p = memchr(r->b + i, close[0], (size_t)(r->size - i));
        if (!p || p - r->b + (int64_t)n > r->size)
            return -1;
        if (memcmp(p, close, n) == 0)
            return p - r->b + (int64_t)n;
        i = p - r->b + 1;
    }
    return -1;
}

static int start_tag(reader *r, int64_t at, clio_format_sink *sink, int64_t *next);
static int end_tag(reader *r, int64_t at, clio_format_sink *sink, int64_t *next);

/* The markup at b[at] ('<'); *next is set past it. */
static int markup(reader *r, int64_t at, clio_format_sink *sink, int64_t *next)
{
    const char *b = r->b;
    int64_t rest = r->size - at;
    int64_t end;
    if (rest >= 4 && memcmp(b + at, "<!--", 4) == 0) {
        if ((end = find_close(r, at + 4, "-->")) < 0)
            return fail(r, at, "comment never closed by '-->'");
        *next = end;
        return gap(r, at, end);
    }
    if (rest >= 9 && memcmp(b + at, "<![CDATA[", 9) == 0) {
        if ((end = find_close(r, at + 9, "]]>")) < 0)
            return fail(r, at, "CDATA section never closed by ']]>'");
        *next = end;
        int rc = gap(r, at, at + 9);
        if (!rc)
            rc = gap(r, end - 3, end);
        if (!rc)
            rc = capture_text(r, at + 9, end - 3, 0);
        return rc;
    }
    if (rest >= 2 && b[at + 1] == '?') {
        if ((end = find_close(r, at + 2, "?>")) < 0)
            return fail(r, at, "processing instruction never closed by '?>'");
        *next = end;
        return gap(r, at, end);
    }
    if (rest >= 2 && b[at + 1] == '!') { /* <!DOCTYPE ...[ ... ]>, <!ENTITY ...> */
        int brackets = 0;
        char q = 0;
        for (int64_t i = at + 2; i < r->size; i++) {
            char c = b[i];
            if (q)
                q = c == q ? 0 : q;
            else if (c == '"' || c == '\'')
                q = c;
            else if (c == '[')
                brackets++;
            else if (c == ']')
                brackets--;
            else if (c == '>' && brackets <= 0) {
                *next = i + 1;
                return gap(r, at, i + 1);
            }
        }
        return fail(r, at, "declaration never closed by '>'");
    }
    if (rest >= 2 && b[at + 1] == '/')
        return end_tag(r, at, sink, next);
    if (rest < 2 || !is_name_start((unsigned char)b[at + 1]))
        return fail(r, at, "'<' starts no tag (write &lt; for a literal <)");
    return start_tag(r, at, sink, next);
}

static int push(reader *r, int64_t name, int64_t nlen, int64_t at)
{
    if (clio_grow((void **)&r->stack, &r->cap, r->depth + 1, sizeof *r->stack))
        return CLIO_ENOMEM;
    r->stack[r->depth++] = (element){name, nlen, at};
    return 0;
}

static int start_tag(reader *r, int64_t at, clio_format_sink *sink, int64_t *next)
{
    (void)sink;
    const char *b = r->b;
    int64_t i = at + 1, name = i;
    while (i < r->size && is_name_char((unsigned char)b[i]))
        i++;
    int64_t nlen = i - name;
    char q = 0;
    for (; i < r->size; i++) {
        char c = b[i];
        if (q)
            q = c == q ? 0 : q;
        else if (c == '"' || c == '\'')
            q = c;
        else if (c == '<')
            return fail(r, at, "tag never closed by '>'");
        else if (c == '>')
            break;
    }
    if (i >= r->size)
        return fail(r, at, "tag never closed by '>'");
    int64_t gt = i;
    int empty = b[gt - 1] == '/' && gt - 1 >= name + nlen;
    *next = gt + 1;
    int rc = tag_gap(r, at, gt + 1, name, nlen);
    if (!rc)
        rc = push(r, name, nlen, at);
    if (rc)
        return rc;
    long k = (long)r->depth - 1;
    if (r->header >= 0) {
        rc = header_start(r, at, gt, empty);
    } else if (r->doc < 0 && local_is(r, name, nlen, "teiHeader")) {
        r->header = k;
        r->capture = -1;
        for (int f = 0; f < F_COUNT; f++) {
            r->have[f] = 0;
            r->field[f].len = 0;
        }
    } else if (r->doc < 0 && !empty && local_is(r, name, nlen, "text")) {
        r->doc = k;
        r->doc_start = gt + 1;
        r->gaps.n = 0;
        r->doc_lang.len = 0;
        if (attribute(r, at, gt, "xml:lang", &r->doc_lang) < 0)
            return CLIO_ENOMEM;
        collapse(&r->doc_lang);
    }
    if (empty) { /* <teiHeader/> is a header with nothing in it */
        if (!rc && r->header == k)
            rc = header_end(r);
        if (r->header == k)
            r->header = -1;
        r->depth--;
    }
    return rc;
}

static int end_tag(reader *r, int64_t at, clio_format_sink *sink, int64_t *next)
{
    const char *b = r->b;
    int64_t i = at + 2, name = i;
    while (i < r->size && is_name_char((unsigned char)b[i]))
        i++;
    int64_t nlen = i - name;
    while (i < r->size && is_space(b[i]))
        i++;
    if (nlen == 0 || i >= r->size || b[i] != '>')
        return fail(r, at, "end tag never closed by '>'");
    *next = i + 1;
    if (r->depth == 0)
        return fmt_fail(r->err, r->path, b, at, "XML: </%.*s> closes no element",
                        (int)(nlen > 100 ? 100 : nlen), b + name);
    long k = (long)r->depth - 1;
    element *e = &r->stack[k];
    if (e->nlen != nlen || memcmp(b + e->name, b + name, (size_t)nlen) != 0)
        return fmt_fail(r->err, r->path, b, at,
                        "XML: </%.*s> where <%.*s> (byte %lld) should be closed",
                        (int)(nlen > 100 ? 100 : nlen), b + name,
                        (int)(e->nlen > 100 ? 100 : e->nlen), b + e->name, (long long)e->at);
    int rc = 0;
    if (r->doc == k) {
        rc = emit_doc(r, at, sink);
        r->doc = -1;
    } else {
        rc = tag_gap(r, at, i + 1, name, nlen);
    }
    if (!rc && r->capture == k) {
        collapse(&r->text);
        if (r->text.len)
            rc = set_field(r, r->capture_field, &r->text);
        r->capture = -1;
    }
    if (!rc && r->header == k) {
        rc = header_end(r);
        r->header = -1;
    }
    r->depth--;
    return rc;
}

int clio_format_tei(const char *bytes, int64_t size, const char *path, clio_format_sink *sink,
                    clio_error *err)
{
    reader r = {.b = bytes, .size = size, .path = path, .err = err, .header = -1,
                .capture = -1, .doc = -1};
    int rc = 0;
    int64_t i = fmt_bom(bytes, size);
    while (!rc && i < size) {
        const char *lt = memchr(bytes + i, '<', (size_t)(size - i));
        int64_t stop = lt ? lt - bytes : size;
        rc = capture_text(&r, i, stop, 1);
        /* character references inside the document are markup */
        for (int64_t j = i; !rc && r.doc >= 0 && j < stop;) {
            const char *amp = memchr(bytes + j, '&', (size_t)(stop - j));
            if (!amp)
                break;
            j = amp - bytes;
            int64_t n = reference(&r, j, stop, NULL);
            if (n > 0)
                rc = gap(&r, j, j + n);
            j += n > 0 ? n : 1;
        }
        if (rc || !lt)
            break;
        rc = markup(&r, stop, sink, &i);
    }
    if (!rc && r.depth) {
        const element *e = &r.stack[r.doc >= 0 ? r.doc : (long)r.depth - 1];
        rc = fmt_fail(err, path, bytes, e->at, "XML: <%.*s> never closed",
                      (int)(e->nlen > 100 ? 100 : e->nlen), bytes + e->name);
    }
    if (rc == CLIO_ENOMEM)
        fmt_sink_failed(err, path, rc);
    free(r.stack);
    for (int f = 0; f < F_COUNT; f++)
        clio_buf_free(&r.field[f]);
    clio_buf_free(&r.text);
    clio_buf_free(&r.doc_lang);
    fmt_meta_free(&r.meta);
    free(r.gaps.v);
    return rc;
}
