/* Structured inputs: TEI XML, CSV/TSV rows and JSONL, read through the corpus as
 * documents with exact ranges of the original file, markup gaps and metadata; every
 * refusal names line and byte; hostile inputs (truncation, deep nesting, huge lines). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clio.h"
#include "doc_name.h"
#include "text_corpus.h"
#include "file_bytes.h"

#define DATA CLIO_SOURCE_DIR "/tests/data/formats/"

/* The sample file tests/data/formats/<file> read from disk as a corpus; *src gets its
 * bytes (malloc'd) to find the offsets in. */
static clio_corpus *load_sample(const char *file, char **src)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA, file);
    clio_corpus *c = clio_corpus_new(NULL);
    cr_assert_not_null(c);
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_corpus_add_path(c, path, &e), 0, "%s", e.message);
    size_t n;
    *src = file_bytes(path, &n);
    return c;
}

/* Expects the refusal of data with code EFORMAT at line/offset, message containing
 * `what`. */
static void refused(const char *name, const char *data, int64_t line, int64_t offset,
                    const char *what)
{
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read(name, data, strlen(data), NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT, "%s: want a refusal of %s", name, data);
    cr_assert_eq(e.code, CLIO_EFORMAT);
    cr_assert_str_eq(e.path, name);
    cr_assert(strstr(e.message, what), "message '%s' lacks '%s'", e.message, what);
    cr_assert_eq(e.line, line, "line %lld, want %lld (%s)", (long long)e.line,
                 (long long)line, e.message);
    cr_assert_eq(e.offset, offset, "offset %lld, want %lld (%s)", (long long)e.offset,
                 (long long)offset, e.message);
    char where[96];
    snprintf(where, sizeof where, "at line %lld, column %lld, byte %lld", (long long)line,
             (long long)e.column, (long long)offset);
    cr_assert(strstr(e.message, where), "message '%s' lacks '%s'", e.message, where);
    clio_corpus_free(c);
}

static int64_t at(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    cr_assert_not_null(p, "'%s' not found", needle);
    return p - hay;
}

static void meta_is(const clio_doc *d, const char *key, const char *want)
{
    const char *v = clio_doc_meta(d, key);
    if (!want) {
        cr_assert_null(v, "%s: %s is '%s', want none", doc_name(d), key, v);
        return;
    }
    cr_assert_not_null(v, "%s: no %s", doc_name(d), key);
    cr_assert_str_eq(v, want, "%s: %s", doc_name(d), key);
}

static void gap_is(const clio_doc *d, size_t k, int64_t start, int64_t end)
{
    cr_assert_lt(k, clio_doc_parts(d)->markup.n, "%s: only %zu gaps", doc_name(d), clio_doc_parts(d)->markup.n);
    cr_assert_eq(clio_doc_parts(d)->markup.v[k].start, start, "gap %zu starts at %lld, want %lld", k,
                 (long long)clio_doc_parts(d)->markup.v[k].start, (long long)start);
    cr_assert_eq(clio_doc_parts(d)->markup.v[k].end, end, "gap %zu ends at %lld, want %lld", k,
                 (long long)clio_doc_parts(d)->markup.v[k].end, (long long)end);
}

/* The document's tokens, space-separated, as cited (a reference read as what it
 * stands for). */
static char *token_text(clio_corpus *c, size_t i)
{
    cr_assert_eq(clio_corpus_analyze(c, i), 0);
    const clio_doc *d = clio_corpus_doc(c, i);
    clio_buf b = {0};
    for (size_t k = 0; k < clio_doc_parts(d)->tokens.n; k++) {
        if (k)
            clio_buf_append(&b, " ", 1);
        int64_t s = clio_doc_parts(d)->tokens.v[k].start;
        cr_assert_eq(clio_doc_cite(d, s, s + clio_doc_parts(d)->tokens.v[k].len, &b), 0);
    }
    clio_buf_append(&b, "", 0);
    return b.data;
}

