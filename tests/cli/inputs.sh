# Inputs that never fail silently: what a folder skips is said (count and kinds, with
# the command that converts them), binary documents named directly are named as such, a
# folder of nothing readable is an error, legacy encodings are read with --encoding,
# every bad file is listed before a run stops, --skip-bad leaves them out with a
# warning, and --repair says how much it repaired.
source "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/mixed" "$TMP/pdfs"
printf 'The war began in 1914.\n' >"$TMP/mixed/a.txt"
printf 'Notes on 1915.\n' >"$TMP/mixed/b.MD"
printf 'More in 1916.\n' >"$TMP/mixed/c.TXT"
printf 'Then 1917.\n' >"$TMP/mixed/d.text"
printf '%%PDF-1.4 binary' >"$TMP/mixed/e.pdf"
printf 'PK\003\004 zipped' >"$TMP/mixed/f.docx"
printf '<html><p>x</p></html>' >"$TMP/mixed/g.html"

run summary -f csv "$TMP/mixed"
check_status 0 "a mixed folder"
check_out "b.MD" ".md files are read, in any case"
check_out "c.TXT" ".TXT files are read"
check_out "d.text" ".text files are read"
check_err "3 files skipped, not text" "skipped files are counted"
check_err "1 PDF document (pdftotext" "a PDF is named with its converter"
check_err "1 Word document (.docx) (pandoc" "a DOCX is named with its converter"
check_err "1 HTML page" "HTML is named"

printf '%%PDF-1.4 binary' >"$TMP/pdfs/one.pdf"
printf '%%PDF-1.4 binary' >"$TMP/pdfs/two.PDF"
run summary "$TMP/pdfs"
check_status 1 "a folder of PDFs is no corpus"
check_err "no documents to read: found only 2 PDF documents" "and says what it found"

run timeline "$TMP/mixed/e.pdf"
check_status 1 "a PDF named directly"
check_err "is a PDF document, not text" "is called a PDF, not invalid UTF-8"
check_err "pdftotext -layout $TMP/mixed/e.pdf" "with the command for that file"

# Latin-1 text: refused with a hint, read with --encoding, left out with --skip-bad
mkdir -p "$TMP/alg"
printf 'The war in Algeria began in 1954.\n' >"$TMP/alg/a.txt"
printf 'At S\351tif on 8 May 1945 the riots began.\n' >"$TMP/alg/b.txt"
printf 'Another \377 bad file.\n' >"$TMP/alg/c.txt"
run summary "$TMP/alg"
check_status 1 "bad files stop the run"
check_err "2 files could not be read" "all bad files are counted"
check_err "$TMP/alg/b.txt: invalid UTF-8" "the first is named with its place"
check_err "$TMP/alg/c.txt: invalid UTF-8" "and the second too"
check_err "--encoding NAME" "the message says how to read a legacy encoding"

run summary -f csv --skip-bad "$TMP/alg"
check_status 0 "--skip-bad goes on"
check_err "left out 2 bad files (--skip-bad)" "and warns what it left out"
check_out "a.txt" "the good file is read"

run timeline -f jsonl --encoding latin1 "$TMP/alg/b.txt"
check_status 0 "--encoding latin1"
check_out "Sétif" "Sétif read as Sétif, not S�tif"
check_out '"value":"1945-05-08"' "and the date in it found"

run summary --encoding no-such-thing "$TMP/alg/a.txt"
check_status 1 "an unknown encoding"
check_err "unknown encoding 'no-such-thing'" "is named"

printf 'x\201y\n' >"$TMP/cp.txt"
run summary --encoding cp1252 "$TMP/cp.txt"
check_status 1 "a byte cp1252 does not have"
check_err "not valid cp1252 at line 1, column 2, byte 1" "is refused with its place"

for cmd in summary freq timeline; do
    run $cmd --repair "$TMP/alg/b.txt"
    check_status 0 "$cmd --repair"
    check_err "--repair read 1 invalid UTF-8 sequence as U+FFFD in 1 document" "$cmd reports its repairs"
done

done_testing
