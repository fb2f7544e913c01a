#ifndef GESPREK_BUILD_STAMP_H
#define GESPREK_BUILD_STAMP_H

/// The commit gesprek was built from (`git rev-parse --short HEAD`, with
/// `-dirty` when the tree had changes), or "" when the build did not say
/// (a plain `swift build`). `./dev` writes it into commit.h before a build.
const char *gesprek_build_commit(void);

#endif
