/* Cited text: a range of a document as a reader reads it. Structured inputs hold markup
 * (tags, escapes, references) between the words; a citation (an event's text, a KWIC
 * line, a report's source view) shows the text without it, every reference read as the
 * character it stands for. Plain text is its own bytes. */
#include "clio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* First markup gap of d ending after pos, by bisection. */
static size_t first_after(const clio_gaps *g, int64_t pos)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->v[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* [*start, *end) cut to the document's bytes (callers pass any range). */
static void clamp_range(const clio_doc *d, int64_t *start, int64_t *end)
{
    if (*start < 0)
        *start = 0;
    if (*end > d->file->size)
        *end = d->file->size;
}

int clio_doc_cite(const clio_doc *d, int64_t start, int64_t end, clio_buf *out)
{
    if (!d || !out)
        return CLIO_EARG;
    clamp_range(d, &start, &end);
    const clio_gaps *g = &clio_doc_parts(d)->markup;
    const char *bytes = d->file->bytes;
    int64_t pos = start;
    for (size_t k = first_after(g, start); pos < end && k < g->n && g->v[k].start < end; k++) {
        const clio_gap *gap = &g->v[k];
        if (gap->start > pos && clio_buf_append(out, bytes + pos, (size_t)(gap->start - pos)))
            return CLIO_ENOMEM;
        if (gap->rule == CLIO_GAP_SUBST) {
            /* a reference cut in the middle is not cited: its character is not in range */
            if (gap->start >= start && gap->end <= end) {
                const char *s = clio_gap_sub(g, gap);
                if (clio_buf_append(out, s, strlen(s)))
                    return CLIO_ENOMEM;
            }
        } else if (gap->rule == CLIO_GAP_BREAK && out->len && !is_space(out->data[out->len - 1]) &&
                   gap->end < end && !is_space(bytes[gap->end])) {
            /* a block boundary with no white space around it still separates words */
            if (clio_buf_append(out, " ", 1))
                return CLIO_ENOMEM;
        }
        if (gap->end > pos)
            pos = gap->end;
    }
    if (pos < end && clio_buf_append(out, bytes + pos, (size_t)(end - pos)))
        return CLIO_ENOMEM;
    return clio_buf_append(out, "", 0) ? CLIO_ENOMEM : 0;
}

/* The reference gap of d that token [s, e) covers only in part, or NULL. */
static const clio_gap *part_of(const clio_gaps *g, int64_t s, int64_t e)
{
    for (size_t k = first_after(g, s); k < g->n && g->v[k].start < e; k++)
        if (g->v[k].rule == CLIO_GAP_SUBST && (s > g->v[k].start || e < g->v[k].end))
            return &g->v[k];
    return NULL;
}

int clio_token_cite(const clio_doc *d, const clio_token *t, size_t n, size_t i, clio_buf *out)
{
    if (!d || !t || i >= n || !out)
        return CLIO_EARG;
    int64_t s = t[i].start, e = s + t[i].len;
    const clio_gaps *markup = &clio_doc_parts(d)->markup;
    const clio_gap *g = part_of(markup, s, e);
    if (!g)
        return clio_doc_cite(d, s, e, out);
    /* one of the words of a reference: the tokens that share it, and its text's words */
    size_t a = i, b = i + 1;
    while (a > 0 && part_of(markup, t[a - 1].start, t[a - 1].start + t[a - 1].len) == g)
        a--;
    while (b < n && part_of(markup, t[b].start, t[b].start + t[b].len) == g)
        b++;
    const char *r = clio_gap_sub(markup, g);
    clio_tokens words = {0};
    clio_vocab *v = clio_vocab_new();
    int rc = v ? clio_tokenize(r, 0, (int64_t)strlen(r), NULL, 0, NULL, v, &words) : CLIO_ENOMEM;
    if (!rc && s < g->start)
        rc = clio_doc_cite(d, s, g->start, out);
    if (!rc) {
        size_t k = i - a;
        if (words.n == b - a) /* this token's own word of the reference's text */
            rc = clio_buf_append(out, r + words.v[k].start, words.v[k].len) ? CLIO_ENOMEM : 0;
        else if (k == 0)
            rc = clio_buf_append(out, r, strlen(r)) ? CLIO_ENOMEM : 0;
    }
    if (!rc && e > g->end)
        rc = clio_doc_cite(d, g->end, e, out);
    if (!rc)
        rc = clio_buf_append(out, "", 0) ? CLIO_ENOMEM : 0;
    clio_vocab_free(v);
    free(words.v);
    return rc;
}

int clio_doc_view(const clio_doc *d, int64_t start, int64_t end, clio_buf *out)
{
    if (!d || !out)
        return CLIO_EARG;
    clamp_range(d, &start, &end);
    if (end <= start)
        return clio_buf_append(out, "", 0) ? CLIO_ENOMEM : 0;
    size_t at = out->len;
    if (clio_buf_append(out, d->file->bytes + start, (size_t)(end - start)))
        return CLIO_ENOMEM;
    char *v = out->data + at;
    const clio_gaps *g = &clio_doc_parts(d)->markup;
    for (size_t k = first_after(g, start); k < g->n && g->v[k].start < end; k++) {
        int64_t s = g->v[k].start > start ? g->v[k].start : start;
        int64_t e = g->v[k].end < end ? g->v[k].end : end;
        memset(v + (s - start), ' ', (size_t)(e - s));
        if (g->v[k].rule == CLIO_GAP_SUBST && s == g->v[k].start && e == g->v[k].end) {
            const char *r = clio_gap_sub(g, &g->v[k]);
            size_t n = strlen(r);
            /* where it fits: the character beside the text that follows it when some
             * does (an opening quote before its word, a dash before the next clause),
             * else beside the text before it; spaces on the other side */
            int after = e < d->file->size && !isspace((unsigned char)d->file->bytes[e]);
            if ((int64_t)n <= e - s)
                memcpy(v + (after ? e - (int64_t)n : s) - start, r, n);
        }
    }
    return 0;
}
