# clio summary end to end: exact output on the sample corpus, formats, bad input.
. "$(dirname "$0")/lib.bash"
HERE=$(dirname "$0")

run summary data/corpora/stalin-essays
check_status 0 "summary"
check_out_equals "$HERE/expected/summary.txt" "summary table"

run summary --format csv data/corpora/stalin-essays/0{1,2}*.txt
check_status 0 "summary csv"
check_out "doc,bytes,sentences,tokens,words,gaps,repaired" "csv header"
check_out "02-policies-and-the-people.txt,878," "csv row"

run summary --format jsonl --terms --top 3 data/corpora/stalin-essays
check_status 0 "summary jsonl terms"
check_out '{"term":"stalin","count":' "jsonl terms in column order"

# -o writes the whole file or nothing
run summary -f tsv -o "$TMP/s.tsv" data/corpora/stalin-essays
check_status 0 "summary -o"
[ "$(head -1 "$TMP/s.tsv")" = "$(printf 'doc\tbytes\tsentences\ttokens\twords\tgaps\trepaired')" ] && ok || fail "tsv header in -o file"
ls "$TMP" | grep -q 'tmp-' && fail "temporary file left behind" || ok

# Latin-1 is refused with file, line and byte offset; --repair reads it
printf 'Caesar\nFriends, Romans, countrymen, lend me your ears; Brutus est\xe9 noble.\n' >"$TMP/latin1.txt"
run summary "$TMP/latin1.txt"
check_status 1 "invalid UTF-8 refused"
check_err "$TMP/latin1.txt: invalid UTF-8 (truncated sequence) at line 2, column 59, byte 65" "refusal names the place"
run summary --repair -f csv "$TMP/latin1.txt"
check_status 0 "--repair"
check_out "latin1.txt,74,1,16,11,0,1" "--repair counts the repaired sequence"

# stdin, split into lines
printf 'One doc.\nAnother doc.\n' | "$CLIO" summary --split lines -f csv - >"$TMP/out" 2>"$TMP/err"
STATUS=$?
check_status 0 "stdin split into lines"
check_out "-#2,12,1,3,2,0,0" "stdin second line is a document"

run summary
check_status 2 "summary without paths is a usage error"
run summary --format yaml data
check_status 2 "bad format is a usage error"
check_err "--format must be one of table, jsonl, csv, tsv, not 'yaml'" "bad format message"
run summary /no/such/file.txt
check_status 1 "missing file"
check_err "/no/such/file.txt: cannot open: No such file or directory" "missing file message"

# a CSV corpus whose text column has another name
printf 'id,body,year\n1,"In 1922 Stalin became General Secretary.",1922\n2,"Lenin died in 1924.",1924\n' >"$TMP/rows.csv"
run summary -f csv --text-field body "$TMP/rows.csv"
check_status 0 "--text-field"
check_out "rows.csv#2,19,1,5,4,0,0" "the second row is a document"
run summary "$TMP/rows.csv"
check_status 1 "no text column"
check_err 'CSV: the header has no "text" column at line 1' "missing text column named"

# a device is written straight to, with no temporary file beside it
run summary -f tsv -o /dev/null data/corpora/stalin-essays
check_status 0 "-o /dev/null"
ls /dev | grep -q 'null.tmp-' && fail "temporary file left in /dev" || ok

done_testing
