/* TEI XML reader (being written). */
#include "clio.h"

int clio_format_tei(const char *bytes, int64_t size, const char *path, clio_format_sink *sink,
                    clio_error *err)
{
    (void)bytes, (void)size, (void)sink;
    return clio_error_set(err, CLIO_EFORMAT, path, "TEI input is not supported yet");
}
