/* TEI through expat: references read as what they stand for (substitution gaps),
 * attributes never text, notes and inner headers kept out of the narrative as marks,
 * the edition's dates and names as marks, block elements ending sentences, and the
 * refusals (malformed XML, entity expansion bombs, entities clio cannot read). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "text_corpus.h"

static clio_doc *only_doc(clio_corpus *c)
{
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    cr_assert_eq(clio_corpus_analyze(c, 0), 0);
    return clio_corpus_doc(c, 0);
}

static int64_t at(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    cr_assert_not_null(p, "'%s' not found", needle);
    return p - hay;
}

static const char *term(clio_corpus *c, const clio_token *t)
{
    size_t n;
    return clio_vocab_term(clio_corpus_vocab(c), t->term, &n);
}

/* The folded terms of the document, space-separated. */
static char *terms(clio_corpus *c, const clio_doc *d)
{
    clio_buf b = {0};
    for (size_t k = 0; k < clio_doc_parts(d)->tokens.n; k++) {
        if (k)
            clio_buf_append(&b, " ", 1);
        const char *s = term(c, &clio_doc_parts(d)->tokens.v[k]);
        clio_buf_append(&b, s, strlen(s));
    }
    clio_buf_append(&b, "", 0);
    return b.data;
}

static char *cite(const clio_doc *d, int64_t s, int64_t e)
{
    clio_buf b = {0};
    cr_assert_eq(clio_doc_cite(d, s, e, &b), 0);
    clio_buf_append(&b, "", 0);
    return b.data;
}

TestSuite(tei_refs);

Test(tei_refs, a_dtd_entity_gives_the_tokens_of_its_text)
{
    const char *x = "<!DOCTYPE TEI [<!ENTITY stalin \"Joseph Stalin\">]>\n"
                    "<TEI><text><p>Then &stalin; spoke.</p></text></TEI>";
    clio_corpus *c = text_corpus("e.xml", x);
    clio_doc *d = only_doc(c);
    char *t = terms(c, d);
    cr_assert_str_eq(t, "then joseph stalin spoke .");
    free(t);
    /* the two words share the reference's bytes out, in order, never overlapping (an
     * index stores each token's distance from the one before) */
    int64_t ref = at(x, "&stalin;"), len = (int64_t)strlen("&stalin;");
    const clio_token *j = &clio_doc_parts(d)->tokens.v[1], *st = &clio_doc_parts(d)->tokens.v[2];
    cr_assert_eq(j->start, ref);
    cr_assert(j->len > 0 && j->start + j->len <= st->start, "Joseph before Stalin");
    cr_assert_eq(st->start + st->len, ref + len);
    cr_assert(j->flags & CLIO_TF_CAPITALIZED);
    cr_assert(st->flags & CLIO_TF_CAPITALIZED);
    clio_buf w = {0};
    cr_assert_eq(clio_token_cite(d, clio_doc_parts(d)->tokens.v, clio_doc_parts(d)->tokens.n, 1, &w), 0);
    cr_assert_str_eq(w.data, "Joseph");
    w.len = 0;
    cr_assert_eq(clio_token_cite(d, clio_doc_parts(d)->tokens.v, clio_doc_parts(d)->tokens.n, 2, &w), 0);
    cr_assert_str_eq(w.data, "Stalin");
    clio_buf_free(&w);
    char *s = cite(d, d->start, d->end);
    cr_assert_str_eq(s, "Then Joseph Stalin spoke.");
    free(s);
    clio_corpus_free(c);
}

Test(tei_refs, an_entity_with_more_words_than_bytes_gives_no_empty_token)
{
    /* "&x;" has 3 bytes for 7 words (and a dotted abbreviation): every token keeps at
     * least one byte of it, in order, and the sentence splitter reads them safely */
    const char *x = "<!DOCTYPE TEI [<!ENTITY x \"a b c d O. e f\">]>"
                    "<TEI><text><p>&x; &x;end. Next.</p></text></TEI>";
    clio_corpus *c = text_corpus("w.xml", x);
    clio_doc *d = only_doc(c);
    cr_assert_gt(clio_doc_parts(d)->tokens.n, 2);
    for (size_t k = 0; k < clio_doc_parts(d)->tokens.n; k++) {
        cr_assert_gt(clio_doc_parts(d)->tokens.v[k].len, 0, "token %zu is empty", k);
        if (k)
            cr_assert_geq(clio_doc_parts(d)->tokens.v[k].start,
                          clio_doc_parts(d)->tokens.v[k - 1].start + (int64_t)clio_doc_parts(d)->tokens.v[k - 1].len);
    }
    clio_totals streamed = {0};
    cr_assert_eq(clio_corpus_doc_totals(c, 0, &streamed), 0);
    cr_assert_eq(streamed.tokens, (int64_t)clio_doc_parts(d)->tokens.n);
    clio_corpus_free(c);
}