static void no_token_in_markup(clio_corpus *c, size_t i)
{
    cr_assert_eq(clio_corpus_analyze(c, i), 0);
    const clio_doc *d = clio_corpus_doc(c, i);
    for (size_t k = 0; k < clio_doc_parts(d)->tokens.n; k++) {
        int64_t s = clio_doc_parts(d)->tokens.v[k].start, e = s + clio_doc_parts(d)->tokens.v[k].len;
        cr_assert(s >= d->start && e <= d->end);
        for (size_t g = 0; g < clio_doc_parts(d)->markup.n; g++)
            cr_assert(clio_doc_parts(d)->markup.v[g].rule == CLIO_GAP_SUBST || e <= clio_doc_parts(d)->markup.v[g].start ||
                          s >= clio_doc_parts(d)->markup.v[g].end,
                      "token %.*s at %lld inside markup", (int)(e - s), d->file->bytes + s,
                      (long long)s);
    }
}

/* ---- TEI ---------------------------------------------------------------------------- */

TestSuite(tei);

Test(tei, letter_is_the_text_element_with_header_metadata)
{
    char *src;
    clio_corpus *c = load_sample("letter-1924.xml", &src);
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "letter-1924.xml");
    cr_assert_eq(d->start, at(src, "<text>") + 6);
    cr_assert_eq(d->end, at(src, "</text>"));
    meta_is(d, "title", "Letter to the Congress");
    meta_is(d, "author", "Lenin, Vladimir Ilyich");
    meta_is(d, "date", "1924-05-22"); /* the source's date, not the edition's */
    meta_is(d, "year", "1924");
    meta_is(d, "idno", "letter-1924-01");
    meta_is(d, "language", "en");
    /* markup: the first gap is <body>, the comment is a gap, the references are
     * substitutions of their own (not merged with the tag that touches them) */
    gap_is(d, 0, at(src, "<body>"), at(src, "<body>") + 6);
    int64_t comment = at(src, "<!--"), amp = at(src, "&amp;"), ell = at(src, "&#8230;");
    int seen = 0;
    for (size_t g = 0; g < clio_doc_parts(d)->markup.n; g++) {
        const clio_gap *x = &clio_doc_parts(d)->markup.v[g];
        seen |= (x->start == comment && x->end == at(src, "-->") + 3);
        seen |= (x->start == amp && x->end == amp + 5 && x->rule == CLIO_GAP_SUBST &&
                 strcmp(clio_gap_sub(&clio_doc_parts(d)->markup, x), "&") == 0) << 1;
        seen |= (x->start == ell && x->end == ell + 7 && x->rule == CLIO_GAP_SUBST &&
                 strcmp(clio_gap_sub(&clio_doc_parts(d)->markup, x), "\xE2\x80\xA6") == 0) << 2;
    }
    cr_assert_eq(seen, 7, "gaps found: %d", seen);
    no_token_in_markup(c, 0);
    char *toks = token_text(c, 0);
    cr_assert(strstr(toks, "Addition Stalin is too rude ,"), "%s", toks);
    cr_assert(strstr(toks, "from that post & appointing another man ."), "%s", toks);
    cr_assert(strstr(toks, "decisive importance \xE2\x80\xA6 Dictated"), "%s", toks);
    cr_assert(strstr(toks, "Dictated on January 4 , 1923"), "%s", toks);
    for (const char *w = "body head p amp note margin closer dateline when"; *w;) {
        size_t len = strcspn(w, " ");
        char word[32];
        snprintf(word, sizeof word, " %.*s ", (int)len, w);
        cr_assert_null(strstr(toks, word), "markup word%s became a token", word);
        w += len + (w[len] == ' ');
    }
    free(toks);
    free(src);
    clio_corpus_free(c);
}

