/* JSONL corpus reader (being written). */
#include "clio.h"

int clio_format_jsonl(const char *bytes, int64_t size, const char *text_field, const char *path,
                      clio_format_sink *sink, clio_error *err)
{
    (void)bytes, (void)size, (void)text_field, (void)sink;
    return clio_error_set(err, CLIO_EFORMAT, path, "JSONL corpora are not supported yet");
}