Test(tei_refs, character_references_join_words_and_read_as_their_characters)
{
    const char *x = "<TEI><text><p>I don&#8217;t know&#x2014;the caf&#xE9; &amp; co.</p></text></TEI>";
    clio_corpus *c = text_corpus("r.xml", x);
    clio_doc *d = only_doc(c);
    cr_assert_eq(clio_doc_parts(d)->tokens.v[1].start, at(x, "don&"));
    cr_assert_eq(clio_doc_parts(d)->tokens.v[1].start + clio_doc_parts(d)->tokens.v[1].len, at(x, "t know") + 1, "don't is one token");
    char *t = terms(c, d);
    cr_assert(strstr(t, "i don't know"), "%s", t);
    cr_assert(strstr(t, "café & co"), "%s", t);
    free(t);
    char *s = cite(d, d->start, d->end);
    cr_assert_str_eq(s, "I don\xE2\x80\x99t know\xE2\x80\x94the caf\xC3\xA9 & co.");
    free(s);
    /* a range that cuts a reference does not cite half of it */
    s = cite(d, at(x, "know"), at(x, "know") + 8);
    cr_assert_str_eq(s, "know");
    free(s);
    clio_corpus_free(c);
}

Test(tei_refs, streaming_reads_references_as_the_whole_document_path_does)
{
    const char *x = "<!DOCTYPE TEI [<!ENTITY s \"J. V. Stalin\">]><TEI><text><p>a&#8217;b &s; "
                    "c&amp;d.</p><p>Second&#x2014;one.</p></text></TEI>";
    clio_corpus *c = text_corpus("s.xml", x);
    clio_totals streamed = {0};
    cr_assert_eq(clio_corpus_doc_totals(c, 0, &streamed), 0);
    clio_doc *d = only_doc(c);
    cr_assert_eq(streamed.tokens, (int64_t)clio_doc_parts(d)->tokens.n);
    cr_assert_eq(streamed.sentences, (int64_t)clio_doc_parts(d)->sentences.n);
    clio_corpus_free(c);
}

TestSuite(tei_layers);

Test(tei_layers, attributes_notes_and_inner_headers_are_never_narrative)
{
    const char *x = "<TEI><text><p>On <date when=\"1927-11-12\">that day</date> "
                    "<persName ref=\"#trotsky\" key=\"T1\">Trotsky</persName> was expelled."
                    "<note place=\"foot\">Editor: see <placeName ref=\"#msk\">Moscow</placeName>"
                    " files.<note>inner</note></note> Then <orgName key=\"cc\">the CC</orgName> met.</p>"
                    "</text></TEI>";
    clio_corpus *c = text_corpus("n.xml", x);
    clio_doc *d = only_doc(c);
    char *t = terms(c, d);
    cr_assert_str_eq(t, "on that day trotsky was expelled . then the cc met .");
    free(t);
    char *s = cite(d, d->start, d->end);
    cr_assert(!strstr(s, "1927") && !strstr(s, "foot") && !strstr(s, "Editor"), "%s", s);
    free(s);
    const char *want[][4] = {
        {"date", "that day", "1927-11-12"},  {"persName", "Trotsky", "#trotsky"},
        {"note", "", "Editor: see Moscow files. inner"}, {"placeName", "Moscow", "#msk"},
        {"orgName", "the CC", "cc"}};
    cr_assert_eq(clio_doc_parts(d)->marks.n, 5);
    for (size_t k = 0; k < 5; k++) {
        const clio_mark *m = &clio_doc_parts(d)->marks.v[k];
        cr_assert_str_eq(clio_mark_kind_name(m->kind), want[k][0]);
        cr_assert_str_eq(clio_doc_parts(d)->marks.text.data + m->value, want[k][2], "mark %zu: %s", k, clio_doc_parts(d)->marks.text.data + m->value);
        if (*want[k][1]) {
            cr_assert_eq(m->start, at(x, want[k][1]), "mark %zu", k);
            cr_assert_eq(m->end - m->start, (int64_t)strlen(want[k][1]), "mark %zu", k);
        }
    }
    clio_corpus_free(c);
}

Test(tei_layers, block_elements_end_sentences)
{
    const char *x = "<TEI><text><body><head>Addition</head><p>Stalin is too rude</p>"
                    "<lg><l>first line</l><l>second line</l></lg><p>x<lb/>y</p></body></text></TEI>";
    clio_corpus *c = text_corpus("b.xml", x);
    clio_doc *d = only_doc(c);
    cr_assert_eq(clio_doc_parts(d)->sentences.n, 5, "head, p, two lines, p (an <lb/> runs on)");
    char *s = cite(d, clio_doc_parts(d)->sentences.v[0].start, clio_doc_parts(d)->sentences.v[1].end);
    cr_assert_str_eq(s, "Addition Stalin is too rude", "a block boundary cites as a space");
    free(s);
    clio_corpus_free(c);
}

TestSuite(tei_refusals);

