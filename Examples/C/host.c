/*
 * A host in C: runs a script through gesprek's C interface, as `gesprek run` does, and more.
 * The tests build it with cc against Sources/GesprekC/include/gesprek.h and libGesprekC.so:
 *
 *   cc -std=c11 -Wall -Wextra -Werror -pthread Examples/C/host.c -I Sources/GesprekC/include \
 *      -L .build/debug -lGesprekC -Wl,-rpath,$PWD/.build/debug -o host
 *
 *   host run SCRIPT TRANSCRIPT [OPTIONS_JSON]  each line of SCRIPT through gesprek_execute into a new
 *                                              TRANSCRIPT; prints every answer, then the JSON summary,
 *                                              one JSON value a line; exit 65 when a line was rejected,
 *                                              74 when the transcript could not be closed (a copy in
 *                                              $GESPREK_RESCUE, or the lines lost: said on stderr)
 *   host repeat SCRIPT COUNT [keep]            COUNT executes of SCRIPT's lines, over and over, in memory,
 *                                              every answer freed (the leak check runs this under LeakSanitizer);
 *                                              with `keep`, the executes' answers are not freed: the leak
 *                                              check must then fail, which the tests prove
 *   host time SCRIPT                           SCRIPT's lines through a session in memory; prints the
 *                                              milliseconds the executes took (the benchmark)
 *   host threads COUNT                         two threads give COUNT lines each to one session
 *   host hostile                               NULLs, bad bytes, bad JSON, closed and made-up handles
 */
#define _POSIX_C_SOURCE 200809L
#include "gesprek.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The lines of a file, without their newlines (and a CR before it). */
static char **read_lines(const char *path, size_t *count) {
    FILE *file = fopen(path, "r");
    if (!file) {
        perror(path);
        exit(66);
    }
    size_t capacity = 64;
    char **lines = malloc(capacity * sizeof *lines);
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    *count = 0;
    while ((length = getline(&line, &size, file)) >= 0) {
        if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
        if (length > 0 && line[length - 1] == '\r') line[--length] = '\0';
        if (*count == capacity) lines = realloc(lines, (capacity *= 2) * sizeof *lines);
        lines[(*count)++] = strdup(line);
    }
    free(line);
    fclose(file);
    return lines;
}

static void free_lines(char **lines, size_t count) {
    for (size_t i = 0; i < count; i++) free(lines[i]);
    free(lines);
}

/* A host command: `afspraak DATUM [TEKST]` records a follow-up appointment. */
static char *afspraak(void *context, const char *invocation) {
    (void)context;
    if (strstr(invocation, "\"words\":[]")) return strdup("{\"error\": \"afspraak heeft een datum nodig\", \"hint\": \"afspraak 2026-12-01\"}");
    return strdup("{\"record\": {\"fields\": {\"soort\": \"vervolgafspraak\"}}}");
}

static void release(void *context, char *answer) {
    (void)context;
    free(answer);
}

static gesprek_session *open_or_exit(const char *options) {
    char *error = NULL;
    gesprek_session *session = gesprek_open(options, &error);
    if (!session) {
        fprintf(stderr, "%s\n", error);
        gesprek_free(error);
        exit(73);
    }
    return session;
}

/* Ends the session. When the disk refuses the transcript's last lines, the session is still ours
 * ("closing"): everything goes into a new file in the folder $GESPREK_RESCUE (when set), which is
 * then closed; only when that fails too are the lines given up, and how many is said. Exit 74. */
static int close_or_report(gesprek_session *session) {
    char *error = NULL;
    if (gesprek_close(session, &error) == 0) return 0;
    fprintf(stderr, "%s\n", error);
    gesprek_free(error);
    const char *rescue = getenv("GESPREK_RESCUE");
    if (rescue) {
        char folder[4096];
        snprintf(folder, sizeof folder, "%s/", rescue);
        char *saved = gesprek_save(session, folder);
        int ok = strncmp(saved, "{\"error\"", 8) != 0;
        fprintf(stderr, "%s\n", saved);
        gesprek_free(saved);
        if (ok && gesprek_close(session, NULL) == 0) return 74;
    }
    fprintf(stderr, "{\"lost\": %d}\n", gesprek_discard(session, NULL));
    return 74;
}

