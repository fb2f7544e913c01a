// libedit through dlopen: see include/CLibedit.h.
#include "CLibedit.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// The functions as libedit declares them; el_set, el_get and history are
// variadic, and are called through pointers of their variadic types.
static EditLine *(*p_el_init)(const char *, FILE *, FILE *, FILE *);
static void (*p_el_end)(EditLine *);
static const char *(*p_el_gets)(EditLine *, int *);
static int (*p_el_set)(EditLine *, int, ...);
static int (*p_el_get)(EditLine *, int, ...);
static void (*p_el_push)(EditLine *, const char *);
static void (*p_el_resize)(EditLine *);
static const LineInfo *(*p_el_line)(EditLine *);
static const LineInfoW *(*p_el_wline)(EditLine *);
static int (*p_el_cursor)(EditLine *, int);
static void (*p_el_deletestr)(EditLine *, int);
static int (*p_el_insertstr)(EditLine *, const char *);
static History *(*p_history_init)(void);
static void (*p_history_end)(History *);
static int (*p_history)(History *, HistEvent *, int, ...);

// Storing dlsym's void * through a void ** to the pointer is the form POSIX gives for function pointers.
static const struct {
    const char *name;
    void **slot;
} symbols[] = {
    {"el_init", (void **)&p_el_init},
    {"el_end", (void **)&p_el_end},
    {"el_gets", (void **)&p_el_gets},
    {"el_set", (void **)&p_el_set},
    {"el_get", (void **)&p_el_get},
    {"el_push", (void **)&p_el_push},
    {"el_resize", (void **)&p_el_resize},
    {"el_line", (void **)&p_el_line},
    {"el_wline", (void **)&p_el_wline},
    {"el_cursor", (void **)&p_el_cursor},
    {"el_deletestr", (void **)&p_el_deletestr},
    {"el_insertstr", (void **)&p_el_insertstr},
    {"history_init", (void **)&p_history_init},
    {"history_end", (void **)&p_history_end},
    {"history", (void **)&p_history},
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char error[512];

static void fail(const char *message) {
    snprintf(error, sizeof error, "%s", message ? message : "libedit.so.2");
}

static void load(void) {
    void *handle = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        fail(dlerror());
        return;
    }
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        dlerror();
        void *found = dlsym(handle, symbols[i].name);
        if (!found) {
            fail(dlerror());
            for (size_t j = 0; j < i; j++) *symbols[j].slot = NULL;
            dlclose(handle);
            return;
        }
        *symbols[i].slot = found;
    }
    loaded = 0;
}

int gk_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *gk_load_error(void) { return error[0] ? error : NULL; }

FILE *gk_stdout(void) { return stdout; }

EditLine *gk_el_init(const char *program) { return p_el_init(program, stdin, stdout, stderr); }
void gk_el_end(EditLine *el) { p_el_end(el); }
const char *gk_el_gets(EditLine *el, int *count) { return p_el_gets(el, count); }
void gk_el_push(EditLine *el, const char *text) { p_el_push(el, text); }
void gk_el_resize(EditLine *el) { p_el_resize(el); }
const LineInfo *gk_el_line(EditLine *el) { return p_el_line(el); }
const LineInfoW *gk_el_wline(EditLine *el) { return p_el_wline(el); }
int gk_el_cursor(EditLine *el, int count) { return p_el_cursor(el, count); }
void gk_el_deletestr(EditLine *el, int count) { p_el_deletestr(el, count); }
int gk_el_insertstr(EditLine *el, const char *text) { return p_el_insertstr(el, text); }

int gk_el_set_editor(EditLine *el, const char *mode) { return p_el_set(el, EL_EDITOR, mode); }
int gk_el_set_signal(EditLine *el, int on) { return p_el_set(el, EL_SIGNAL, on); }
int gk_el_set_prompt(EditLine *el, gk_prompt_fn fn, char ignore) { return p_el_set(el, EL_PROMPT_ESC, fn, ignore); }
int gk_el_set_clientdata(EditLine *el, void *data) { return p_el_set(el, EL_CLIENTDATA, data); }
void *gk_el_clientdata(EditLine *el) {
    void *data = NULL;
    p_el_get(el, EL_CLIENTDATA, &data);
    return data;
}
int gk_el_set_getc(EditLine *el, gk_getc_fn fn) { return p_el_set(el, EL_GETCFN, fn); }
int gk_el_addfn(EditLine *el, const char *name, const char *help, gk_key_fn fn) {
    return p_el_set(el, EL_ADDFN, name, help, fn);
}
int gk_el_bind(EditLine *el, const char *key, const char *command) {
    return p_el_set(el, EL_BIND, key, command, (const char *)NULL);
}
int gk_el_setty(EditLine *el, const char *mode, const char *setting) {
    return p_el_set(el, EL_SETTY, mode, setting, (const char *)NULL);
}
// EL_HIST takes the history function itself: the one just loaded.
int gk_el_set_history(EditLine *el, History *h) { return p_el_set(el, EL_HIST, p_history, h); }

History *gk_history_init(int size) {
    History *h = p_history_init();
    HistEvent ev;
    p_history(h, &ev, H_SETSIZE, size);
    p_history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
void gk_history_end(History *h) { p_history_end(h); }
int gk_history_enter(History *h, const char *line) {
    HistEvent ev;
    return p_history(h, &ev, H_ENTER, line);
}
int gk_history_load(History *h, const char *path) {
    HistEvent ev;
    return p_history(h, &ev, H_LOAD, path);
}
const char *gk_history_line(History *h, int index) {
    HistEvent ev;
    if (p_history(h, &ev, H_FIRST) != 0) return NULL;
    for (int i = 0; i < index; i++) {
        if (p_history(h, &ev, H_NEXT) != 0) return NULL;
    }
    return ev.str;
}
int gk_history_save(History *h, const char *path) {
    HistEvent ev;
    return p_history(h, &ev, H_SAVE, path);
}