Test(tei_refusals, billion_laughs_is_refused)
{
    clio_buf b = {0};
    char line[64];
    /* level i refers ten times to level i-1: 10^9 "lol"s from a few hundred bytes */
    clio_buf_append(&b, "<!DOCTYPE lolz [<!ENTITY l0 \"lol\">", 34);
    for (int i = 1; i <= 9; i++) {
        int n = snprintf(line, sizeof line, "<!ENTITY l%d \"", i);
        clio_buf_append(&b, line, (size_t)n);
        for (int k = 0; k < 10; k++) {
            n = snprintf(line, sizeof line, "&l%d;", i - 1);
            clio_buf_append(&b, line, (size_t)n);
        }
        clio_buf_append(&b, "\">", 2);
    }
    const char *tail = "]>\n<TEI><text><p>&l9;</p></text></TEI>";
    clio_buf_append(&b, tail, strlen(tail));
    int rc;
    clio_error e;
    /* how fast it is refused is bench/ matter; ctest's time-out catches a hang */
    clio_corpus *c = text_corpus_read("lol.xml", b.data, strlen(b.data), NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT, "a billion laughs must be refused");
    cr_assert(strstr(e.message, "entity expansion refused"), "%s", e.message);
    cr_assert(strstr(e.message, "at line 2"), "%s", e.message);
    clio_corpus_free(c);
    clio_buf_free(&b);
}

Test(tei_refusals, external_entities_are_never_read)
{
    const char *x = "<!DOCTYPE TEI [<!ENTITY pw SYSTEM \"/etc/passwd\">]>"
                    "<TEI><text><p>before &pw; after</p></text></TEI>";
    clio_corpus *c = text_corpus("x.xml", x);
    clio_doc *d = only_doc(c);
    char *t = terms(c, d);
    cr_assert_str_eq(t, "before after");
    free(t);
    cr_assert_eq(clio_doc_parts(d)->marks.n, 1);
    cr_assert_str_eq(clio_mark_kind_name(clio_doc_parts(d)->marks.v[0].kind), "entity");
    cr_assert_str_eq(clio_doc_parts(d)->marks.text.data + clio_doc_parts(d)->marks.v[0].value, "pw");
    cr_assert_eq(clio_doc_parts(d)->marks.v[0].start, at(x, "&pw;"));
    clio_corpus_free(c);

    /* an entity of an external DTD (never fetched) is a gap and a mark, not an error */
    x = "<!DOCTYPE TEI SYSTEM \"tei_all.dtd\"><TEI><text><p>a &mdash; b</p></text></TEI>";
    c = text_corpus("d.xml", x);
    d = only_doc(c);
    t = terms(c, d);
    cr_assert_str_eq(t, "a b");
    free(t);
    cr_assert_eq(clio_doc_parts(d)->marks.n, 1);
    cr_assert_str_eq(clio_doc_parts(d)->marks.text.data + clio_doc_parts(d)->marks.v[0].value, "mdash");
    clio_corpus_free(c);
}

Test(tei_refusals, malformed_xml_names_line_column_and_byte)
{
    const char *x = "<TEI>\n<text><p>one\n<p>two</text></TEI>";
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read("m.xml", x, strlen(x), NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT);
    cr_assert_str_eq(e.path, "m.xml");
    cr_assert_eq(e.line, 3);
    cr_assert_eq(e.column, 7);
    cr_assert_eq(e.offset, at(x, "</text>"));
    cr_assert(strstr(e.message, "XML: </text> where <p> (byte 19) should be closed at line 3, "
                                "column 7, byte 25"), "%s", e.message);
    clio_corpus_free(c);
}

/* The core clamps the range it is given to the document, for cite and view alike. */
static char *view(const clio_doc *d, int64_t s, int64_t e)
{
    clio_buf b = {0};
    cr_assert_eq(clio_doc_view(d, s, e, &b), 0);
    clio_buf_append(&b, "", 0);
    return b.data;
}

Test(tei_refs, cite_and_view_clamp_a_range_to_the_document)
{
    const char *x = "<TEI><text><p>Lenin&#8217;s <hi>last</hi> letters.</p></text></TEI>";
    clio_corpus *c = text_corpus("c.xml", x);
    clio_doc *d = only_doc(c);
    char *whole = cite(d, 0, d->file->size), *wide = cite(d, -7, d->file->size + 100);
    cr_expect_str_eq(wide, whole);
    cr_expect(strstr(whole, "Lenin\xe2\x80\x99s last letters.") != NULL, "[%s]", whole);
    char *vwhole = view(d, 0, d->file->size), *vwide = view(d, -7, d->file->size + 100);
    cr_expect_str_eq(vwide, vwhole);
    cr_expect_eq((int64_t)strlen(vwhole), d->file->size, "view keeps the offsets");
    char *empty = view(d, d->file->size + 5, d->file->size + 9);
    cr_expect_str_eq(empty, "");
    clio_buf b = {0};
    cr_expect_eq(clio_doc_cite(NULL, 0, 1, &b), CLIO_EARG);
    cr_expect_eq(clio_doc_view(d, 0, 1, NULL), CLIO_EARG);
    free(whole);
    free(wide);
    free(vwhole);
    free(vwide);
    free(empty);
    clio_corpus_free(c);
}
