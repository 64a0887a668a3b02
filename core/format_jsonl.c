/* JSONL corpus reader: one JSON object per non-blank line; the document is the bytes
 * inside the quotes of its top-level text string, escapes recorded as markup gaps;
 * other top-level strings, numbers and booleans become metadata.
 *
 * A small recursive-descent scanner over one line at a time (a JSONL object never
 * spans lines: raw line breaks are not allowed inside strings or between values
 * here). Nesting is capped at MAX_DEPTH, so hostile input cannot exhaust the stack. */
#include "format_common.h"

#define MAX_DEPTH 256

typedef struct {
    const char *b;   /* the whole file */
    int64_t i, lim;  /* position; end of the current line */
    const char *path;
    clio_error *err;
} scanner;

static int fail(scanner *s, int64_t at, const char *what)
{
    return fmt_fail(s->err, s->path, s->b, at, "JSONL: %s", what);
}

static int fail_here(scanner *s, const char *expected)
{
    char what[200];
    if (s->i >= s->lim)
        snprintf(what, sizeof what, "line ends where %s was expected", expected);
    else
        snprintf(what, sizeof what, "'%c' where %s was expected",
                 (unsigned char)s->b[s->i] >= 0x20 && (unsigned char)s->b[s->i] < 0x7F
                     ? s->b[s->i] : '?',
                 expected);
    return fail(s, s->i, what);
}

static void skip_ws(scanner *s)
{
    while (s->i < s->lim && (s->b[s->i] == ' ' || s->b[s->i] == '\t' || s->b[s->i] == '\r'))
        s->i++;
}

