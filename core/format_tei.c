/* TEI XML reader, through expat: each outermost <text> element is a document (its
 * content, between the start and end tags); metadata comes from the nearest preceding
 * <teiHeader>.
 *
 * Expat says where in the file each event's bytes are (XML_GetCurrentByteIndex and
 * ByteCount). Character data whose bytes are the input's own (a "\r\n" read as "\n"
 * included) is text; a character or entity reference is a substitution gap carrying
 * the text it stands for (an internal entity's expansion, events and all, is reported
 * at its reference); every other byte of the document (tags and their attributes,
 * comments, processing instructions, CDATA delimiters, and the content of <note> and of
 * a <teiHeader> inside <text>) is a markup gap, a BREAK where a block element starts or
 * ends. Names match by local name (no namespace processing), so <tei:text> is <text>.
 *
 * External entities and DTDs are never read; expat's own limit on entity expansion
 * (billion laughs) stays on, checked from 1 MiB of output rather than expat's 8 MiB:
 * a refusal then costs an eighth of the work, and a real text's entities amplify it
 * nowhere near the factor of 100 that is refused. */
#include "format_common.h"

/* Debian's expat is built with DTD support; its header declares the entity-expansion
 * limits only when told so */
#ifndef XML_DTD
#define XML_DTD
#endif
#include <expat.h>

enum {
    E_OTHER, E_TEXT, E_TEIHEADER, E_FILEDESC, E_TITLESTMT, E_TITLE, E_AUTHOR, E_DATE,
    E_CREATION, E_SOURCEDESC, E_PUBSTMT, E_IDNO, E_LANGUSAGE, E_LANGUAGE, E_PROFILEDESC,
    E_NOTE, E_PERSNAME, E_PLACENAME, E_ORGNAME, E_BLOCK
};

static const char *const element_names[] = {
    [E_TEXT] = "text", [E_TEIHEADER] = "teiHeader", [E_FILEDESC] = "fileDesc",
    [E_TITLESTMT] = "titleStmt", [E_TITLE] = "title", [E_AUTHOR] = "author",
    [E_DATE] = "date", [E_CREATION] = "creation", [E_SOURCEDESC] = "sourceDesc",
    [E_PUBSTMT] = "publicationStmt", [E_IDNO] = "idno", [E_LANGUSAGE] = "langUsage",
    [E_LANGUAGE] = "language", [E_PROFILEDESC] = "profileDesc", [E_NOTE] = "note",
    [E_PERSNAME] = "persName", [E_PLACENAME] = "placeName", [E_ORGNAME] = "orgName"};

/* Elements whose start and end end a paragraph: a sentence never runs across them.
 * Not lb, pb, cb or quote: verse lines and page breaks fall inside sentences. */
static const char *const blocks[] = {
    "p", "div", "head", "lg", "l", "item", "list", "note", "ab", "sp", "speaker", "stage",
    "table", "row", "cell", "fw", "opener", "closer", "salute", "signed", "dateline",
    "byline", "docTitle", "titlePart", "trailer", "argument", "epigraph", "figure",
    "figDesc", "front", "back", "body", "div1", "div2", "div3", "div4", "div5", "text",
    "teiHeader", "postscript", "letter", "entry", "castList", "label"};

typedef struct {
    unsigned char code, block;
    int64_t at;  /* its '<' in the file */
    long mark;   /* index of its mark, or -1 */
} element;

enum { F_TITLE, F_AUTHOR, F_DATE_CREATION, F_DATE_SOURCE, F_DATE_PUB, F_IDNO_PUB, F_IDNO,
       F_LANGUAGE, F_COUNT };