Test(tei, every_kind_of_markup_is_an_exact_gap)
{
    const char *x = "<TEI><teiHeader/><text>A <hi rend=\"i>\">b</hi>&amp;c<!-- x -->"
                    "<![CDATA[<d>]]><?pi x?>e<lb/>&#x201C;f&#8217;s</text></TEI>";
    clio_corpus *c = text_corpus("x.xml", x);
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "x.xml");
    cr_assert_eq(d->start, at(x, "A "));
    cr_assert_eq(d->end, at(x, "</text>"));
    cr_assert_eq(clio_doc_nmeta(d), 0);
    size_t k = 0;
    gap_is(d, k++, at(x, "<hi"), at(x, "b</hi>"));              /* '>' inside quotes */
    gap_is(d, k++, at(x, "</hi>"), at(x, "&amp;"));            /* a reference stands apart */
    gap_is(d, k++, at(x, "&amp;"), at(x, "&amp;") + 5);
    gap_is(d, k++, at(x, "<!--"), at(x, "<d>"));               /* comment + <![CDATA[ */
    gap_is(d, k++, at(x, "]]>"), at(x, "e<lb/>"));              /* ]]> + <?pi?> */
    gap_is(d, k++, at(x, "<lb/>"), at(x, "&#x201C;"));
    gap_is(d, k++, at(x, "&#x201C;"), at(x, "f&#8217;"));
    gap_is(d, k++, at(x, "&#8217;"), at(x, "s</text>"));
    cr_assert_eq(clio_doc_parts(d)->markup.n, k);
    const uint32_t rules[] = {CLIO_GAP_MARKUP, CLIO_GAP_MARKUP, CLIO_GAP_SUBST, CLIO_GAP_MARKUP,
                              CLIO_GAP_MARKUP, CLIO_GAP_MARKUP, CLIO_GAP_SUBST, CLIO_GAP_SUBST};
    for (size_t g = 0; g < clio_doc_parts(d)->markup.n; g++)
        cr_assert_eq(clio_doc_parts(d)->markup.v[g].rule, rules[g], "gap %zu", g);
    char *toks = token_text(c, 0);
    /* the references read as their characters: f’s is one word, whose token spans the
     * reference's bytes */
    cr_assert_str_eq(toks, "A b & c < d > e \xE2\x80\x9C f\xE2\x80\x99s");
    free(toks);
    const clio_token *last = &clio_doc_parts(d)->tokens.v[clio_doc_parts(d)->tokens.n - 1];
    cr_assert_eq(last->start, at(x, "f&#8217;s"));
    cr_assert_eq(last->start + last->len, at(x, "</text>"));
    clio_corpus_free(c);
}

Test(tei, a_corpus_gives_one_document_per_text_with_its_nearest_header)
{
    const char *x =
        "<teiCorpus>\n<teiHeader><fileDesc><titleStmt><title>All letters</title>"
        "</titleStmt></fileDesc></teiHeader>\n"
        "<TEI><teiHeader><fileDesc><titleStmt><title>First</title><author>A</author>"
        "<author>B  &amp;\n C</author></titleStmt><publicationStmt><date>c. 1919?</date>"
        "<idno>x-1</idno></publicationStmt></fileDesc></teiHeader>\n"
        "<text xml:lang=\"ru\"><body><p>One.</p></body></text></TEI>\n"
        "<TEI><teiHeader><fileDesc><titleStmt><title>Second</title></titleStmt>"
        "<sourceDesc><msDesc><msIdentifier><idno>MS 7</idno></msIdentifier></msDesc>"
        "</sourceDesc></fileDesc><profileDesc><creation><date when=\"1920-02\">Feb</date>"
        "</creation><langUsage><language ident=\"de\"/></langUsage></profileDesc>"
        "</teiHeader>\n<text xml:lang=\"ru\"><body><p>Two.</p></body></text></TEI>\n"
        "</teiCorpus>\n";
    clio_corpus *c = text_corpus("letters.tei", x);
    cr_assert_eq(clio_corpus_ndocs(c), 2);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "letters.tei#1");
    meta_is(d, "title", "First");
    meta_is(d, "author", "A; B & C");
    meta_is(d, "date", "c. 1919?");
    meta_is(d, "year", "1919");
    meta_is(d, "idno", "x-1");
    meta_is(d, "language", "ru"); /* from <text xml:lang> when the header names none */
    d = clio_corpus_doc(c, 1);
    cr_assert_str_eq(doc_name(d), "letters.tei#2");
    cr_assert_eq(d->start, at(x, "<body><p>Two") - 0);
    meta_is(d, "title", "Second");
    meta_is(d, "author", NULL);
    meta_is(d, "date", "1920-02");
    meta_is(d, "year", "1920");
    meta_is(d, "idno", "MS 7");
    meta_is(d, "language", "de");
    clio_corpus_free(c);
}

