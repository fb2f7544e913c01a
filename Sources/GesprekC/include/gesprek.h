/*
 * gesprek.h: the whole C interface of gesprek (libGesprekC).
 *
 * Build:  swift build -c release --product GesprekC   ->  .build/release/libGesprekC.so
 * Use:    cc host.c -I Sources/GesprekC/include -L .build/release -lGesprekC -Wl,-rpath,.build/release
 *
 * JSON in, JSON out. Every answer is one JSON object, in UTF-8, described by the JSON Schema
 * Sources/GesprekC/gesprek-c.schema.json; docs/embedding.md explains it with examples.
 *
 * Errors. A function that gives a string gives, when the call itself is wrong or fails,
 *     {"error": {"code": "...", "message": "...", "hint": "..." | null}}
 * instead of its usual answer. `code` is for programs and stays the same across versions:
 * null_argument, invalid_utf8, invalid_json, invalid_option, no_session, busy, invalid_cursor,
 * unknown_format, transcript_exists, cannot_create, cannot_sign, close_failed, not_saved, closing,
 * invalid_command, internal. `message` and `hint` are for people, in the session's language (Dutch
 * without one). close_failed and not_saved carry "unsaved" too: how many lines wait for the disk.
 * A line the language rejects is not an error of the call: gesprek_execute answers it with
 * "accepted": false and its diagnostics.
 *
 * Nothing passed in crashes the host: NULL, bytes that are not UTF-8, JSON that is not JSON or
 * not what is expected, a closed or made-up session handle, a cursor outside the line: each gives
 * an error value. (A pointer to freed or unmapped memory passed as a string cannot be checked.)
 *
 * Memory. Every `char *` a function returns is the caller's: free it with gesprek_free, and
 * only with gesprek_free. So is every `*error_json` set. The one exception is gesprek_version,
 * a static string. Strings passed in stay the caller's; gesprek copies what it keeps.
 *
 * Sessions and threads. There is no global state: sessions are independent, and several may
 * be open in one process, each used from any thread. Calls on one session are serialised (a
 * lock per session): two threads may call at once and one waits for the other. A host command
 * handler runs inside gesprek_execute, on the caller's thread; if it calls gesprek on the same
 * session, that call returns the error "busy" instead of deadlocking.
 *
 * Positions. Cursors (gesprek_complete, gesprek_inspect, "cursor_start"/"cursor_end") are byte
 * offsets into the line's UTF-8, from 0 to strlen(line). Diagnostics' "line" and "column" count
 * lines from 1 in the session and characters from 1 in the line, as a person sees them.
 *
 * Privacy. Lines are personal data. By default (option "show_input": false) no message,
 * hint or "rendered" text repeats what was typed, so that they may go to a log; with
 * "show_input": true they do, with the line and a caret, as the REPL shows them on a terminal.
 */
#ifndef GESPREK_H
#define GESPREK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A session: one conversation being recorded. Opaque; a handle, never dereferenced by the host. */
typedef struct gesprek_session gesprek_session;

/* gesprek's version, such as "0.1.0". Static: do not free. */
const char *gesprek_version(void);

/*
 * Starts a session. options_json is a JSON object, every key optional (NULL: all defaults):
 *   "transcript":   a path for a new transcript file (never overwritten; 0600, every line
 *                   synced before gesprek_execute returns), or null: in memory only
 *   "case", "advisor": strings;  "participants": ["Lisa:moeder", {"name": "Sem", "role": "zoon"}]
 *   "language":     "nl" (default) or "en": messages, help and summaries
 *   "encrypt":      false (default) or {"passphrase": "..."}: the transcript encrypted at rest
 *   "signing_key":  a folder holding the signing key of `gesprek key` (as ~/.config/gesprek),
 *                   made there on first use; null (default): a new key kept nowhere
 *   "show_input":   false (default) or true: see Privacy above
 * Unknown keys are an error. Returns the session, or NULL with *error_json set to an error
 * object (when error_json is not NULL). Close it with gesprek_close.
 */
gesprek_session *gesprek_open(const char *options_json, char **error_json);

/*
 * Interprets one line of the conversation language (without its newline), as `gesprek run`
 * does a script's line. Answers
 *   {"accepted": true|false,
 *    "event": the event recorded, as the transcript writes it (see Transcripts/transcript.schema.json) | null,
 *    "diagnostics": [{"severity": "error"|"warning", "line", "column", "length", "message", "hint", "rendered"}],
 *    "output": the text the command shows (summary, help, network, a host command) | null,
 *    "unsaved": how many lines wait in memory because the disk refused them (0 when all is well)}
 * An accepted event is in the transcript (synced, for a file) before this returns. When the disk
 * refuses it (full, quota, size limit, file removed), the line is recorded all the same and kept
 * in memory, with the warning "not on disk yet" among its diagnostics; every later call first
 * writes the waiting lines again, in order ("saved again" when all are written). gesprek_save
 * tries at once, or goes on in a new file.
 * After a failed gesprek_close this gives the error "closing" and records nothing.
 */
char *gesprek_execute(gesprek_session *session, const char *line);

