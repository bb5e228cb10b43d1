/* Publication dates: the one parser used by the reader, the store and the
 * CLI's --since/--until. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tagger.h"

static int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* Reads 1..maxd digits; returns the count (0 if none). */
static int digits(const char *s, int maxd, int *v) {
    int n = 0;
    *v = 0;
    while (n < maxd && isdigit((unsigned char)s[n])) *v = *v * 10 + (s[n++] - '0');
    return isdigit((unsigned char)s[n]) ? 0 : n;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December"};

/* The rest after a date: nothing, or a time (and zone) after 'T' or
 * spaces: HH:MM[:SS[.frac]], then Z, +hh[:]mm / -hh[:]mm, or a zone name or
 * comment after spaces. Returns 1, 0 if it is no time, or -1 with the
 * impossible field in *what and its value in *val. */
static int time_tail(const char *p, const char **what, int *val) {
    if (!*p) return 1;
    if (*p != 'T' && *p != 't' && *p != ' ') return 0;
    p++;
    while (*p == ' ') p++;
    int h, mi, sec = 0, n;
    if (!(n = digits(p, 2, &h)) || p[n] != ':') return 0;
    p += n + 1;
    if (digits(p, 2, &mi) != 2) return 0;
    p += 2;
    if (*p == ':') {
        if (digits(p + 1, 2, &sec) != 2) return 0;
        p += 3;
        if (*p == '.' || *p == ',') {
            if (!isdigit((unsigned char)p[1])) return 0;
            for (p++; isdigit((unsigned char)*p); p++) {}
        }
    }
    if (h > 23) { *what = "hour"; *val = h; return -1; }
    if (mi > 59) { *what = "minute"; *val = mi; return -1; }
    if (sec > 60) { *what = "second"; *val = sec; return -1; }   /* 60: a leap second */
    for (; *p; p++)   /* the zone */
        if (!isalnum((unsigned char)*p) && !strchr(":+- ()", *p)) return 0;
    return 1;
}

int ng_date_parse(const char *s, int partial, char out[11], char *why, size_t whylen) {
    int y = 0, m = 0, d = 0, n, have_m = 1, have_d = 1, tt, tval = 0;
    const char *p = s, *twhat = "";
    if (why && whylen) why[0] = 0;
    while (*p == ' ') p++;
    if (isdigit((unsigned char)*p) && (n = digits(p, 4, &y)) == 4 && (p[4] == '-' || p[4] == 0)) {
        /* ISO 8601: YYYY-MM-DD (also YYYY-M-D), a time and zone may follow */
        p += 4;
        if (!*p && partial) { have_m = have_d = 0; snprintf(out, 11, "%04u", (unsigned)y % 10000u); goto check; }
        if (*p++ != '-' || !(n = digits(p, 2, &m))) goto bad;
        p += n;
        if (!*p && partial) { have_d = 0; snprintf(out, 11, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u); goto check; }
        if (*p++ != '-' || !(n = digits(p, 2, &d))) goto bad;
        p += n;
        if (partial && *p) goto timed;
        if (!(tt = time_tail(p, &twhat, &tval))) goto bad;
        if (tt < 0) goto bad_time;
    } else {
        /* RFC 2822: [Day,] DD Mon YYYY [HH:MM[:SS] zone] */
        if (isalpha((unsigned char)*p)) {
            while (isalpha((unsigned char)*p)) p++;
            if (*p++ != ',') goto bad;
            while (*p == ' ') p++;
        }
        if (!(n = digits(p, 2, &d))) goto bad;
        p += n;
        if (*p++ != ' ') goto bad;
        while (*p == ' ') p++;
        for (m = 0; m < 12 && strncasecmp(p, months[m], 3); m++) {}
        if (m == 12) goto bad;
        m++;
        p += 3;
        while (isalpha((unsigned char)*p)) p++;   /* a full month name */
        if (*p++ != ' ') goto bad;
        while (*p == ' ') p++;
        if ((n = digits(p, 4, &y)) != 4) goto bad;
        p += n;
        if (partial && *p) goto timed;
        if (!(tt = time_tail(p, &twhat, &tval))) goto bad;
        if (tt < 0) goto bad_time;
    }
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
check:
    if (y < 1) {
        if (why) snprintf(why, whylen, "'%s': there is no year 0", s);
        return 0;
    }
    if (have_m && (m < 1 || m > 12)) {
        if (why) snprintf(why, whylen, "'%s': there is no month %d", s, m);
        return 0;
    }
    if (have_d && (d < 1 || d > days_in_month(y, m))) {
        if (why) snprintf(why, whylen, "'%s': %s %d has %d days", s, month_names[m - 1], y, days_in_month(y, m));
        return 0;
    }
    return 1;
bad_time:
    if (why) snprintf(why, whylen, "'%s': there is no %s %d", s, twhat, tval);
    return 0;
timed:   /* --since/--until select days: a time would be ignored */
    if (why) snprintf(why, whylen, "'%s': a day is expected (YYYY-MM-DD, YYYY-MM or YYYY), not a time", s);
    return 0;
bad:
    if (why)
        snprintf(why, whylen, "'%s' is not a date (YYYY-MM-DD%s, ISO 8601 with a time, or RFC 2822 such as"
                 " 'Fri, 05 Jan 2024 10:00:00 +0000')", s, partial ? ", YYYY-MM, YYYY" : "");
    return 0;
}