Test(tei, nested_texts_empty_texts_prefixes_and_bom)
{
    /* a <group> of texts is one document; <text/> and <text></text> make none */
    const char *x = "\xEF\xBB\xBF<tei:TEI xmlns:tei=\"t\"><tei:text/><tei:text></tei:text>"
                    "<tei:text><group><text>a</text><text>b</text></group></tei:text>"
                    "</tei:TEI>";
    clio_corpus *c = text_corpus("g.xml", x);
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, at(x, "<group>"));
    cr_assert_eq(d->end, at(x, "</tei:text></tei:TEI>"));
    char *toks = token_text(c, 0);
    cr_assert_str_eq(toks, "a b");
    free(toks);
    clio_corpus_free(c);

    /* no <text>: no documents; a bare & is text */
    c = text_corpus("h.xml", "<TEI><teiHeader/></TEI>");
    cr_assert_eq(clio_corpus_ndocs(c), 0);
    clio_corpus_free(c);
    c = text_corpus("amp.xml", "<text>Marx and Engels &amp;c.</text>");
    cr_assert_eq(clio_doc_parts(clio_corpus_doc(c, 0))->markup.n, 1);
    clio_corpus_free(c);
}

Test(tei, malformed_xml_is_refused_with_its_place)
{
    refused("u.xml", "<TEI>\n<text>\n<p>never</p>\n", 2, 6, "<text> never closed");
    refused("t.xml", "<TEI><text>\n  <p rend=\"x\" unfinished\n<p>", 2, 14,
            "tag never closed by '>'");
    refused("q.xml", "<TEI><text><p rend=\"x>never", 1, 11, "tag never closed by '>'");
    refused("e.xml", "<TEI><text>a <", 1, 13, "'<' starts no tag");
    refused("l.xml", "<TEI><text>a < b</text></TEI>", 1, 13, "'<' starts no tag");
    refused("m.xml", "<TEI><text>\n<p>x</div></text></TEI>", 2, 16,
            "</div> where <p> (byte 12) should be closed");
    refused("c.xml", "<TEI><text>x<!-- forever", 1, 12, "comment never closed");
    refused("d.xml", "<TEI><text>x<![CDATA[ forever", 1, 12, "CDATA section never closed");
    refused("p.xml", "<?xml version=\"1.0\"", 1, 0, "processing instruction never closed");
    refused("z.xml", "</TEI>", 1, 0, "</TEI> closes no element");
    refused("f.xml", "<TEI><text>x</text", 1, 12, "end tag never closed");
    refused("o.xml", "<TEI>\n<teiHeader>\n", 2, 6, "<teiHeader> never closed");
    /* XML has no bare '&' and no undeclared entity (a DTD clio never reads aside) */
    refused("a.xml", "<TEI><text>Marx & Engels</text></TEI>", 1, 16, "'&' starts no reference");
    refused("s.xml", "<TEI><text>\n&stalin;</text></TEI>", 2, 12,
            "entity &stalin; is declared nowhere");
    /* column counts characters: the é is one */
    int rc;
    clio_error e;
    const char *x = "<TEI><text>é <";
    clio_corpus *c = text_corpus_read("col.xml", x, strlen(x), NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT);
    cr_assert_eq(e.column, 14);
    cr_assert_eq(e.offset, 14);
    clio_corpus_free(c);
}

/* ---- CSV / TSV -------------------------------------------------------------------------- */

TestSuite(rows);

Test(rows, csv_rows_are_documents_inside_their_quotes)
{
    char *src;
    clio_corpus *c = load_sample("congress.csv", &src);
    cr_assert_eq(clio_corpus_ndocs(c), 3);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "congress.csv#1");
    cr_assert_eq(d->start, at(src, "Lenin died"));
    cr_assert_eq(d->end, at(src, "1924.\"") + 5);
    cr_assert_eq(clio_doc_parts(d)->markup.n, 0);
    meta_is(d, "id", "c1");
    meta_is(d, "date", "1924-01-21");
    meta_is(d, "author", "Pravda");
    meta_is(d, "text", NULL);
    d = clio_corpus_doc(c, 1);
    meta_is(d, "author", "Zinoviev, Grigory");
    cr_assert_eq(d->start, at(src, "The Congress"));
    cr_assert_eq(d->end, at(src, "aloud.") + 6);
    int64_t q = at(src, "\"\"testament");
    gap_is(d, 0, q + 1, q + 2);
    q = at(src, "testament\"\"") + 9;
    gap_is(d, 1, q + 1, q + 2);
    cr_assert_eq(clio_doc_parts(d)->markup.n, 2);
    char *toks = token_text(c, 1);
    cr_assert(strstr(toks, "heard the \" testament \" read"), "%s", toks);
    free(toks);
    d = clio_corpus_doc(c, 2); /* a line break inside the quoted cell */
    cr_assert_eq(d->start, at(src, "In December"));
    cr_assert_eq(d->end, at(src, "Moscow.") + 7);
    meta_is(d, "date", "1925-12-18");
    for (size_t i = 0; i < 3; i++)
        no_token_in_markup(c, i);
    free(src);
    clio_corpus_free(c);
}