/*
 * What Tab would offer at `cursor` (a UTF-8 byte offset) in `line`:
 *   {"matches": ["gezin.s1", ...], "cursor_start": byte offset, "cursor_end": byte offset,
 *    "insertion": what to insert at the cursor (the shared part, "" when ambiguous),
 *    "candidates": [{"word", "detail": the item's text, a command's purpose | null, "ends_word": bool}]}
 * A match replaces the bytes from cursor_start to cursor_end.
 */
char *gesprek_complete(gesprek_session *session, const char *line, size_t cursor);

/*
 * What the word at `cursor` (a UTF-8 byte offset) means: {"found": bool, "text": "..."}.
 * Item ids give the item's text and questionnaire; commands (the host's too) their help;
 * tags their dimension; network members what is known of them.
 */
char *gesprek_inspect(gesprek_session *session, const char *line, size_t cursor);

/*
 * The summary so far: {"format": ..., "text": ...}. format is "text" (NULL means "text", the
 * `summary` command's text), "md", "html" (a fragment), "json" (Transcripts/summary.schema.json
 * as a string), "ecogram" (the network, SVG) or "timeline" (the dimensions over time, SVG).
 */
char *gesprek_summary(gesprek_session *session, const char *format);

/*
 * About the session: {"version", "transcript": the file's path now | null, "session_id", "language",
 * "public_key": the signer's (hex), "events": how many recorded, "unsaved": lines waiting for
 * the disk, "closing": whether a gesprek_close failed, "commands": the host's command names}.
 */
char *gesprek_info(gesprek_session *session);

/*
 * A host command: gesprek calls `handler(context, invocation_json)` on the caller's thread
 * when a line starts with the command's name. invocation_json (valid during the call only):
 *   {"command", "text": the rest of the line, "words": [...], "dimensions": [...], "tags": [...],
 *    "line", "column"}
 * The handler returns a NUL-terminated JSON answer, one of
 *   {"record": {"text": "..." (default: the invocation's text), "fields": {"key": "value"}}}
 *   {"show": "text to show, nothing recorded"}
 *   {"error": "why the line is rejected", "hint": "what to do" | null}
 * or NULL (the line is rejected). gesprek reads the answer and then, when `release` is not
 * NULL, calls release(context, answer) to give it back (say, to free it); with NULL the
 * answer stays the host's. The handler must not call gesprek on the same session ("busy").
 * command_json: {"name": "afspraak", "usage": "afspraak DATUM [TEKST]", "help": "..."}.
 * Returns 0, or -1 with *error_json set (when not NULL): a name taken or not a word.
 */
typedef char *(*gesprek_host_handler)(void *context, const char *invocation_json);
typedef void (*gesprek_host_release)(void *context, char *answer);
int gesprek_register(gesprek_session *session, const char *command_json, gesprek_host_handler handler,
                     gesprek_host_release release, void *context, char **error_json);

/*
 * Writes the lines that wait for the disk (the REPL's automatic retry, and its `save PATH`).
 *   path NULL: into the session's transcript again, in order.
 *   path:      the whole transcript so far (header, every line, those waiting, a closing record
 *              already made) into a new file, which then takes the following lines; the old file
 *              is closed as it is. A path ending in "/", or an existing folder, gets a new file
 *              named as the transcripts folder names them (no names of people). Never
 *              overwritten; 0600, new folders 0700; an encrypted transcript stays encrypted under
 *              the same key. Also makes a file of a session in memory.
 * Answers {"transcript": the file's path now | null, "saved": how many lines that waited are
 * written now, "unsaved": 0}, or an error: "not_saved" (the transcript still refuses; its
 * "unsaved" says how many lines wait), "transcript_exists", "cannot_create" (the new file could
 * not be made or written whole; then it is removed again and nothing changes), "invalid_utf8".
 * Works on a session whose gesprek_close failed ("closing") as on an open one.
 */
char *gesprek_save(gesprek_session *session, const char *path);

/*
 * Ends the transcript with its closing record and frees the session: 0. The handle is then
 * invalid (calls with it give the error "no_session").
 * When lines cannot be written (the disk refuses them), -1 with *error_json set (when not NULL):
 * "close_failed", with "unsaved". The session is then "closing" and still the host's: the closing
 * record is made and waits in memory with the other unsaved lines, nothing is lost, and the handle
 * stays valid. gesprek_execute and gesprek_register give the error "closing"; gesprek_complete,
 * gesprek_inspect, gesprek_summary and gesprek_info work; gesprek_save writes the waiting lines
 * (again, or everything into a new file: a rescue copy). The host must end it with a gesprek_close
 * that succeeds (after gesprek_save, the new file is closed) or with gesprek_discard.
 */
int gesprek_close(gesprek_session *session, char **error_json);

/*
 * The last resort, for a session the disk refuses: closes it as gesprek_close does if it can, and
 * otherwise frees it all the same, the lines that wait lost and the transcript left as it is
 * (without its closing record: `gesprek verify` reports it incomplete). Returns how many lines were
 * lost (0: closed whole), or -1 with *error_json set (when not NULL) for a NULL or invalid
 * handle. The handle is invalid afterwards.
 */
int gesprek_discard(gesprek_session *session, char **error_json);

/* Frees a string gesprek returned. NULL is fine. */
void gesprek_free(char *text);

#ifdef __cplusplus
}
#endif

#endif /* GESPREK_H */
