/* CSV/TSV corpus reader (being written). */
#include "clio.h"

int clio_format_rows(const char *bytes, int64_t size, char sep, const char *text_column,
                     const char *path, clio_format_sink *sink, clio_error *err)
{
    (void)bytes, (void)size, (void)sep, (void)text_column, (void)sink;
    return clio_error_set(err, CLIO_EFORMAT, path, "CSV/TSV corpora are not supported yet");
}