Test(rows, tsv_takes_bytes_literally)
{
    char *src;
    clio_corpus *c = load_sample("expulsions.tsv", &src);
    cr_assert_eq(clio_corpus_ndocs(c), 2);
    clio_doc *d = clio_corpus_doc(c, 1);
    cr_assert_str_eq(doc_name(d), "expulsions.tsv#2");
    cr_assert_eq(d->start, at(src, "On 12 November"));
    cr_assert_eq(d->end, (int64_t)strlen(src) - 1);
    meta_is(d, "id", "t2");
    meta_is(d, "date", "1927-11-12");
    free(src);
    clio_corpus_free(c);

    const char *t = "text\tnote\n\"quoted\"\t\"x\"\"\n";
    c = text_corpus("q.tsv", t);
    d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, at(t, "\"quoted\""));
    cr_assert_eq(d->end, at(t, "\t\"x"));
    meta_is(d, "note", "\"x\"\"");
    cr_assert_str_eq(doc_name(d), "q.tsv");
    clio_corpus_free(c);
}

Test(rows, crlf_blank_lines_empty_cells_and_a_named_text_column)
{
    const char *x = "\xEF\xBB\xBF" "id,body,year\r\n1,\"One.\",1920\r\n\r\n2,,1921\r\n3,Three,\r\n";
    clio_corpus_opts o = {.text_field = "body"};
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read("r.csv", x, strlen(x), &o, &rc, &e);
    cr_assert_eq(rc, 0, "%s", e.message);
    cr_assert_eq(clio_corpus_ndocs(c), 2, "the empty text makes no document");
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, at(x, "One."));
    cr_assert_eq(d->end, at(x, "One.") + 4);
    meta_is(d, "year", "1920");
    d = clio_corpus_doc(c, 1);
    cr_assert_str_eq(doc_name(d), "r.csv#2");
    cr_assert_eq(d->start, at(x, "Three"));
    cr_assert_eq(d->end, at(x, "Three") + 5, "CR is not text");
    meta_is(d, "id", "3");
    meta_is(d, "year", NULL); /* an empty cell sets nothing */
    clio_corpus_free(c);
}

Test(rows, malformed_tables_are_refused_with_their_place)
{
    refused("a.csv", "id,body\n1,x\n", 1, 0, "CSV: the header has no \"text\" column");
    refused("b.csv", "id,text\n1,ok\n2,one,two\n", 3, 13,
            "CSV: row has 3 fields where the header has 2");
    refused("c.csv", "id,text\n1,\"ok\"\n2,\"never\nclosed\n", 3, 17,
            "CSV: quoted field never closed");
    /* a trailing separator at the end of the file is an empty last field */
    refused("t.csv", "a,text\n1,x,", 2, 7, "CSV: row has 3 fields where the header has 2");
    refused("d.csv", "id,text\n1,\"ok\"x\n", 2, 14, "CSV: text after a closing quote");
    refused("e.csv", "", 1, 0, "CSV: no header row");
    refused("f.tsv", "id\ttext\n1\n", 2, 8, "TSV: row has 1 field where the header has 2");
}

/* ---- JSONL ------------------------------------------------------------------------------ */

TestSuite(jsonl);

