#!/usr/bin/env bash
# Builds dist/gesprek_VERSION_ARCH.deb: the release binary (static Swift runtime, stripped),
# the C interface (libGesprekC.so, gesprek.h, gesprek.pc), the man pages and the shell
# completions generated from that binary, and the README under /usr/share/doc/gesprek.
# ./dev package calls it (after stamping the commit); docs/packaging.md says what is inside.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "building gesprek for release (static Swift runtime)"
swift build -c release --static-swift-stdlib --product gesprek >&2
say "building the C interface libGesprekC.so for release"
# Its objects only: with --static-swift-stdlib SwiftPM cannot link the .so itself (see below), and
# without that flag it would compile every module once more, for the dynamic runtime.
swift build -c release --static-swift-stdlib --target GesprekC >&2

binary=.build/release/gesprek
version=$("$binary" --lang en --version | sed -n 's/^gesprek \([^ ]*\) (commit .*)$/\1/p')
[ -n "$version" ] || { echo "no version from $binary --version" >&2; exit 1; }
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo "$(uname -m)-linux-gnu")
# Dates and file times from the commit, so that the same commit gives the same package.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

stage=.build/package
root=$stage/root
rm -rf "$stage"
mkdir -p "$root/DEBIAN" dist

say "staging gesprek $version ($arch)"
install -D -m 0755 "$binary" "$root/usr/bin/gesprek"
strip --strip-all --remove-section=.comment --remove-section=.note "$root/usr/bin/gesprek"
# SwiftPM links every program with the runpath $ORIGIN; with the Swift runtime inside there is
# nothing beside it to find, and each shared library was first looked for in 13 folders under
# /usr/bin (docs/development.md, "Start-up").
patchelf --remove-rpath "$root/usr/bin/gesprek"

# SwiftPM links the Swift runtime statically into executables only: a libGesprekC.so of its own
# would need libswiftCore.so and libFoundation.so, which Debian does not have (and with
# --static-swift-stdlib it fails to link at all). So the library is linked here, with SwiftPM's
# own link command from its build manifest (the objects just built), plus -static-stdlib, and
# --exclude-libs=ALL and a version script so that the runtime and the Swift modules inside stay
# private to it: a host, even one with a Swift runtime of its own, sees the gesprek_* functions
# and no swift_* function of the runtime inside.
lib="$root/usr/lib/$multiarch"
mkdir -p "$lib"
python3 - "$lib/libGesprekC.so" "$stage/exports.map" <<'PYTHON'
import json, subprocess, sys
import os, shlex
manifest = open(".build/release.yaml", encoding="utf-8").read()
lines = manifest.splitlines()
# `swift build --target` does not write the product's list of objects that the link command reads
# (@…/Objects.LinkFileList): in a fresh clone it is missing, and after a source file was added it
# is out of date (the link then misses the new objects), so it is written here every time from the
# manifest's own entry for it, one object per line, quoted as SwiftPM quotes them.
for i, l in enumerate(lines):
    if l.strip().startswith('"') and l.strip().endswith('/GesprekC.product/Objects.LinkFileList":'):
        listed = l.strip()[1:-2]
        inputs = json.loads(lines[i + 2].split("inputs: ", 1)[1])
        os.makedirs(os.path.dirname(listed), exist_ok=True)
        open(listed, "w").write("".join(shlex.quote(path) + "\n" for path in inputs[1:]))
        break
line = next(l for l in manifest.splitlines() if l.strip().startswith("args: [") and "/libGesprekC.so\"," in l)
args = json.loads(line.split("args: ", 1)[1])
args[args.index("-o") + 1] = sys.argv[1]
# Without "-Xlinker -rpath=$ORIGIN": the installed library finds nothing beside itself.
cleaned = []
for a in args:
    if a == "-rpath=$ORIGIN" and cleaned[-1:] == ["-Xlinker"]:
        cleaned.pop()
        continue
    cleaned.append(a)
script = sys.argv[2]
open(script, "w").write("{ global: gesprek_*; local: *; };\n")
subprocess.run(cleaned + ["-static-stdlib", "-Xlinker", "--exclude-libs=ALL", "-Xlinker", f"--version-script={script}",
                          "-Xlinker", "-soname=libGesprekC.so"], check=True)
PYTHON
chmod 0644 "$lib/libGesprekC.so"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$lib/libGesprekC.so"
install -D -m 0644 Sources/GesprekC/include/gesprek.h "$root/usr/include/gesprek.h"
mkdir -p "$lib/pkgconfig"
cat >"$lib/pkgconfig/gesprek.pc" <<EOF
prefix=/usr
libdir=\${prefix}/lib/$multiarch
includedir=\${prefix}/include

