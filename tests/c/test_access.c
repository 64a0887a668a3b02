/* The sandbox's access policy (core/access.c): resolved paths, links and "..", one
 * writable file, no oracle, set once. Criterion forks a process per test, so each test
 * confines its own process. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"

static char top[256];

static const char *at(const char *rel)
{
    static char buf[4][512];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", top, rel);
    return buf[i];
}

static void touch(const char *rel)
{
    FILE *f = fopen(at(rel), "w");
    cr_assert(f, "cannot create %s", at(rel));
    fputs("x", f);
    fclose(f);
}

/* top/corpus/a.txt, top/secret.txt, top/out/, links out of corpus, then confined to
 * corpus (readable) and out/r.csv (writable). */
static void confine(void)
{
    snprintf(top, sizeof top, "/tmp/clio-access-XXXXXX");
    cr_assert(mkdtemp(top));
    mkdir(at("corpus"), 0700);
    mkdir(at("out"), 0700);
    mkdir(at("private"), 0700);
    touch("corpus/a.txt");
    touch("secret.txt");
    touch("private/p.txt");
    cr_assert_eq(symlink(at("secret.txt"), at("corpus/link.txt")), 0);
    cr_assert_eq(symlink(at("private"), at("corpus/dir")), 0);
    const char *roots[] = {at("corpus")};
    cr_assert_eq(clio_access_confined(), 0);
    cr_assert_eq(clio_access_confine(roots, 1, at("out/r.csv")), 0);
    cr_assert_eq(clio_access_confined(), 1);
}

static void cleanup(void)
{
    if (top[0]) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
        cr_assert_eq(system(cmd), 0);
    }
}

TestSuite(access, .fini = cleanup);

Test(access, unconfined_allows_everything)
{
    cr_assert(clio_access_may_read("/etc/passwd"));
    cr_assert(clio_access_may_write("/tmp/anything"));
}

Test(access, reads_inside_roots_only_after_resolving)
{
    confine();
    cr_assert(clio_access_may_read(at("corpus/a.txt")));
    cr_assert(clio_access_may_read(at("corpus")));
    cr_assert_not(clio_access_may_read(at("secret.txt")));
    cr_assert_not(clio_access_may_read(at("corpus/../secret.txt")), "'..' leaves the root");
    cr_assert_not(clio_access_may_read(at("corpus/link.txt")), "a link out of the root");
    cr_assert_not(clio_access_may_read(at("corpus/dir/p.txt")), "a folder link out");
    cr_assert_not(clio_access_may_read(at("corpus/dir")));
    cr_assert_not(clio_access_may_read("/etc/passwd"));
    cr_assert_not(clio_access_may_read("-"), "'-' is a file name here, not stdin");
}

Test(access, missing_paths_tell_nothing_outside)
{
    confine();
    cr_assert(clio_access_may_read(at("corpus/missing.txt")), "missing inside: the open fails");
    cr_assert_not(clio_access_may_read(at("missing.txt")));
    cr_assert_not(clio_access_may_read("/etc/no-such-file"));
    cr_assert_not(clio_access_may_read(at("secret.txt/x")));
}

Test(access, one_writable_file_and_its_temporaries)
{
    confine();
    cr_assert(clio_access_may_write(at("out/r.csv")));
    cr_assert(clio_access_may_write(at("out/../out/r.csv")));
    cr_assert(clio_access_may_write(at("out/r.csv.tmp-123")));
    cr_assert(clio_access_may_read(at("out/r.csv")), "its own output reads back");
    cr_assert_not(clio_access_may_write(at("out/other.csv")));
    cr_assert_not(clio_access_may_write(at("out/r.csv.tmp-1/../../secret.txt")));
    cr_assert_not(clio_access_may_write(at("corpus/a.txt")), "readable is not writable");
    cr_assert_not(clio_access_may_write(at("secret.txt")));
    cr_assert_not(clio_access_may_write(at("out/r.csvx")));
    cr_assert_not(clio_access_may_write(at("out")));
}

Test(access, set_once)
{
    confine();
    const char *roots[] = {"/"};
    cr_assert_eq(clio_access_confine(roots, 1, "/tmp/x"), CLIO_EARG);
    cr_assert_not(clio_access_may_read(at("secret.txt")), "the first policy stands");
    cr_assert_not(clio_access_may_write("/tmp/x"));
}

Test(access, refusals_name_the_path)
{
    confine();
    clio_error e;
    clio_error_clear(&e);
    cr_assert_eq(clio_access_read(at("secret.txt"), "reading", &e), CLIO_EDENIED);
    char want[600];
    snprintf(want, sizeof want, "sandbox: reading %s is not allowed", at("secret.txt"));
    cr_assert_str_eq(e.message, want);
    cr_assert_eq(clio_access_write(at("x"), "writing", &e), CLIO_EDENIED);
}

Test(access, index_sources_trusted_only_from_the_command_line)
{
    confine();
    clio_error e;
    touch("corpus/i.clio");
    touch("out/r.csv");
    cr_assert_eq(clio_access_read_source(at("corpus/i.clio"), at("secret.txt"), &e), 0);
    cr_assert_eq(clio_access_read_source(at("out/r.csv"), at("secret.txt"), &e), CLIO_EDENIED,
                 "an index the script wrote names what it likes");
    cr_assert_eq(clio_access_read_source(at("out/r.csv"), at("corpus/a.txt"), &e), 0);
}