Test(jsonl, lines_are_documents_with_escapes_as_gaps)
{
    char *src;
    clio_corpus *c = load_sample("speeches.jsonl", &src);
    cr_assert_eq(clio_corpus_ndocs(c), 3);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "speeches.jsonl#1");
    cr_assert_eq(d->start, at(src, "In July"));
    cr_assert_eq(d->end, at(src, "peasantry.") + 10);
    int64_t q = at(src, "\\\"a new");
    gap_is(d, 0, q, q + 1);
    q = at(src, "exploitation\\\"") + 12;
    gap_is(d, 1, q, q + 1);
    cr_assert_eq(clio_doc_parts(d)->markup.n, 2);
    meta_is(d, "id", "s1");
    meta_is(d, "year", "1928");
    meta_is(d, "speaker", "Bukharin");
    meta_is(d, "tags", NULL);
    d = clio_corpus_doc(c, 1);
    q = at(src, "\\nHe");
    gap_is(d, 0, q, q + 2);
    meta_is(d, "verified", "true");
    meta_is(d, "note", NULL);
    cr_assert_eq(clio_corpus_analyze(c, 1), 0);
    cr_assert_eq(clio_doc_parts(d)->sentences.n, 2);
    d = clio_corpus_doc(c, 2);
    q = at(src, "\\u201cthe");
    gap_is(d, 0, q, q + 6);
    char *toks = token_text(c, 2);
    cr_assert_str_eq(toks, "1929 was the year of the great break .");
    free(toks);
    for (size_t i = 0; i < 3; i++)
        no_token_in_markup(c, i);
    free(src);
    clio_corpus_free(c);
}

Test(jsonl, every_escape_and_metadata_decoding)
{
    const char *x = "{\"t\":\"a\\\"b\\\\c\\/d\\ne\\tf\\rg\\bh\\fi\\u00e9j\\ud83d\\ude00k\\ud800l\","
                    "\"m\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\ud800\",\"n\":-1.5e3,"
                    "\"f\":false,\"o\":{\"text\":\"nested\",\"x\":[1,{\"y\":\"}\"}]},\"z\":null}\n";
    clio_corpus_opts o = {.text_field = "t"};
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read("e.jsonl", x, strlen(x), &o, &rc, &e);
    cr_assert_eq(rc, 0, "%s", e.message);
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_str_eq(doc_name(d), "e.jsonl");
    int64_t s = at(x, "a\\\"");
    cr_assert_eq(d->start, s);
    cr_assert_eq(d->end, at(x, "l\",") + 1);
    size_t k = 0;
    gap_is(d, k++, s + 1, s + 2);   /* \" : the backslash */
    gap_is(d, k++, s + 4, s + 5);   /* \\ */
    gap_is(d, k++, s + 7, s + 8);   /* \/ */
    gap_is(d, k++, s + 10, s + 12); /* \n */
    gap_is(d, k++, s + 13, s + 15); /* \t */
    gap_is(d, k++, s + 16, s + 18); /* \r */
    gap_is(d, k++, s + 19, s + 21); /* \b */
    gap_is(d, k++, s + 22, s + 24); /* \f */
    gap_is(d, k++, s + 25, s + 31); /* \u00e9 */
    gap_is(d, k++, s + 32, s + 44); /* a surrogate pair */
    gap_is(d, k++, s + 45, s + 51); /* a lone surrogate */
    cr_assert_eq(clio_doc_parts(d)->markup.n, k);
    meta_is(d, "m", "café \xF0\x9F\x98\x80 \"q\" \xEF\xBF\xBD");
    meta_is(d, "n", "-1.5e3");
    meta_is(d, "f", "false");
    meta_is(d, "o", NULL);
    meta_is(d, "text", NULL);
    meta_is(d, "z", NULL);
    char *toks = token_text(c, 0);
    cr_assert_str_eq(toks, "a \" b \\ c / d e f g h i j k l");
    free(toks);
    clio_corpus_free(c);

    /* null or empty text: no document; CRLF lines and blank lines are fine */
    c = text_corpus("n.ndjson", "{\"text\":null}\r\n\r\n  \n{\"text\":\"\"}\r\n{ \"text\" : \"x\" }\r\n");
    cr_assert_eq(clio_corpus_ndocs(c), 1);
    cr_assert_str_eq(doc_name(clio_corpus_doc(c, 0)), "n.ndjson");
    clio_corpus_free(c);
}

