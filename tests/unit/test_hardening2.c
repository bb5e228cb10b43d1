/* Hardening II, library level: the one date parser (ng_date_parse) and the
 * atomic output files (ng_outfile_*: mkstemp in the target's directory,
 * symbolic links written through, temporary files tracked for signals). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include "harness.h"
#include "tagger.h"
#include "base_internal.h"

static void test_dates(void) {
    static const char *const ok[][2] = {
        {"2024-01-05", "2024-01-05"}, {"2024-1-5", "2024-01-05"}, {"2024-01-05T23:10:00+02:00", "2024-01-05"},
        {"2024-01-05T23:10:00.123Z", "2024-01-05"}, {"2024-01-05 10:00", "2024-01-05"},
        {"Fri, 05 Jan 2024 10:00:00 +0000", "2024-01-05"}, {"5 Jan 2024", "2024-01-05"},
        {"Thu, 29 Feb 2024 23:59:59 GMT", "2024-02-29"}, {"1 December 1999 00:00 EST", "1999-12-01"},
        {"2000-02-29", "2000-02-29"}, {"0001-01-01", "0001-01-01"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char d[11] = "", why[300];
        INT_EQ(ng_date_parse(ok[i][0], 0, d, why, sizeof why), 1);
        STR_EQ(d, ok[i][1]);
    }
    static const char *const bad[][2] = {
        {"2024-02-30", "'2024-02-30': February 2024 has 29 days"},
        {"1900-02-29", "'1900-02-29': February 1900 has 28 days"},
        {"0000-01-01", "'0000-01-01': there is no year 0"},
        {"2024-13-45", "'2024-13-45': there is no month 13"},
        {"2024-00-10", "'2024-00-10': there is no month 0"},
        {"2024-04-31", "'2024-04-31': April 2024 has 30 days"},
        {"31 Jun 2024", "'31 Jun 2024': June 2024 has 30 days"},
        /* regression: the time was only a set of characters (hour 25 passed) */
        {"2023-07-11T25:00:00Z", "'2023-07-11T25:00:00Z': there is no hour 25"},
        {"2023-07-11 10:61", "'2023-07-11 10:61': there is no minute 61"},
        {"Fri, 05 Jan 2024 10:00:61 +0000", "'Fri, 05 Jan 2024 10:00:61 +0000': there is no second 61"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char d[11], why[300];
        INT_EQ(ng_date_parse(bad[i][0], 0, d, why, sizeof why), 0);
        STR_EQ(why, bad[i][1]);
    }
    static const char *const junk[] = {"garbage", "2024/01/05", "20240105", "2024-01-05x", "Fri 05 Jan 2024",
                                       "05 Foo 2024", "", "2024", "2024-01", "2024-01-05T", "2024-01-05T10",
                                       "2024-01-05T10:0", "2024-01-05 1000", "2024-01-05T10:00:00.", "2024-01-05T10:00!"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        char d[11];
        INT_EQ(ng_date_parse(junk[i], 0, d, NULL, 0), 0);
    }
    char d[11];
    INT_EQ(ng_date_parse("2024", 1, d, NULL, 0), 1);
    STR_EQ(d, "2024");
    INT_EQ(ng_date_parse("2024-02", 1, d, NULL, 0), 1);
    STR_EQ(d, "2024-02");
    INT_EQ(ng_date_parse("2024-13", 1, d, NULL, 0), 0);
    /* regression: --until 2023-08-01T09:00Z was the whole day, silently */
    char why[300];
    INT_EQ(ng_date_parse("2023-08-01T09:00:00Z", 1, d, why, sizeof why), 0);
    STR_EQ(why, "'2023-08-01T09:00:00Z': a day is expected (YYYY-MM-DD, YYYY-MM or YYYY), not a time");
    INT_EQ(ng_date_parse("2023-08-01", 1, d, NULL, 0), 1);
    {   /* a leap second, a time zone name and comment, a comma fraction */
        static const char *const more[] = {"2016-12-31T23:59:60Z", "Fri, 05 Jan 2024 10:00 +0000 (UTC)",
                                           "2024-01-05T10:00:00,5+01:00", "2024-01-05 9:05"};
        for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) INT_EQ(ng_date_parse(more[i], 0, d, NULL, 0), 1);
    }
}

