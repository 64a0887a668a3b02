/* The tokenizer and the sentence splitter on any bytes, with gaps at places the input
 * chooses. Input: byte 0 the fold flags, byte 1 the number of gaps (0-7), then two
 * bytes (start, length) per gap scaled over the text, then the text. Invariants:
 * tokens lie inside the range, outside every gap, in order, not overlapping, with a
 * known term; sentences cover runs of tokens in order. */
#include <string.h>

#include "clio.h"
#include "fuzz.h"

/* A small language with every list the core reads, so each rule runs */
static clio_lang lang;

static const clio_wordset *set(const char *list)
{
    clio_wordset *s;
    if (clio_wordset_parse(list, strlen(list), "fuzz", &s, NULL))
        abort();
    return s;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    lang.abbreviations = set("Mr.\nMrs.\nDr.\ne.g.\ni.e.\nU.S.\nNo.\nSt.\n# comment\nvol\n");
    lang.sentence_openers = set("the\nhe\nhowever\nla\n");
    lang.function_words = set("the\nthat\net\n");
    lang.clitics_leading = set("l\nd\nqu\njusqu\n");
    lang.clitics_trailing = set("s\nll\n");
    lang.ordinal_suffixes = set("st\nnd\nth\ner\ne\n\xC3\xA8me\n");
    lang.possessive_suffix = "s";
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const clio_gap *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned flags = data[0] & 15;
    size_t ngaps = data[1] & 7;
    if (size < 2 + 2 * ngaps)
        return 0;
    const uint8_t *g = data + 2;
    size_t tlen = size - 2 - 2 * ngaps;
    char *text = fuzz_copy(data + 2 + 2 * ngaps, tlen);

    /* the range: the whole text, or from a line start when the text is long */
    int64_t start = 0, end = (int64_t)tlen;
    clio_gaps gaps = {0};
    clio_gap tmp[8];
    for (size_t k = 0; k < ngaps && tlen; k++) {
        int64_t s = (int64_t)(g[2 * k] * tlen / 256);
        int64_t e = s + 1 + (int64_t)(g[2 * k + 1] % 32);
        if (e > end)
            e = end;
        tmp[k] = (clio_gap){s, e, 0, 0};
    }
    if (tlen) {
        qsort(tmp, ngaps, sizeof *tmp, by_start);
        for (size_t k = 0; k < ngaps; k++) {
            if (gaps.n && gaps.v[gaps.n - 1].end >= tmp[k].start) {
                if (tmp[k].end > gaps.v[gaps.n - 1].end)
                    gaps.v[gaps.n - 1].end = tmp[k].end;
                continue;
            }
            if (clio_grow((void **)&gaps.v, &gaps.cap, gaps.n + 1, sizeof *gaps.v))
                abort();
            gaps.v[gaps.n++] = tmp[k];
        }
    }

    clio_vocab *vocab = clio_vocab_new();
    clio_tokens toks = {0};
    FUZZ_CHECK(clio_tokenize(text, start, end, &gaps, flags, &lang, vocab, &toks) == 0);
    int64_t prev_end = start;
    size_t gi = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const clio_token *t = &toks.v[i];
        FUZZ_CHECK(t->len > 0 && t->start >= prev_end && t->start + t->len <= end);
        FUZZ_CHECK(t->kind >= CLIO_TOK_WORD && t->kind <= CLIO_TOK_SYMBOL);
        size_t n;
        FUZZ_CHECK(clio_vocab_term(vocab, t->term, &n) != NULL);
        while (gi < gaps.n && gaps.v[gi].end <= t->start)
            gi++;
        FUZZ_CHECK(gi == gaps.n || gaps.v[gi].start >= t->start + t->len);
        prev_end = t->start + t->len;
    }

    for (int with_lang = 0; with_lang < 2; with_lang++) {
        clio_sentences sents = {0};
        FUZZ_CHECK(clio_sentences_split(text, toks.v, toks.n, &gaps,
                                        with_lang ? &lang : NULL, &sents) == 0);
        uint64_t next = 0;
        for (size_t i = 0; i < sents.n; i++) {
            const clio_sentence *s = &sents.v[i];
            FUZZ_CHECK(s->first_token == next && s->ntokens > 0);
            next += s->ntokens;
            FUZZ_CHECK(next <= toks.n);
            FUZZ_CHECK(s->start == toks.v[s->first_token].start);
            const clio_token *last = &toks.v[s->first_token + s->ntokens - 1];
            FUZZ_CHECK(s->end == last->start + last->len);
        }
        FUZZ_CHECK(next == toks.n);
        free(sents.v);
    }

    free(toks.v);
    free(gaps.v);
    clio_vocab_free(vocab);
    free(text);
    return 0;
}