Test(jsonl, malformed_json_is_refused_with_its_place)
{
    refused("a.jsonl", "{\"text\":\"ok\"}\n{\"text\" \"x\"}\n", 2, 22,
            "'\"' where ':' was expected");
    refused("b.jsonl", "{\"text\":\"ok\",}\n", 1, 13, "'}' where a key (a string) was expected");
    refused("c.jsonl", "{\"text\":\"never closed}\n", 1, 8, "string never closed on its line");
    refused("d.jsonl", "{\"text\":\"bad \\x escape\"}", 1, 13, "unknown escape");
    refused("e.jsonl", "{\"text\":\"\\u12G4\"}", 1, 9, "\\u needs four hex digits");
    refused("f.jsonl", "{\"text\":\"x\",\n\"id\":1}\n", 1, 12,
            "line ends where a key (a string) was expected");
    refused("g.jsonl", "{\"text\":\"x\"} {}\n", 1, 13, "text after the object");
    refused("h.jsonl", "\n[\"text\"]\n", 2, 1, "'[' where an object ('{') was expected");
    refused("i.jsonl", "{\"text\":\"x\",\"n\":01}", 1, 17, "',' or '}' was expected");
    refused("j.jsonl", "{\"text\":\"x\",\"n\":1.}", 1, 16, "malformed number");
    refused("k.jsonl", "{\"text\":42}", 1, 8, "the \"text\" field is not a string");
    refused("l.jsonl", "{\"text\":\"x\"}\n{\"id\":1}\n", 2, 13, "object has no \"text\" field");
    refused("m.jsonl", "{\"text\":\"a\ttab\"}", 1, 10, "control character inside a string");
    refused("n.jsonl", "{\"text\":\"x\",\"b\":tru}", 1, 16, "where a value was expected");
    refused("o.jsonl", "{\"text\":\"x\",\"text\":\"y\"}", 1, 12, "a second text field");
    refused("p.jsonl", "{\"text\":\"x\",\"a\":[1,2}", 1, 20, "',' or ']' was expected");
    refused("q.jsonl", "{\"text\":\"x\"", 1, 11, "line ends where ',' or '}' was expected");
}

/* ---- hostile inputs ------------------------------------------------------------------- */

TestSuite(hostile);

Test(hostile, deep_nesting_is_refused_without_recursion_blowup)
{
    size_t depth = 1000000;
    char *x = malloc(2 * depth + 64);
    size_t n = (size_t)sprintf(x, "{\"text\":\"x\",\"a\":");
    memset(x + n, '[', depth);
    memset(x + n + depth, ']', depth);
    strcpy(x + n + 2 * depth, "}");
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read("deep.jsonl", x, strlen(x), NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT);
    cr_assert(strstr(e.message, "nested deeper than 256 levels"), "%s", e.message);
    cr_assert_eq(e.offset, (int64_t)n + 255);
    clio_corpus_free(c);
    /* 256 levels are fine */
    n = (size_t)sprintf(x, "{\"text\":\"x\",\"a\":");
    memset(x + n, '[', 255);
    memset(x + n + 255, ']', 255);
    strcpy(x + n + 510, "}");
    clio_corpus_free(text_corpus("ok.jsonl", x));

    /* XML: a million open elements cost memory, not stack */
    n = (size_t)sprintf(x, "<TEI><text>");
    for (size_t i = 0; i < depth / 4; i++)
        memcpy(x + n + 3 * i, "<a>", 3);
    n += 3 * (depth / 4);
    for (size_t i = 0; i < depth / 4; i++)
        memcpy(x + n + 4 * i, "</a>", 4);
    n += 4 * (depth / 4);
    strcpy(x + n, "w</text></TEI>");
    clio_corpus *t = text_corpus("deep.xml", x);
    cr_assert_eq(clio_doc_parts(clio_corpus_doc(t, 0))->markup.n, 1, "all those tags are one gap");
    clio_corpus_free(t);
    free(x);
}

