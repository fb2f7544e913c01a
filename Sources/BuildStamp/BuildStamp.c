#include "BuildStamp.h"

// commit.h is written by ./dev (start, package, bench, soak) and ignored by git;
// a plain `swift build` in a fresh clone has none, and the commit stays unknown.
#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef GESPREK_COMMIT
#define GESPREK_COMMIT ""
#endif

const char *gesprek_build_commit(void) { return GESPREK_COMMIT; }
