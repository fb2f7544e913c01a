// libedit for Swift, loaded with dlopen on first use (docs/development.md,
// "libedit only for the line editor"): nothing links libedit, so a `gesprek run` does not map and
// relocate it (and libtinfo, libbsd, libmd) at start. Only the line editor
// (the REPL, annotate on a terminal) calls gk_load.
//
// Every libedit function the Swift side uses has a gk_ wrapper here, also the
// variadic ones Swift cannot call (el_set, el_get, history). The Swift side
// must call no el_* or history* function directly: that would not link.
// <histedit.h> gives the types and constants (Debian: libedit-dev, a build
// dependency only).
#ifndef GESPREK_CLIBEDIT_H
#define GESPREK_CLIBEDIT_H

#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

typedef char *(*gk_prompt_fn)(EditLine *);
typedef unsigned char (*gk_key_fn)(EditLine *, int);
typedef int (*gk_getc_fn)(EditLine *, wchar_t *);

/// Loads libedit.so.2 and looks up every function, once; later calls give the
/// first answer. 0 when it is there; -1 when not, and then gk_load_error says
/// why (dlerror's text: the library or the symbol that is missing).
int gk_load(void);
/// Why gk_load failed, or NULL when it did not (or was not called).
const char *gk_load_error(void);

/// stdout for Swift 6, which rejects references to the C global.
FILE *gk_stdout(void);

// All below only after gk_load returned 0.

EditLine *gk_el_init(const char *program);
void gk_el_end(EditLine *el);
const char *gk_el_gets(EditLine *el, int *count);
void gk_el_push(EditLine *el, const char *text);
void gk_el_resize(EditLine *el);
const LineInfo *gk_el_line(EditLine *el);
const LineInfoW *gk_el_wline(EditLine *el);
int gk_el_cursor(EditLine *el, int count);
void gk_el_deletestr(EditLine *el, int count);
int gk_el_insertstr(EditLine *el, const char *text);

int gk_el_set_editor(EditLine *el, const char *mode);
int gk_el_set_signal(EditLine *el, int on);
int gk_el_set_prompt(EditLine *el, gk_prompt_fn fn, char ignore);
int gk_el_set_clientdata(EditLine *el, void *data);
void *gk_el_clientdata(EditLine *el);
int gk_el_set_getc(EditLine *el, gk_getc_fn fn);
int gk_el_addfn(EditLine *el, const char *name, const char *help, gk_key_fn fn);
int gk_el_bind(EditLine *el, const char *key, const char *command);
/// One `setty` setting, such as ("-d", "-isig"): no signal keys while editing.
int gk_el_setty(EditLine *el, const char *mode, const char *setting);
int gk_el_set_history(EditLine *el, History *h);

/// A history of at most `size` lines, without repeats.
History *gk_history_init(int size);
void gk_history_end(History *h);
int gk_history_enter(History *h, const char *line);
int gk_history_load(History *h, const char *path);
/// The history line `index` steps back from the newest (0 is the newest), or NULL past the oldest.
const char *gk_history_line(History *h, int index);
int gk_history_save(History *h, const char *path);

#endif