static int hex4(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* A string at s->i (the opening quote). Its content range goes to *start and *end; when
 * out is given the decoded value is appended; when gaps is given every escape
 * becomes a gap (see docs/formats.md for which bytes). */
static int scan_string(scanner *s, int64_t *start, int64_t *end, clio_buf *out, clio_gaps *gaps)
{
    int64_t open = s->i++;
    if (start)
        *start = s->i;
    for (;;) {
        int64_t run = s->i;
        while (s->i < s->lim && s->b[s->i] != '"' && s->b[s->i] != '\\' &&
               (unsigned char)s->b[s->i] >= 0x20)
            s->i++;
        if (out && s->i > run && clio_buf_append(out, s->b + run, (size_t)(s->i - run)))
            return CLIO_ENOMEM;
        if (s->i >= s->lim)
            return fail(s, open, "string never closed on its line");
        char c = s->b[s->i];
        if (c == '"')
            break;
        if (c != '\\')
            return fail(s, s->i, "control character inside a string (escape it)");
        int64_t esc = s->i;
        if (esc + 1 >= s->lim)
            return fail(s, esc, "string never closed on its line");
        char e = s->b[esc + 1];
        int64_t glen = 2;
        uint32_t cp = 0;
        switch (e) {
        case '"': case '\\': case '/': cp = (uint32_t)e; glen = 1; break;
        case 'n': cp = '\n'; break;
        case 't': cp = '\t'; break;
        case 'r': cp = '\r'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u':
            if (esc + 6 > s->lim || !hex4(s->b + esc + 2, &cp))
                return fail(s, esc, "\\u needs four hex digits");
            glen = 6;
            uint32_t lo;
            if (cp >= 0xD800 && cp <= 0xDBFF && esc + 12 <= s->lim && s->b[esc + 6] == '\\' &&
                s->b[esc + 7] == 'u' && hex4(s->b + esc + 8, &lo) && lo >= 0xDC00 &&
                lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                glen = 12;
            }
            break;
        default:
            return fail(s, esc, "unknown escape in a string");
        }
        if (out && fmt_put_utf8(out, cp))
            return CLIO_ENOMEM;
        /* "\n\n" (or \n\r\n) is a blank line: the gap ends a paragraph */
        int blank = e == 'n' && gaps && gaps->n && gaps->v[gaps->n - 1].end == esc &&
                    esc >= 2 && s->b[esc - 1] == 'n' && s->b[esc - 2] == '\\';
        if (!blank && e == 'n' && gaps && gaps->n && gaps->v[gaps->n - 1].end == esc && esc >= 4)
            blank = memcmp(s->b + esc - 4, "\\n\\r", 4) == 0;
        if (gaps && fmt_gap_kind(gaps, esc, esc + glen, blank ? CLIO_GAP_BREAK : CLIO_GAP_MARKUP))
            return CLIO_ENOMEM;
        /* \" \\ \/ : the backslash is the gap, the character after it stays text */
        s->i = esc + (e == 'u' ? glen : 2);
    }
    if (end)
        *end = s->i;
    s->i++;
    return 0;
}

static int scan_number(scanner *s)
{
    int64_t at = s->i;
    const char *b = s->b;
    if (s->i < s->lim && b[s->i] == '-')
        s->i++;
    if (s->i < s->lim && b[s->i] == '0')
        s->i++;
    else if (s->i < s->lim && b[s->i] >= '1' && b[s->i] <= '9')
        while (s->i < s->lim && b[s->i] >= '0' && b[s->i] <= '9')
            s->i++;
    else
        return fail(s, at, "malformed number");
    if (s->i < s->lim && b[s->i] == '.') {
        s->i++;
        if (!(s->i < s->lim && b[s->i] >= '0' && b[s->i] <= '9'))
            return fail(s, at, "malformed number");
        while (s->i < s->lim && b[s->i] >= '0' && b[s->i] <= '9')
            s->i++;
    }
    if (s->i < s->lim && (b[s->i] == 'e' || b[s->i] == 'E')) {
        s->i++;
        if (s->i < s->lim && (b[s->i] == '+' || b[s->i] == '-'))
            s->i++;
        if (!(s->i < s->lim && b[s->i] >= '0' && b[s->i] <= '9'))
            return fail(s, at, "malformed number");
        while (s->i < s->lim && b[s->i] >= '0' && b[s->i] <= '9')
            s->i++;
    }
    return 0;
}

static int scan_literal(scanner *s, const char *word)
{
    size_t n = strlen(word);
    if (s->i + (int64_t)n > s->lim || memcmp(s->b + s->i, word, n) != 0)
        return fail_here(s, "a value");
    s->i += (int64_t)n;
    return 0;
}

/* Checks and skips one value (nested ones included), depth levels down already. */
static int skip_value(scanner *s, int depth)
{
    skip_ws(s);
    if (s->i >= s->lim)
        return fail_here(s, "a value");
    char c = s->b[s->i];
    if (c == '{' || c == '[') {
        if (depth >= MAX_DEPTH)
            return fail(s, s->i, "nested deeper than 256 levels");
        char close = c == '{' ? '}' : ']';
        s->i++;
        skip_ws(s);
        if (s->i < s->lim && s->b[s->i] == close) {
            s->i++;
            return 0;
        }
        for (;;) {
            int rc;
            if (c == '{') {
                skip_ws(s);
                if (s->i >= s->lim || s->b[s->i] != '"')
                    return fail_here(s, "a key (a string)");
                if ((rc = scan_string(s, NULL, NULL, NULL, NULL)))
                    return rc;
                skip_ws(s);
                if (s->i >= s->lim || s->b[s->i] != ':')
                    return fail_here(s, "':'");
                s->i++;
            }
            if ((rc = skip_value(s, depth + 1)))
                return rc;
            skip_ws(s);
            if (s->i < s->lim && s->b[s->i] == ',') {
                s->i++;
                continue;
            }
            if (s->i < s->lim && s->b[s->i] == close) {
                s->i++;
                return 0;
            }
            return fail_here(s, c == '{' ? "',' or '}'" : "',' or ']'");
        }
    }
    if (c == '"')
        return scan_string(s, NULL, NULL, NULL, NULL);
    if (c == '-' || (c >= '0' && c <= '9'))
        return scan_number(s);
    if (c == 't')
        return scan_literal(s, "true");
    if (c == 'f')
        return scan_literal(s, "false");
    if (c == 'n')
        return scan_literal(s, "null");
    return fail_here(s, "a value");
}

typedef struct {
    const char *field;
    clio_buf key, value;
    clio_gaps gaps;
    fmt_meta meta;
    int have_text;        /* 0 none, 1 a string, 2 null */
    int64_t start, end;   /* of the text string's content */
} line_state;

/* One top-level member: the text field, metadata, or something skipped. */
static int scan_member(scanner *s, line_state *st)
{
    int64_t key_at = s->i;
    if (s->i >= s->lim || s->b[s->i] != '"')
        return fail_here(s, "a key (a string)");
    st->key.len = 0;
    int rc = scan_string(s, NULL, NULL, &st->key, NULL);
    if (rc)
        return rc;
    if (clio_buf_append(&st->key, "", 0))
        return CLIO_ENOMEM;
    skip_ws(s);
    if (s->i >= s->lim || s->b[s->i] != ':')
        return fail_here(s, "':'");
    s->i++;
    skip_ws(s);
    if (s->i >= s->lim)
        return fail_here(s, "a value");
    const char *key = st->key.data ? st->key.data : "";
    int is_text = strcmp(key, st->field) == 0 && strlen(key) == st->key.len;
    char c = s->b[s->i];
    if (is_text) {
        if (st->have_text)
            return fail(s, key_at, "a second text field in one object");
        if (c == '"') {
            st->have_text = 1;
            return scan_string(s, &st->start, &st->end, NULL, &st->gaps);
        }
        if (c == 'n') {
            st->have_text = 2;
            return scan_literal(s, "null");
        }
        char what[160];
        snprintf(what, sizeof what, "the \"%.100s\" field is not a string", st->field);
        return fail(s, s->i, what);
    }
    int64_t at = s->i;
    st->value.len = 0;
    if (c == '"') {
        if ((rc = scan_string(s, NULL, NULL, &st->value, NULL)))
            return rc;
        return fmt_meta_add(&st->meta, key, st->key.len, st->value.data ? st->value.data : "",
                            st->value.len);
    }
    if ((rc = skip_value(s, 1)))
        return rc;
    if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f')
        return fmt_meta_add(&st->meta, key, st->key.len, s->b + at,
                            (size_t)(s->i - at));
    return 0; /* null, objects and arrays carry no metadata */
}

int clio_format_jsonl(const char *bytes, int64_t size, const char *text_field, const char *path,
                      clio_format_sink *sink, clio_error *err)
{
    scanner s = {bytes, 0, 0, path, err};
    line_state st = {.field = text_field ? text_field : "text"};
    int rc = 0;
    for (int64_t pos = fmt_bom(bytes, size); pos < size;) {
        const char *nl = memchr(bytes + pos, '\n', (size_t)(size - pos));
        int64_t line_end = nl ? nl - bytes : size;
        s.i = pos;
        s.lim = line_end;
        pos = line_end + 1;
        skip_ws(&s);
        if (s.i == s.lim)
            continue; /* a blank line */
        if (bytes[s.i] != '{') {
            rc = fail_here(&s, "an object ('{')");
            break;
        }
        int64_t open = s.i++;
        st.gaps.n = 0;
        fmt_meta_clear(&st.meta);
        st.have_text = 0;
        skip_ws(&s);
        if (s.i < s.lim && bytes[s.i] == '}') {
            s.i++;
        } else {
            for (;;) {
                skip_ws(&s);
                if ((rc = scan_member(&s, &st)))
                    goto done;
                skip_ws(&s);
                if (s.i < s.lim && bytes[s.i] == ',') {
                    s.i++;
                    continue;
                }
                if (s.i < s.lim && bytes[s.i] == '}') {
                    s.i++;
                    break;
                }
                rc = fail_here(&s, "',' or '}'");
                goto done;
            }
        }
        skip_ws(&s);
        if (s.i < s.lim) {
            rc = fail(&s, s.i, "text after the object on its line");
            break;
        }
        if (!st.have_text) {
            char what[160];
            snprintf(what, sizeof what, "object has no \"%.100s\" field", st.field);
            rc = fail(&s, open, what);
            break;
        }
        if (st.have_text == 2 || st.end == st.start)
            continue; /* null or empty text: no document */
        rc = clio_format_add_doc(sink, st.start, st.end, &st.gaps, NULL, st.meta.v, st.meta.n);
        if (rc) {
            rc = fmt_sink_failed(err, path, rc);
            break;
        }
    }
done:
    if (rc == CLIO_ENOMEM)
        fmt_sink_failed(err, path, rc);
    clio_buf_free(&st.key);
    clio_buf_free(&st.value);
    free(st.gaps.v);
    fmt_meta_free(&st.meta);
    return rc;
}
