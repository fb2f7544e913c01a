// Non-variadic wrappers around libedit for Swift, which cannot call C
// variadic functions (el_set, el_get, history), and accessors for the C
// globals that Swift 6 strict concurrency rejects (stdin, stdout, stderr).
#ifndef GESPREK_LIBEDIT_SHIM_H
#define GESPREK_LIBEDIT_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

typedef char *(*gk_prompt_fn)(EditLine *);
typedef unsigned char (*gk_key_fn)(EditLine *, int);
typedef int (*gk_getc_fn)(EditLine *, wchar_t *);

static inline EditLine *gk_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline FILE *gk_stdout(void) { return stdout; }

static inline int gk_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int gk_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int gk_el_set_prompt(EditLine *el, gk_prompt_fn fn, char ignore) { return el_set(el, EL_PROMPT_ESC, fn, ignore); }
static inline int gk_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *gk_el_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int gk_el_set_getc(EditLine *el, gk_getc_fn fn) { return el_set(el, EL_GETCFN, fn); }
static inline int gk_el_addfn(EditLine *el, const char *name, const char *help, gk_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int gk_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
/// One `setty` setting, such as ("-d", "-isig"): no signal keys while editing.
static inline int gk_el_setty(EditLine *el, const char *mode, const char *setting) {
    return el_set(el, EL_SETTY, mode, setting, NULL);
}
static inline int gk_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

static inline History *gk_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
static inline int gk_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int gk_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
/// The history line `index` steps back from the newest (0 is the newest), or NULL past the oldest.
static inline const char *gk_history_line(History *h, int index) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) != 0) return NULL;
    for (int i = 0; i < index; i++) {
        if (history(h, &ev, H_NEXT) != 0) return NULL;
    }
    return ev.str;
}
static inline int gk_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }

#endif