static int run(const char *script, const char *transcript, const char *extra) {
    size_t count;
    char **lines = read_lines(script, &count);
    char options[4096];
    snprintf(options, sizeof options, "{\"transcript\": \"%s\"%s%s}", transcript, extra ? ", " : "", extra ? extra : "");
    gesprek_session *session = open_or_exit(options);
    char *error = NULL;
    if (gesprek_register(session, "{\"name\": \"afspraak\", \"usage\": \"afspraak DATUM [TEKST]\", \"help\": \"Legt een vervolgafspraak vast.\"}",
                         afspraak, release, NULL, &error) != 0) {
        fprintf(stderr, "%s\n", error);
        gesprek_free(error);
        return 70;
    }
    int rejected = 0;
    for (size_t i = 0; i < count; i++) {
        char *answer = gesprek_execute(session, lines[i]);
        if (strncmp(answer, "{\"accepted\":false", 17) == 0) rejected = 1;
        printf("%s\n", answer);
        gesprek_free(answer);
    }
    char *summary = gesprek_summary(session, "json");
    printf("%s\n", summary);
    gesprek_free(summary);
    free_lines(lines, count);
    int closed = close_or_report(session);
    return closed ? closed : rejected ? 65 : 0;
}

static int repeat(const char *script, long total, int keep) {
    size_t count;
    char **lines = read_lines(script, &count);
    gesprek_session *session = open_or_exit("{\"language\": \"en\"}");
    for (long i = 0; i < total; i++) {
        char *answer = gesprek_execute(session, lines[i % count]);
        if (!keep) gesprek_free(answer);
    }
    /* Every other call once, so that the check covers their answers too. */
    gesprek_free(gesprek_complete(session, "score gez", 9));
    gesprek_free(gesprek_inspect(session, "score gezin.s1 3", 8));
    gesprek_free(gesprek_summary(session, "text"));
    gesprek_free(gesprek_info(session));
    gesprek_free(gesprek_execute(NULL, "ask"));
    free_lines(lines, count);
    return close_or_report(session);
}

static int timed(const char *script) {
    size_t count;
    char **lines = read_lines(script, &count);
    gesprek_session *session = open_or_exit("{\"language\": \"nl\"}");
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < count; i++) gesprek_free(gesprek_execute(session, lines[i]));
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.3f\n", (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
    free_lines(lines, count);
    return close_or_report(session);
}

struct worker {
    gesprek_session *session;
    long count;
    long accepted;
};

static void *work(void *argument) {
    struct worker *worker = argument;
    for (long i = 0; i < worker->count; i++) {
        char *answer = gesprek_execute(worker->session, "note #c Kookt elke dag.");
        if (strncmp(answer, "{\"accepted\":true", 16) == 0) worker->accepted++;
        gesprek_free(answer);
    }
    return NULL;
}

static int threads(long count) {
    gesprek_session *session = open_or_exit(NULL);
    struct worker workers[2] = {{session, count, 0}, {session, count, 0}};
    pthread_t ids[2];
    for (int i = 0; i < 2; i++) pthread_create(&ids[i], NULL, work, &workers[i]);
    for (int i = 0; i < 2; i++) pthread_join(ids[i], NULL);
    char *info = gesprek_info(session);
    printf("{\"accepted\": %ld, \"info\": %s}\n", workers[0].accepted + workers[1].accepted, info);
    gesprek_free(info);
    return close_or_report(session);
}

/* Prints what each hostile call gave, one JSON value a line ("null" for NULL, a number for an int). */
static void show(const char *label, char *answer) {
    printf("{\"call\": \"%s\", \"answer\": %s}\n", label, answer ? answer : "null");
    gesprek_free(answer);
}

static void show_status(const char *label, int status, char *error) {
    printf("{\"call\": \"%s\", \"status\": %d, \"answer\": %s}\n", label, status, error ? error : "null");
    gesprek_free(error);
}

