/* CSV/TSV sidecar tables. */
#include <criterion/criterion.h>
#include <string.h>

#include "clio.h"

static clio_table parse_ok(const char *src, char sep)
{
    clio_table t;
    clio_error e;
    clio_error_clear(&e);
    int rc = clio_table_parse(src, strlen(src), sep, "t.csv", &t, &e);
    cr_assert_eq(rc, 0, "parse failed: %s", e.message);
    return t;
}

Test(table, csv_with_quotes_and_crlf)
{
    clio_table t = parse_ok("file,title,year\r\na.txt,\"Stalin, a life\",1949\r\n"
                            "b.txt,\"He said \"\"no\"\"\",1950\r\n", ',');
    cr_assert_eq(t.ncols, 3);
    cr_assert_eq(t.nrows, 2);
    cr_assert_str_eq(t.cells[1], "title");
    cr_assert_str_eq(clio_table_cell(&t, 0, 1), "Stalin, a life");
    cr_assert_str_eq(clio_table_cell(&t, 1, 1), "He said \"no\"");
    cr_assert_str_eq(clio_table_cell(&t, 1, 2), "1950");
    cr_assert_eq(clio_table_column(&t, "year"), 2);
    cr_assert_eq(clio_table_column(&t, "author"), -1);
    clio_table_free(&t);
}

Test(table, quoted_newline_and_empty_fields)
{
    clio_table t = parse_ok("file,note\na.txt,\"two\nlines\"\nb.txt,\n", ',');
    cr_assert_eq(t.nrows, 2);
    cr_assert_str_eq(clio_table_cell(&t, 0, 1), "two\nlines");
    cr_assert_str_eq(clio_table_cell(&t, 1, 1), "");
    clio_table_free(&t);
}

Test(table, tsv_takes_quotes_literally)
{
    clio_table t = parse_ok("file\tauthor\n\"a\".txt\tWood\n", '\t');
    cr_assert_str_eq(clio_table_cell(&t, 0, 0), "\"a\".txt");
    cr_assert_str_eq(clio_table_cell(&t, 0, 1), "Wood");
    clio_table_free(&t);
}

Test(table, bom_and_no_final_newline)
{
    clio_table t = parse_ok("\xEF\xBB\xBF" "file,year\na.txt,1922", ',');
    cr_assert_str_eq(t.cells[0], "file");
    cr_assert_str_eq(clio_table_cell(&t, 0, 1), "1922");
    clio_table_free(&t);
}

Test(table, ragged_row_names_line_and_offset)
{
    const char *src = "file,year\na.txt,1922\nb.txt\n";
    clio_table t;
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_table_parse(src, strlen(src), ',', "m.csv", &t, &e), CLIO_EFORMAT);
    cr_assert_eq(e.line, 3);
    cr_assert_eq(e.offset, 21);
    cr_assert_str_eq(e.path, "m.csv");
    cr_assert(strstr(e.message, "1 fields where the header has 2"), "%s", e.message);
}

Test(table, unclosed_quote_is_refused)
{
    const char *src = "file,title\na.txt,\"open\n";
    clio_table t;
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_table_parse(src, strlen(src), ',', "m.csv", &t, &e), CLIO_EFORMAT);
    cr_assert_eq(e.line, 2);
    cr_assert_eq(e.offset, 17);
}