static int count_entries(const char *dir) {
    DIR *dh = opendir(dir);
    int n = 0;
    struct dirent *de;
    while (dh && (de = readdir(dh))) if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) n++;
    if (dh) closedir(dh);
    return n;
}

static void test_outfile(void) {
    char dir[] = "/tmp/ng-outfile.XXXXXX";
    if (!mkdtemp(dir)) { OK(0, "mkdtemp"); return; }
    char path[300], link[300], real[300], buf[64];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    ng_outfile of;
    ng_error err = {0};
    /* written under a temporary name in the same directory, renamed by commit */
    INT_EQ(ng_outfile_open(&of, path, &err), NG_OK);
    OK(of.tmp && !strncmp(of.tmp, dir, strlen(dir)) && strstr(of.tmp, "/.out.txt."), "temporary name beside the target: %s", of.tmp);
    OK(access(path, F_OK) != 0, "the target does not exist before commit");
    INT_EQ(write(of.fd, "hello", 5), 5);
    INT_EQ(ng_outfile_commit(&of, &err), NG_OK);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    STR_EQ(buf, "hello");
    INT_EQ(count_entries(dir), 1);
    /* abort removes the temporary file and leaves the target */
    INT_EQ(ng_outfile_open(&of, path, &err), NG_OK);
    INT_EQ(write(of.fd, "bye", 3), 3);
    ng_outfile_abort(&of);
    INT_EQ(count_entries(dir), 1);
    /* ng_tmp_cleanup removes what is being written (as on SIGTERM) */
    INT_EQ(ng_outfile_open(&of, path, &err), NG_OK);
    ng_tmp_cleanup();
    INT_EQ(count_entries(dir), 1);
    ng_outfile_abort(&of);
    /* a symbolic link: its (relative) target is written, the link stays */
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(real, sizeof real, "%s/real.txt", dir);
    INT_EQ(symlink("real.txt", link), 0);
    INT_EQ(ng_outfile_open(&of, link, &err), NG_OK);
    STR_EQ(of.path, real);
    INT_EQ(write(of.fd, "x", 1), 1);
    INT_EQ(ng_outfile_commit(&of, &err), NG_OK);
    struct stat st;
    OK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link stays a link");
    OK(stat(real, &st) == 0 && st.st_size == 1, "the target is written");
    /* a directory is refused */
    INT_EQ(ng_outfile_open(&of, dir, &err), NG_E_IO);
    unlink(link); unlink(real); unlink(path);
    rmdir(dir);
}

/* ng_tmp_create: mkostemp's file, its name tracked before it exists (no
 * window where a signal leaves it behind: the name is on the list when
 * the file appears) */
static void test_tmp_create(void) {
    char dir[] = "/tmp/ng-tmpcreate.XXXXXX";
    if (!mkdtemp(dir)) { OK(0, "mkdtemp"); return; }
    char t1[300], t2[300];
    snprintf(t1, sizeof t1, "%s/a.XXXXXX", dir);
    snprintf(t2, sizeof t2, "%s/a.XXXXXX", dir);
    int f1 = ng_tmp_create(t1), f2 = ng_tmp_create(t2);
    OK(f1 >= 0 && f2 >= 0, "created: %s %s", t1, t2);
    OK(strcmp(t1, t2) && !strstr(t1, "XXXXXX"), "two names, the Xs replaced: %s %s", t1, t2);
    struct stat st;
    OK(fstat(f1, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 0, "a new empty file, mode 0600");
    INT_EQ(count_entries(dir), 2);
    ng_tmp_cleanup();   /* as on SIGTERM: both removed */
    INT_EQ(count_entries(dir), 0);
    ng_tmp_untrack(t1);
    ng_tmp_untrack(t2);
    if (f1 >= 0) close(f1);
    if (f2 >= 0) close(f2);
    char bad[] = "/tmp/no-xs";
    errno = 0;
    INT_EQ(ng_tmp_create(bad), -1);
    INT_EQ(errno, EINVAL);
    char missing[300];
    snprintf(missing, sizeof missing, "%s/no/such/dir.XXXXXX", dir);
    INT_EQ(ng_tmp_create(missing), -1);
    INT_EQ(errno, ENOENT);
    ng_tmp_cleanup();   /* (nothing of the failures is tracked any more) */
    rmdir(dir);
}

int main(void) {
    test_dates();
    test_outfile();
    test_tmp_create();
    return harness_done("test_hardening2");
}
