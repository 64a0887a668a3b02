/* What a file is, for deciding whether clio reads it as text: by its name in a folder
 * walk (nothing is opened to skip a file), and by its first bytes when it is named
 * directly (a PDF renamed .txt is still a PDF). Kinds clio cannot read come with the
 * command that turns them into text, so that a refusal says what to do next. */
#include "clio.h"

#include <string.h>
#include <strings.h>

static int has_ext(const char *name, const char *ext)
{
    size_t a = strlen(name), b = strlen(ext);
    return a > b && strcasecmp(name + a - b, ext) == 0;
}

static const struct {
    const char *ext;
    clio_file_kind kind;
} by_ext[] = {
    {".txt", CLIO_KIND_TEXT},     {".text", CLIO_KIND_TEXT},  {".md", CLIO_KIND_TEXT},
    {".markdown", CLIO_KIND_TEXT}, {".xml", CLIO_KIND_TEXT},  {".tei", CLIO_KIND_TEXT},
    {".jsonl", CLIO_KIND_TEXT},   {".ndjson", CLIO_KIND_TEXT}, {".pdf", CLIO_KIND_PDF},
    {".docx", CLIO_KIND_DOCX},    {".doc", CLIO_KIND_DOC},    {".odt", CLIO_KIND_ODT},
    {".rtf", CLIO_KIND_RTF},      {".html", CLIO_KIND_HTML},  {".htm", CLIO_KIND_HTML},
    {".xhtml", CLIO_KIND_HTML},   {".epub", CLIO_KIND_EPUB},  {".csv", CLIO_KIND_TABLE},
    {".tsv", CLIO_KIND_TABLE},
};

clio_file_kind clio_kind_of_name(const char *name)
{
    for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0]; i++)
        if (has_ext(name, by_ext[i].ext))
            return by_ext[i].kind;
    return CLIO_KIND_OTHER;
}

clio_file_kind clio_kind_of_bytes(const char *name, const char *bytes, size_t n)
{
    if (n >= 5 && memcmp(bytes, "%PDF-", 5) == 0)
        return CLIO_KIND_PDF;
    if (n >= 5 && memcmp(bytes, "{\\rtf", 5) == 0)
        return CLIO_KIND_RTF;
    if (n >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return CLIO_KIND_DOC;
    if (n >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) {
        clio_file_kind k = clio_kind_of_name(name);
        return k == CLIO_KIND_DOCX || k == CLIO_KIND_ODT || k == CLIO_KIND_EPUB ? k
                                                                                : CLIO_KIND_ZIP;
    }
    /* HTML is text, but read as text its tags become words: named only by its name */
    if (clio_kind_of_name(name) == CLIO_KIND_HTML)
        return CLIO_KIND_HTML;
    return CLIO_KIND_TEXT;
}

const char *clio_kind_label(clio_file_kind k)
{
    switch (k) {
    case CLIO_KIND_TEXT: return "text";
    case CLIO_KIND_PDF: return "PDF document";
    case CLIO_KIND_DOCX: return "Word document (.docx)";
    case CLIO_KIND_DOC: return "Word 97-2003 document (.doc)";
    case CLIO_KIND_ODT: return "OpenDocument text (.odt)";
    case CLIO_KIND_RTF: return "RTF document";
    case CLIO_KIND_HTML: return "HTML page";
    case CLIO_KIND_EPUB: return "EPUB book";
    case CLIO_KIND_ZIP: return "ZIP archive";
    case CLIO_KIND_TABLE: return "table (CSV/TSV)";
    case CLIO_KIND_OTHER: break;
    }
    return "other file";
}

const char *clio_kind_convert(clio_file_kind k)
{
    switch (k) {
    case CLIO_KIND_PDF: return "pdftotext -layout FILE FILE.txt";
    case CLIO_KIND_DOCX:
    case CLIO_KIND_ODT:
    case CLIO_KIND_EPUB:
    case CLIO_KIND_RTF:
    case CLIO_KIND_HTML: return "pandoc -t plain FILE -o FILE.txt";
    case CLIO_KIND_DOC: return "libreoffice --headless --convert-to txt:Text FILE";
    case CLIO_KIND_ZIP: return "unzip FILE, then name the texts inside";
    case CLIO_KIND_TABLE: return "name the table itself to read its rows (--text-field)";
    default: return NULL;
    }
}