/* Every prefix of every sample either reads or is refused with a place inside it. */
Test(hostile, truncated_files_never_crash)
{
    const char *files[] = {"letter-1924.xml", "congress.csv", "expulsions.tsv",
                           "speeches.jsonl"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512], name[64];
        snprintf(path, sizeof path, DATA "%s", files[f]);
        size_t n;
        char *src = file_bytes(path, &n);
        size_t refusals = 0;
        for (size_t len = 0; len <= n; len++) {
            snprintf(name, sizeof name, "cut-%s", files[f]);
            int rc;
            clio_error e;
            clio_corpus *c = text_corpus_read(name, src, len, NULL, &rc, &e);
            cr_assert(rc == 0 || rc == CLIO_EFORMAT, "%s cut at %zu: %d", files[f], len, rc);
            if (rc) {
                refusals++;
                cr_assert(e.offset >= 0 && e.offset <= (int64_t)len && e.line >= 1,
                          "%s cut at %zu: %s", files[f], len, e.message);
            }
            for (size_t i = 0; !rc && i < clio_corpus_ndocs(c); i++) {
                clio_doc *d = clio_corpus_doc(c, i);
                cr_assert(d->start <= d->end && d->end <= (int64_t)len);
                cr_assert_eq(clio_corpus_analyze(c, i), 0);
                no_token_in_markup(c, i);
            }
            clio_corpus_free(c);
        }
        cr_assert_gt(refusals, 0, "%s: no prefix was refused", files[f]);
        free(src);
    }
}

Test(hostile, ten_megabyte_single_lines)
{
    size_t big = 10u << 20;
    char *x = malloc(big + 256);
    /* JSONL: a 10 MB text with an escape every 1000 bytes */
    size_t n = (size_t)sprintf(x, "{\"id\":1,\"text\":\"");
    size_t start = n;
    for (size_t i = 0; i < big; i++)
        x[n++] = i % 1000 == 998 ? '\\' : i % 1000 == 999 ? 'n' : i % 7 == 6 ? ' ' : 'w';
    size_t end = n;
    n += (size_t)sprintf(x + n, "\"}");
    int rc;
    clio_error e;
    clio_corpus *c = text_corpus_read("big.jsonl", x, n, NULL, &rc, &e);
    cr_assert_eq(rc, 0, "%s", e.message);
    clio_doc *d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, (int64_t)start);
    cr_assert_eq(d->end, (int64_t)end);
    cr_assert_eq(clio_doc_parts(d)->markup.n, big / 1000);
    clio_corpus_free(c);
    /* the same line never closed */
    c = text_corpus_read("big.jsonl", x, end, NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT);
    cr_assert_eq(e.offset, (int64_t)start - 1);
    clio_corpus_free(c);

    /* CSV: one 10 MB quoted cell full of doubled quotes */
    n = (size_t)sprintf(x, "text\n\"");
    start = n;
    for (size_t i = 0; i < big; i += 2)
        memcpy(x + n + i, i % 100 == 0 ? "\"\"" : "ab", 2);
    n += big;
    end = n;
    x[n++] = '"';
    c = text_corpus_read("big.csv", x, n, NULL, &rc, &e);
    cr_assert_eq(rc, 0, "%s", e.message);
    d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, (int64_t)start);
    cr_assert_eq(d->end, (int64_t)end);
    cr_assert_eq(clio_doc_parts(d)->markup.n, (big + 99) / 100);
    clio_corpus_free(c);

    /* TEI: 10 MB of text and tags on one line, then an end tag that never ends */
    n = (size_t)sprintf(x, "<TEI><text>word <lb/>");
    start = n - 10;
    size_t k = big / 11;
    for (size_t i = 0; i < k; i++, n += 11)
        memcpy(x + n, "<hi>ab</hi>", 11);
    end = n;
    n += (size_t)sprintf(x + n, "</text></TEI>");
    c = text_corpus_read("big.xml", x, n, NULL, &rc, &e);
    cr_assert_eq(rc, 0, "%s", e.message);
    d = clio_corpus_doc(c, 0);
    cr_assert_eq(d->start, (int64_t)start);
    cr_assert_eq(d->end, (int64_t)end);
    cr_assert_eq(clio_doc_parts(d)->markup.n, k + 1, "<lb/><hi>, k-1 times </hi><hi>, </hi>");
    clio_corpus_free(c);
    c = text_corpus_read("big.xml", x, end - 1, NULL, &rc, &e);
    cr_assert_eq(rc, CLIO_EFORMAT);
    cr_assert_eq(e.offset, (int64_t)end - 5, "%s", e.message);
    cr_assert(strstr(e.message, "end tag never closed"), "%s", e.message);
    clio_corpus_free(c);
    free(x);
}