static int hostile(void) {
    char *error = NULL;
    int status;
    gesprek_session *none = gesprek_open("{\"language\": ", &error);
    show_status("open invalid JSON", none ? 0 : -1, error);
    none = gesprek_open("\xff\xfe", &error);
    show_status("open invalid UTF-8", none ? 0 : -1, error);
    none = gesprek_open("[1, 2]", &error);
    show_status("open not an object", none ? 0 : -1, error);
    none = gesprek_open("{\"language\": \"en\", \"casus\": 1}", NULL); /* NULL error_json is fine too */
    show_status("open unknown option", none ? 0 : -1, NULL);

    gesprek_session *first = open_or_exit("{\"language\": \"en\", \"case\": \"EEN\"}");
    gesprek_session *second = open_or_exit("{\"case\": \"TWEE\"}");
    show("execute NULL session", gesprek_execute(NULL, "ask Hoe gaat het?"));
    show("execute NULL line", gesprek_execute(first, NULL));
    show("execute invalid UTF-8", gesprek_execute(first, "note caf\xc3 \xff"));
    show("execute first", gesprek_execute(first, "network add Oma role=grootmoeder"));
    show("execute second", gesprek_execute(second, "network set Oma contact=dagelijks"));
    show("complete NULL line", gesprek_complete(first, NULL, 0));
    show("complete cursor past the end", gesprek_complete(first, "score", 99));
    show("complete cursor inside a character", gesprek_complete(first, "note \xc3\xa9", 6));
    show("inspect invalid UTF-8", gesprek_inspect(first, "\xff", 0));
    show("summary unknown format", gesprek_summary(first, "pdf"));
    show("summary NULL format", gesprek_summary(second, NULL));
    show("save NULL session", gesprek_save(NULL, NULL));
    show("save invalid UTF-8 path", gesprek_save(first, "/tmp/\xff"));
    status = gesprek_register(first, "{\"name\": \"x\"}", NULL, NULL, NULL, &error);
    show_status("register NULL handler", status, error);
    status = gesprek_register(first, "{\"name\": \"ask\"}", afspraak, release, NULL, &error);
    show_status("register built-in name", status, error);
    status = gesprek_register(first, "{name}", afspraak, release, NULL, &error);
    show_status("register invalid JSON", status, error);
    status = gesprek_close(first, &error);
    show_status("close first", status, error);
    show("execute closed", gesprek_execute(first, "ask Nog iets?"));
    show("info closed", gesprek_info(first));
    show("save closed", gesprek_save(first, NULL));
    status = gesprek_discard(first, &error);
    show_status("discard closed", status, error);
    status = gesprek_close(first, &error);
    show_status("close again", status, error);
    show("execute made-up handle", gesprek_execute((gesprek_session *)(void *)0x1234, "ask"));
    status = gesprek_close(NULL, &error);
    show_status("close NULL", status, error);
    status = gesprek_discard(NULL, &error);
    show_status("discard NULL", status, error);
    show("second still open", gesprek_info(second));
    status = gesprek_close(second, NULL);
    show_status("close second", status, NULL);
    gesprek_free(NULL);
    return 0;
}

int main(int argc, char **argv) {
    /* A file size limit should fail the write (and keep the line waiting), not kill the host. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc >= 4 && strcmp(argv[1], "run") == 0) return run(argv[2], argv[3], argc >= 5 ? argv[4] : NULL);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "repeat") == 0)
        return repeat(argv[2], atol(argv[3]), argc == 5 && strcmp(argv[4], "keep") == 0);
    if (argc == 3 && strcmp(argv[1], "time") == 0) return timed(argv[2]);
    if (argc == 3 && strcmp(argv[1], "threads") == 0) return threads(atol(argv[2]));
    if (argc == 2 && strcmp(argv[1], "hostile") == 0) return hostile();
    fprintf(stderr, "usage: host run SCRIPT TRANSCRIPT [OPTIONS] | repeat SCRIPT COUNT [keep] | time SCRIPT | threads COUNT | hostile\n");
    return 64;
}