typedef struct {
    const char *b;
    int64_t size;
    const char *path;
    clio_error *err;
    clio_format_sink *sink;
    XML_Parser p;
    int rc; /* first failure of a handler: stops the parse */
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
    clio_marks marks;
    int64_t cursor;    /* end of the last text or substitution: what follows is markup */
    int brk;           /* a block element's tag lies past the cursor */
    long hidden;       /* stack index of the <note> or <teiHeader> being kept out, or -1 */
    long note;         /* stack index of the outermost <note> whose text is captured */
    clio_buf note_text;
    /* the reference being expanded: its bytes and the text it stands for */
    int64_t ref_at, ref_end;
    clio_buf ref;
} reader;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static const char *local_name(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static int stack_is(const reader *r, long k, int code)
{
    if (k < 0)
        k += (long)r->depth;
    return k >= 0 && (size_t)k < r->depth && r->stack[k].code == code;
}

static int stack_has(const reader *r, long from, int code)
{
    for (long k = from < 0 ? 0 : from; k < (long)r->depth; k++)
        if (r->stack[k].code == code)
            return 1;
    return 0;
}

static void stop(reader *r, int rc)
{
    if (!r->rc)
        r->rc = rc;
    XML_StopParser(r->p, XML_FALSE);
}

/* The value of attribute `want` (by local name, so xml:lang is "lang" only when asked
 * as "xml:lang"), or NULL. */
static const char *attribute(const char **atts, const char *want)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (strcmp(atts[i], want) == 0 || (!strchr(want, ':') && strcmp(local_name(atts[i]), want) == 0))
            return atts[i + 1];
    return NULL;
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

static int set_field(reader *r, int f, const char *value, size_t n)
{
    clio_buf *dst = &r->field[f];
    if (r->have[f] && f != F_AUTHOR)
        return 0; /* the first one counts */
    if (f == F_AUTHOR && r->have[f] && clio_buf_append(dst, "; ", 2))
        return CLIO_ENOMEM;
    if (f != F_AUTHOR)
        dst->len = 0;
    if (clio_buf_append(dst, value ? value : "", n))
        return CLIO_ENOMEM;
    r->have[f] = 1;
    return 0;
}

/* A start tag inside <teiHeader> (stack already holds it): which field it carries. */
static int header_start(reader *r, const char **atts)
{
    long top = (long)r->depth - 1;
    int code = r->stack[top].code, f = -1;
    if (code == E_TITLE && stack_is(r, -2, E_TITLESTMT) && stack_is(r, -3, E_FILEDESC))
        f = F_TITLE;
    else if (code == E_AUTHOR && stack_is(r, -2, E_TITLESTMT) && stack_is(r, -3, E_FILEDESC))
        f = F_AUTHOR;
    else if (code == E_DATE) {
        if (stack_has(r, r->header, E_CREATION))
            f = F_DATE_CREATION;
        else if (stack_has(r, r->header, E_SOURCEDESC))
            f = F_DATE_SOURCE;
        else if (stack_is(r, -2, E_PUBSTMT))
            f = F_DATE_PUB;
    } else if (code == E_IDNO)
        f = stack_is(r, -2, E_PUBSTMT) ? F_IDNO_PUB : F_IDNO;
    else if (code == E_LANGUAGE && stack_is(r, -2, E_LANGUSAGE) && stack_is(r, -3, E_PROFILEDESC))
        f = F_LANGUAGE;
    if (f < 0 || (r->have[f] && f != F_AUTHOR) || r->capture >= 0)
        return 0;
    const char *v = f == F_LANGUAGE ? attribute(atts, "ident")
                    : (f == F_DATE_CREATION || f == F_DATE_SOURCE || f == F_DATE_PUB)
                        ? attribute(atts, "when")
                        : NULL;
    if (v) {
        clio_buf b = {0};
        int rc = clio_buf_append(&b, v, strlen(v)) ? CLIO_ENOMEM : 0;
        collapse(&b);
        if (!rc && b.len)
            rc = set_field(r, f, b.data, b.len);
        int found = b.len > 0;
        clio_buf_free(&b);
        if (rc || found)
            return rc;
    }
    if (f == F_LANGUAGE)
        return 0;
    r->capture = top;
    r->capture_field = f;
    r->text.len = 0;
    return 0;
}

static int put_meta(reader *r, const char *key, const clio_buf *v)
{
    return fmt_meta_add(&r->meta, key, strlen(key), v->data ? v->data : "", v->len);
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
            const char *q = d->data + i;
            int four = 1;
            for (int k = 0; k < 4; k++)
                four &= q[k] >= '0' && q[k] <= '9';
            if (four && (i == 0 || !(q[-1] >= '0' && q[-1] <= '9')) &&
                (i + 4 == d->len || !(q[4] >= '0' && q[4] <= '9'))) {
                rc = rc ? rc : fmt_meta_add(&r->meta, "year", 4, q, 4);
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

/* ---- the document's gaps --------------------------------------------------------- */

/* Markup from the cursor to `to`: one gap, a BREAK when a block tag lies in it. */
static int markup_until(reader *r, int64_t to)
{
    int rc = 0;
    if (to > r->cursor) {
        if (clio_grow((void **)&r->gaps.v, &r->gaps.cap, r->gaps.n + 1, sizeof *r->gaps.v))
            return CLIO_ENOMEM;
        r->gaps.v[r->gaps.n++] =
            (clio_gap){r->cursor, to, r->brk ? CLIO_GAP_BREAK : CLIO_GAP_MARKUP, 0};
        r->brk = 0;
        r->cursor = to;
    }
    return rc;
}

/* The reference being expanded is complete: a substitution gap (a plain gap when it
 * stands for nothing), or, inside a hidden element, more of a note's text. */
static int flush_ref(reader *r)
{
    if (r->ref_end <= r->ref_at)
        return 0;
    int64_t at = r->ref_at, end = r->ref_end;
    r->ref_at = r->ref_end = 0;
    if (r->doc < 0)
        return 0;
    if (r->hidden >= 0) {
        return r->note >= 0 && r->ref.len &&
                       clio_buf_append(&r->note_text, r->ref.data, r->ref.len)
                   ? CLIO_ENOMEM
                   : 0;
    }
    int rc = markup_until(r, at);
    if (rc)
        return rc;
    if (!r->ref.len) {
        r->cursor = at; /* an empty expansion is markup like the rest */
        return markup_until(r, end);
    }
    if (r->gaps.subs.len + r->ref.len + 1 > UINT32_MAX)
        return CLIO_ENOMEM;
    uint32_t off = (uint32_t)r->gaps.subs.len;
    if (clio_buf_append(&r->gaps.subs, r->ref.data, r->ref.len) ||
        clio_buf_append(&r->gaps.subs, "", 1) ||
        clio_grow((void **)&r->gaps.v, &r->gaps.cap, r->gaps.n + 1, sizeof *r->gaps.v))
        return CLIO_ENOMEM;
    r->gaps.v[r->gaps.n++] = (clio_gap){at, end, CLIO_GAP_SUBST, off};
    r->cursor = end;
    return 0;
}

/* The current event's bytes [*at, *at + *n); 1 when they are a reference ('&'), whose
 * expansion the event is part of. */
static int event_bytes(reader *r, int64_t *at, int64_t *n)
{
    *at = (int64_t)XML_GetCurrentByteIndex(r->p);
    *n = XML_GetCurrentByteCount(r->p);
    if (*at < 0 || *at > r->size)
        *at = r->size, *n = 0;
    if (*n < 0 || *n > r->size - *at)
        *n = r->size - *at;
    return *n > 0 && r->b[*at] == '&';
}

/* An event inside the expansion of the reference at [at, at+n): starts it when new. */
static int in_ref(reader *r, int64_t at, int64_t n)
{
    if (r->ref_end > r->ref_at && r->ref_at == at)
        return 0;
    int rc = flush_ref(r);
    r->ref_at = at;
    r->ref_end = at + n;
    r->ref.len = 0;
    return rc;
}

static int add_mark(reader *r, uint32_t kind, int64_t start, const char *value, long *index)
{
    size_t vlen = value ? strlen(value) : 0;
    if (r->marks.text.len + vlen + 1 > UINT32_MAX)
        return CLIO_ENOMEM;
    uint32_t off = (uint32_t)r->marks.text.len;
    if (clio_buf_append(&r->marks.text, value ? value : "", vlen) ||
        clio_buf_append(&r->marks.text, "", 1) ||
        clio_grow((void **)&r->marks.v, &r->marks.cap, r->marks.n + 1, sizeof *r->marks.v))
        return CLIO_ENOMEM;
    if (index)
        *index = (long)r->marks.n;
    r->marks.v[r->marks.n++] = (clio_mark){start, start, kind, off};
    return 0;
}

static int emit_doc(reader *r, int64_t end)
{
    int rc = markup_until(r, end);
    if (rc || end == r->doc_start)
        return rc; /* an empty <text>: no document */
    int add_lang = r->doc_lang.len > 0;
    for (size_t k = 0; add_lang && k < r->meta.n; k++)
        if (strcmp(r->meta.v[k].key, "language") == 0)
            add_lang = 0;
    rc = add_lang ? put_meta(r, "language", &r->doc_lang) : 0;
    if (!rc)
        rc = clio_format_add_doc(r->sink, r->doc_start, end, &r->gaps, &r->marks, r->meta.v,
                                 r->meta.n);
    if (add_lang) { /* the language was this document's only */
        r->meta.n--;
        free((char *)r->meta.v[r->meta.n].key);
        free((char *)r->meta.v[r->meta.n].value);
    }
    return rc ? fmt_sink_failed(r->err, r->path, rc) : 0;
}

/* ---- expat's handlers ------------------------------------------------------------- */

static int code_of(const char *local, int *block)
{
    *block = 0;
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        if (strcmp(blocks[k], local) == 0)
            *block = 1;
    for (int c = 1; c < (int)(sizeof element_names / sizeof *element_names); c++)
        if (element_names[c] && strcmp(element_names[c], local) == 0)
            return c;
    return E_OTHER;
}

static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
    reader *r = ud;
    if (r->rc)
        return;
    int64_t at, n;
    int ref = event_bytes(r, &at, &n);
    int rc = ref ? in_ref(r, at, n) : flush_ref(r);
    int block;
    int code = code_of(local_name(name), &block);
    if (ref && code == E_TEXT)
        code = E_OTHER; /* a document neither starts nor ends inside an expansion */
    if (!rc && clio_grow((void **)&r->stack, &r->cap, r->depth + 1, sizeof *r->stack))
        rc = CLIO_ENOMEM;
    if (rc)
        return stop(r, rc);
    long k = (long)r->depth;
    r->stack[r->depth++] = (element){(unsigned char)code, (unsigned char)block, at, -1};
    if (r->header >= 0) {
        rc = header_start(r, atts);
    } else if (r->doc < 0 && code == E_TEIHEADER) {
        r->header = k;
        r->capture = -1;
        for (int f = 0; f < F_COUNT; f++) {
            r->have[f] = 0;
            r->field[f].len = 0;
        }
    } else if (r->doc < 0 && code == E_TEXT) {
        r->doc = k;
        r->doc_start = r->cursor = at + n;
        r->brk = 0;
        r->gaps.n = 0;
        r->gaps.subs.len = 0;
        r->marks.n = 0;
        r->marks.text.len = 0;
        r->hidden = r->note = -1;
        r->doc_lang.len = 0;
        const char *lang = attribute(atts, "xml:lang");
        if (lang && clio_buf_append(&r->doc_lang, lang, strlen(lang)))
            rc = CLIO_ENOMEM;
        collapse(&r->doc_lang);
    } else if (r->doc >= 0 && !ref) {
        r->brk |= block;
        if (block && r->note >= 0 && clio_buf_append(&r->note_text, " ", 1))
            rc = CLIO_ENOMEM; /* a note's blocks are words apart (collapsed at its end) */
        uint32_t kind = code == E_NOTE        ? CLIO_MARK_NOTE
                        : code == E_TEIHEADER ? CLIO_MARK_HEADER
                        : code == E_DATE      ? CLIO_MARK_DATE
                        : code == E_PERSNAME  ? CLIO_MARK_PERSNAME
                        : code == E_PLACENAME ? CLIO_MARK_PLACENAME
                        : code == E_ORGNAME   ? CLIO_MARK_ORGNAME
                                              : 0;
        const char *v = NULL;
        if (kind == CLIO_MARK_DATE && !(v = attribute(atts, "when")) &&
            !(v = attribute(atts, "from")))
            v = attribute(atts, "notBefore");
        else if (kind >= CLIO_MARK_PERSNAME && kind <= CLIO_MARK_ORGNAME &&
                 !(v = attribute(atts, "ref")))
            v = attribute(atts, "key");
        /* a note inside a note is part of it: one mark, one text */
        if (kind && !(kind == CLIO_MARK_NOTE && r->note >= 0))
            rc = add_mark(r, kind, at + n, v, &r->stack[k].mark);
        if (!rc && (kind == CLIO_MARK_NOTE || kind == CLIO_MARK_HEADER) && r->hidden < 0) {
            r->hidden = k;
            r->note = kind == CLIO_MARK_NOTE ? k : -1;
            r->note_text.len = 0;
        }
    }
    if (rc)
        stop(r, rc);
}

static void XMLCALL on_end(void *ud, const char *name)
{
    (void)name;
    reader *r = ud;
    if (r->rc || !r->depth)
        return;
    int64_t at, n;
    int ref = event_bytes(r, &at, &n);
    int rc = ref ? 0 : flush_ref(r);
    long k = (long)r->depth - 1;
    element *e = &r->stack[k];
    if (!rc && r->doc == k) {
        rc = emit_doc(r, at);
        r->doc = -1;
    } else if (r->doc >= 0 && !ref) {
        r->brk |= e->block;
        if (e->block && r->note >= 0 && r->note != k && clio_buf_append(&r->note_text, " ", 1))
            rc = CLIO_ENOMEM;
        if (e->mark >= 0) {
            clio_mark *m = &r->marks.v[e->mark];
            m->end = at > m->start ? at : m->start;
        }
        if (r->hidden == k) {
            if (r->note == k) { /* the note's text becomes its mark's value */
                collapse(&r->note_text);
                clio_mark *m = &r->marks.v[e->mark];
                uint32_t off = (uint32_t)r->marks.text.len;
                if (r->marks.text.len + r->note_text.len + 1 > UINT32_MAX ||
                    clio_buf_append(&r->marks.text, r->note_text.data ? r->note_text.data : "",
                                    r->note_text.len) ||
                    clio_buf_append(&r->marks.text, "", 1))
                    rc = CLIO_ENOMEM;
                else
                    m->value = off;
            }
            r->hidden = r->note = -1;
        }
    }
    if (!rc && r->capture == k) {
        collapse(&r->text);
        if (r->text.len)
            rc = set_field(r, r->capture_field, r->text.data, r->text.len);
        r->capture = -1;
    }
    if (!rc && r->header == k) {
        rc = header_end(r);
        r->header = -1;
    }
    r->depth--;
    if (rc)
        stop(r, rc);
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
    reader *r = ud;
    if (r->rc)
        return;
    int rc = 0;
    if (r->capture >= 0 && clio_buf_append(&r->text, s, (size_t)len))
        rc = CLIO_ENOMEM;
    int64_t at, n;
    int ref = event_bytes(r, &at, &n);
    if (!rc && r->doc >= 0) {
        /* bytes of its own, or a line end read as "\n" (expat normalizes "\r\n", "\r") */
        int plain = !ref && ((n == len && memcmp(r->b + at, s, (size_t)len) == 0) ||
                             (len == 1 && s[0] == '\n' && n >= 1 && r->b[at] == '\r'));
        if (plain) {
            rc = flush_ref(r);
            if (!rc && r->hidden >= 0) {
                if (r->note >= 0 && clio_buf_append(&r->note_text, s, (size_t)len))
                    rc = CLIO_ENOMEM;
            } else if (!rc) {
                rc = markup_until(r, at);
                r->cursor = at + n;
            }
        } else {
            rc = in_ref(r, at, n);
            if (!rc && clio_buf_append(&r->ref, s, (size_t)len))
                rc = CLIO_ENOMEM;
        }
    }
    if (rc)
        stop(r, rc);
}

/* A reference to an entity clio cannot read (declared in an external DTD that is never
 * fetched, or an external entity): a plain gap, listed as an "entity" mark. */
static void unresolved(reader *r, const char *name)
{
    int64_t at, n;
    event_bytes(r, &at, &n);
    /* Inside the expansion of a reference being read ("&a;" with a = "x &b; y"), it is
     * part of that expansion, which goes on: flushing here cut it into two
     * substitutions over the same bytes (found by fuzz_tei). */
    int inside = r->ref_end > r->ref_at && r->ref_at == at;
    int rc = inside ? 0 : flush_ref(r);
    if (!rc && r->doc >= 0 && r->hidden < 0 && n > 0 && r->b[at] == '&') {
        long m;
        rc = add_mark(r, CLIO_MARK_ENTITY, at, name, &m);
        if (!rc)
            r->marks.v[m].end = at + n;
    }
    if (rc)
        stop(r, rc);
}

static void XMLCALL on_skipped(void *ud, const char *name, int is_parameter)
{
    if (!is_parameter)
        unresolved(ud, name);
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                               const XML_Char *system_id, const XML_Char *public_id)
{
    (void)base, (void)system_id, (void)public_id;
    if (context) /* NULL for the external DTD subset, which is simply not read */
        unresolved(XML_GetUserData(p), context);
    return XML_STATUS_OK;
}

/* ---- the parse --------------------------------------------------------------------- */

/* The name of the element opened at b[at] ('<'), for messages. */
static int name_len(const char *b, int64_t size, int64_t at)
{
    int64_t i = at + 1;
    while (i < size && i - at < 100 && !is_space(b[i]) && b[i] != '>' && b[i] != '/')
        i++;
    return (int)(i - at - 1);
}

static int parse_error(reader *r)
{
    enum XML_Error code = XML_GetErrorCode(r->p);
    int64_t at = (int64_t)XML_GetCurrentByteIndex(r->p);
    if (at < 0 || at > r->size)
        at = r->size;
    if (code == XML_ERROR_NO_ELEMENTS && r->depth) { /* the end came with elements open */
        const element *e = &r->stack[r->doc >= 0 ? r->doc : (long)r->depth - 1];
        return fmt_fail(r->err, r->path, r->b, e->at, "XML: <%.*s> never closed",
                        name_len(r->b, r->size, e->at), r->b + e->at + 1);
    }
    if (code == XML_ERROR_AMPLIFICATION_LIMIT_BREACH)
        return fmt_fail(r->err, r->path, r->b, at,
                        "XML: entity expansion refused (%s; a 'billion laughs' document?)",
                        XML_ErrorString(code));
    /* expat's "unclosed token" and "invalid token" say little: name the construct */
    if (code == XML_ERROR_UNCLOSED_CDATA_SECTION) {
        for (int64_t i = at; i-- > 0;)
            if (r->b[i] == '<' && r->size - i >= 9 && memcmp(r->b + i, "<![CDATA[", 9) == 0)
                return fmt_fail(r->err, r->path, r->b, i,
                                "XML: CDATA section never closed by ']]>'");
    }
    if (code == XML_ERROR_UNCLOSED_TOKEN && at < r->size && r->b[at] == '<') {
        const char *p = r->b + at;
        int64_t rest = r->size - at;
        const char *what = rest >= 4 && memcmp(p, "<!--", 4) == 0 ? "comment never closed by '-->'"
                           : rest >= 2 && p[1] == '?' ? "processing instruction never closed by '?>'"
                           : rest >= 2 && p[1] == '!' ? "declaration never closed by '>'"
                           : rest >= 2 && p[1] == '/' ? "end tag never closed by '>'"
                           : rest >= 2                ? "tag never closed by '>'"
                                                      : "'<' starts no tag (write &lt; for a literal <)";
        return fmt_fail(r->err, r->path, r->b, at, "XML: %s", what);
    }
    if (code == XML_ERROR_INVALID_TOKEN && at < r->size && r->b[at] == '<') {
        /* a '<' inside a tag: the tag before it was never closed */
        int64_t i = at;
        while (i-- > 0 && r->b[i] != '<' && r->b[i] != '>')
            ;
        if (i >= 0 && r->b[i] == '<')
            return fmt_fail(r->err, r->path, r->b, i, "XML: tag never closed by '>'");
    }
    if (code == XML_ERROR_INVALID_TOKEN && at > 0 && r->b[at - 1] == '<' && r->b[at] == '/' &&
        !r->depth)
        return fmt_fail(r->err, r->path, r->b, at - 1, "XML: </%.*s> closes no element",
                        name_len(r->b, r->size, at) - 0, r->b + at + 1);
    if (code == XML_ERROR_INVALID_TOKEN && at > 0 && r->b[at - 1] == '<')
        return fmt_fail(r->err, r->path, r->b, at - 1,
                        "XML: '<' starts no tag (write &lt; for a literal <)");
    if (code == XML_ERROR_INVALID_TOKEN && at > 0 && r->b[at - 1] == '&')
        return fmt_fail(r->err, r->path, r->b, at - 1,
                        "XML: '&' starts no reference (write &amp; for a literal &)");
    if (code == XML_ERROR_UNDEFINED_ENTITY) {
        int64_t n = 0;
        while (at + n < r->size && n < 100 && r->b[at + n] != ';' && !is_space(r->b[at + n]))
            n++;
        n += at + n < r->size && r->b[at + n] == ';';
        return fmt_fail(r->err, r->path, r->b, at,
                        "XML: entity %.*s is declared nowhere (declare it in the DOCTYPE, or "
                        "write the character itself)", (int)n, r->b + at);
    }
    if (code == XML_ERROR_TAG_MISMATCH && r->depth) {
        const element *e = &r->stack[r->depth - 1];
        if (at >= 2 && r->b[at - 2] == '<' && r->b[at - 1] == '/')
            at -= 2; /* expat points at the name */
        return fmt_fail(r->err, r->path, r->b, at, "XML: </%.*s> where <%.*s> (byte %lld) should be closed",
                        name_len(r->b, r->size, at + 1), r->b + at + 2,
                        name_len(r->b, r->size, e->at), r->b + e->at + 1, (long long)e->at);
    }
    return fmt_fail(r->err, r->path, r->b, at, "XML: %s", XML_ErrorString(code));
}

int clio_format_tei(const char *bytes, int64_t size, const char *path, clio_format_sink *sink,
                    clio_error *err)
{
    reader r = {.b = bytes, .size = size, .path = path, .err = err, .sink = sink,
                .header = -1, .capture = -1, .doc = -1, .hidden = -1, .note = -1};
    /* UTF-8 whatever the declaration says: the corpus has checked it is */
    r.p = XML_ParserCreate("UTF-8");
    if (!r.p)
        return fmt_sink_failed(err, path, CLIO_ENOMEM);
    XML_SetUserData(r.p, &r);
    XML_SetElementHandler(r.p, on_start, on_end);
    XML_SetCharacterDataHandler(r.p, on_text);
    XML_SetSkippedEntityHandler(r.p, on_skipped);
    XML_SetExternalEntityRefHandler(r.p, on_external);
    XML_SetParamEntityParsing(r.p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(r.p, 1ull << 20);
    int rc = 0;
    /* XML_Parse takes an int length: a large file goes in pieces of 1 GiB */
    const int64_t piece = (int64_t)1 << 30;
    int64_t off = 0;
    do {
        int64_t n = size - off < piece ? size - off : piece;
        int final = off + n == size;
        if (XML_Parse(r.p, bytes + off, (int)n, final) != XML_STATUS_OK) {
            rc = r.rc ? r.rc : parse_error(&r);
            break;
        }
        off += n;
    } while (off < size);
    if (!rc && size == 0)
        rc = fmt_fail(err, path, bytes, 0, "XML: no element found");
    if (rc == CLIO_ENOMEM)
        fmt_sink_failed(err, path, rc);
    XML_ParserFree(r.p);
    free(r.stack);
    for (int f = 0; f < F_COUNT; f++)
        clio_buf_free(&r.field[f]);
    clio_buf_free(&r.text);
    clio_buf_free(&r.doc_lang);
    clio_buf_free(&r.note_text);
    clio_buf_free(&r.ref);
    fmt_meta_free(&r.meta);
    free(r.gaps.v);
    clio_buf_free(&r.gaps.subs);
    free(r.marks.v);
    clio_buf_free(&r.marks.text);
    return rc;
}

const char *clio_mark_kind_name(uint32_t kind)
{
    static const char *const names[] = {
        [CLIO_MARK_NOTE] = "note",           [CLIO_MARK_DATE] = "date",
        [CLIO_MARK_PERSNAME] = "persName",   [CLIO_MARK_PLACENAME] = "placeName",
        [CLIO_MARK_ORGNAME] = "orgName",     [CLIO_MARK_ENTITY] = "entity",
        [CLIO_MARK_HEADER] = "header"};
    return kind < sizeof names / sizeof *names ? names[kind] : NULL;
}
