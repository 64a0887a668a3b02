/* The structured format readers through a corpus opened from memory: TEI
 * (FUZZ_FORMAT 'x'), CSV/TSV rows ('r': byte 0 picks the separator) and JSONL ('j').
 * Each document is then analysed (markup gaps, cleaning, tokens, sentences).
 * Invariants: documents lie inside the file, their markup gaps inside the document,
 * sorted; a substitution's text lies in its pool; marks lie inside the document with
 * their values in theirs; tokens lie inside the document; streaming counts what the
 * whole-document path finds; cited text and the same-length view of the document
 * succeed; a refusal names a place inside the input. */
#include <string.h>

#include "clio.h"
#include "fuzz.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must be 'x', 'r' or 'j'"
#endif

static clio_clean_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static const char src[] = "show-more marker \xE2\x80\xA6show more content\xE2\x80\xA6\n"
                              "cut-start cut-start\ncut-end cut-end\n";
    if (clio_clean_rules_parse(src, sizeof src - 1, "fuzz.rules", &rules, NULL))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *name = "fuzz.xml";
    if (FUZZ_FORMAT == 'j')
        name = "fuzz.jsonl";
    if (FUZZ_FORMAT == 'r') {
        if (size < 1)
            return 0;
        name = data[0] & 1 ? "fuzz.tsv" : "fuzz.csv";
        data++, size--;
    }
    clio_corpus_opts o = {.repair = 1, .rules = rules};
    clio_corpus *c = clio_corpus_new(&o);
    FUZZ_CHECK(c != NULL);
    clio_error err;
    clio_error_clear(&err);
    int rc = clio_corpus_add_memory(c, name, (const char *)data, size, &err);
    if (rc) {
        FUZZ_CHECK(rc < 0 && err.code == rc);
        FUZZ_CHECK(err.offset <= (int64_t)size);
        FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) != NULL);
    } else {
        size_t n = clio_corpus_ndocs(c);
        for (size_t i = 0; i < n; i++) {
            clio_doc *d = clio_corpus_doc(c, i);
            FUZZ_CHECK(d->file->size == (int64_t)size);
            FUZZ_CHECK(0 <= d->start && d->start <= d->end && d->end <= d->file->size);
            int64_t prev = d->start;
            for (size_t k = 0; k < clio_doc_parts(d)->markup.n; k++) {
                FUZZ_CHECK(clio_doc_parts(d)->markup.v[k].start >= prev);
                FUZZ_CHECK(clio_doc_parts(d)->markup.v[k].end >= clio_doc_parts(d)->markup.v[k].start);
                FUZZ_CHECK(clio_doc_parts(d)->markup.v[k].end <= d->end);
                if (clio_doc_parts(d)->markup.v[k].rule == CLIO_GAP_SUBST) {
                    FUZZ_CHECK(clio_doc_parts(d)->markup.v[k].sub < clio_doc_parts(d)->markup.subs.len);
                    FUZZ_CHECK(memchr(clio_doc_parts(d)->markup.subs.data + clio_doc_parts(d)->markup.v[k].sub, 0,
                                      clio_doc_parts(d)->markup.subs.len - clio_doc_parts(d)->markup.v[k].sub) != NULL);
                    FUZZ_CHECK(clio_doc_parts(d)->markup.v[k].end > clio_doc_parts(d)->markup.v[k].start);
                }
                prev = clio_doc_parts(d)->markup.v[k].end;
            }
            for (size_t k = 0; k < clio_doc_parts(d)->marks.n; k++) {
                const clio_mark *m = &clio_doc_parts(d)->marks.v[k];
                FUZZ_CHECK(d->start <= m->start && m->start <= m->end && m->end <= d->end);
                FUZZ_CHECK(m->value < clio_doc_parts(d)->marks.text.len);
                FUZZ_CHECK(clio_mark_kind_name(m->kind) != NULL);
            }
            clio_totals streamed = {0};
            FUZZ_CHECK(clio_corpus_doc_totals(c, i, &streamed) == 0);
            for (size_t k = 0; k < clio_doc_nmeta(d); k++)
                FUZZ_CHECK(d->meta->v[k].key && d->meta->v[k].value);
            FUZZ_CHECK(clio_corpus_analyze(c, i) == 0);
            for (size_t k = 0; k < clio_doc_parts(d)->tokens.n; k++) {
                const clio_token *t = &clio_doc_parts(d)->tokens.v[k];
                FUZZ_CHECK(t->start >= d->start && t->start + t->len <= d->end);
            }
            if (clio_doc_parts(d)->sentences.n) {
                const clio_sentence *s = &clio_doc_parts(d)->sentences.v[clio_doc_parts(d)->sentences.n - 1];
                FUZZ_CHECK(s->first_token + s->ntokens == clio_doc_parts(d)->tokens.n);
            }
            FUZZ_CHECK(streamed.tokens == (int64_t)clio_doc_parts(d)->tokens.n);
            FUZZ_CHECK(streamed.sentences == (int64_t)clio_doc_parts(d)->sentences.n);
            clio_buf b = {0};
            FUZZ_CHECK(clio_doc_cite(d, d->start, d->end, &b) == 0);
            FUZZ_CHECK(b.data && strlen(b.data) <= b.len);
            b.len = 0;
            FUZZ_CHECK(clio_doc_view(d, d->start, d->end, &b) == 0);
            FUZZ_CHECK((int64_t)b.len == d->end - d->start);
            for (size_t k = 0; k < clio_doc_parts(d)->tokens.n && k < 64; k++) {
                b.len = 0;
                FUZZ_CHECK(clio_token_cite(d, clio_doc_parts(d)->tokens.v, clio_doc_parts(d)->tokens.n, k, &b) == 0);
            }
            clio_buf_free(&b);
        }
    }
    clio_corpus_free(c);
    return 0;
}