Name: gesprek
Description: The C interface of gesprek: JSON in, JSON out (gesprek.h)
Version: $version
Libs: -L\${libdir} -lGesprekC
Cflags: -I\${includedir}
EOF

# The man pages, Dutch as the main ones and English under /usr/share/man/en, from the
# binary's own description of its commands (Packaging/manpages.py): never copied by hand.
python3 Packaging/manpages.py "$binary" "$root/usr/share/man/man1" --lang nl --date "$date"
python3 Packaging/manpages.py "$binary" "$root/usr/share/man/en/man1" --lang en --date "$date"
find "$root/usr/share/man" -name '*.1' -exec gzip -9n {} +

# The completions, from the binary (swift-argument-parser's --generate-completion-script).
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
# bash sources its completion, so the file starts without the #! line the generator writes.
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' >"$root/usr/share/bash-completion/completions/gesprek"
"$binary" --generate-completion-script zsh >"$root/usr/share/zsh/vendor-completions/_gesprek"
"$binary" --generate-completion-script fish >"$root/usr/share/fish/vendor_completions.d/gesprek.fish"

doc="$root/usr/share/doc/gesprek"
install -D -m 0644 README.md "$doc/README.md"
# No licence has been chosen for gesprek yet (there is no LICENSE file): the copyright file says so
# rather than invent one. A LICENSE file, once there, is installed here as it is.
if [ -f LICENSE ]; then
    install -m 0644 LICENSE "$doc/copyright"
else
    cat >"$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: gesprek
Comment: No licence has been chosen for gesprek yet; the repository has no LICENSE file.

Files: *
Copyright: the gesprek authors
License: none
 No licence has been granted yet.
EOF
fi
commit=$("$binary" --lang en --version | sed -n 's/.*(commit \(.*\))$/\1/p')
{
    printf 'gesprek (%s) unstable; urgency=medium\n\n' "$version"
    printf '  * Built from commit %s.\n\n' "$commit"
    printf ' -- gesprek <dev@gesprek.invalid>  %s\n' "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz"  # a native package (no Debian revision): changelog, not changelog.Debian

# Depends: what the binary and the library need, as Debian's packages with their versions
# (dpkg-shlibdeps reads the symbols files of the installed libraries; it wants a debian/ tree).
mkdir -p "$stage/debian"
printf 'Source: gesprek\n\nPackage: gesprek\nArchitecture: any\n' >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -e root/usr/bin/gesprek -e "root/usr/lib/$multiarch/libGesprekC.so" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p')
# libedit2 by hand: gesprek loads libedit.so.2 with dlopen when a line editor is made (the live session, train
# and annotate on a terminal; docs/development.md "libedit only for the line editor"), so it is not among the libraries the binary
# needs and dpkg-shlibdeps cannot see it. Without it those commands end with 69 and say what to install.
depends="libedit2, $depends"
# Packed relative relocations (lld's -z pack-relative-relocs, Package.swift) need a loader that reads
# them: glibc 2.36. The binary says so in a symbol version without symbols (GLIBC_ABI_DT_RELR), which
# no symbols file maps to a version, so dpkg-shlibdeps asks for less than the binary needs.
if readelf -V "$root/usr/bin/gesprek" | grep -q GLIBC_ABI_DT_RELR; then
    depends=$(printf '%s' "$depends" | sed -E 's/libc6 \(>= 2\.(3[0-5]|[12][0-9])[^)]*\)/libc6 (>= 2.36)/')
fi
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: gesprek
Version: $version
Architecture: $arch
Maintainer: gesprek <dev@gesprek.invalid>
Installed-Size: $installed_size
Depends: $depends
Section: utils
Priority: optional
Description: structured notes for conversations in Dutch youth care
 During a conversation an advisor keeps short notes in a line-editing REPL;
 gesprek orders them by the three dimensions of eigen kracht (competence,
 social, motivation) and writes every session as a signed, hash-chained
 JSON Lines transcript. Supervisors summarise, replay and export
 transcripts; trainers play and test scenarios.
 .
 The package holds the command gesprek, its man pages (Dutch, and English
 under /usr/share/man/en), completions for bash, zsh and fish, and the C
 interface libGesprekC.so with gesprek.h and gesprek.pc.
EOF
# Folders 0755 and files 0644 (0755 for the binary), whatever the umask of the build.
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr" -type f ! -path "*/usr/bin/*" -exec chmod 0644 {} +
chmod 0644 "$root/DEBIAN/control"
# A library in the loader's directories: ldconfig runs after installing or removing it.
echo "activate-noawait ldconfig" >"$root/DEBIAN/triggers"
chmod 0644 "$root/DEBIAN/triggers"

deb="dist/gesprek_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
say "$deb ($(du -h "$deb" | cut -f1); the binary $(du -h "$root/usr/bin/gesprek" | cut -f1))"
