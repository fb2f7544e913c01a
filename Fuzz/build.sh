#!/usr/bin/env bash
# Builds the libFuzzer targets: Fuzz/.build/{language,transcript,caseload}-fuzzer.
# Each is GesprekKit's sources and one target file compiled as one module
# (so the target reaches internal API), with coverage for libFuzzer and
# AddressSanitizer for the unsafe-pointer code of the transcript reader.
#   Fuzz/build.sh [language|transcript|caseload]…      (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(language transcript caseload)
mkdir -p Fuzz/.build
# GesprekKit uses swift-crypto (the hash chain, encryption): build it with the package manager
# once, then compile against its modules and link its objects (BoringSSL's C++ parts need libstdc++).
echo "==> building swift-crypto (release)" >&2
swift build -c release --target CryptoExtras >&2
release=$(swift build -c release --show-bin-path)
mapfile -t crypto < <(find "$release"/{Crypto,CryptoExtras,CryptoBoringWrapper,CCryptoBoringSSL,CCryptoBoringSSLShims,CXKCP,CXKCPShims,SwiftASN1}.build \
    -name '*.o' 2>/dev/null)
# Compile a copy of the sources, so that editing them during the long build does not stop it.
snapshot=$PWD/Fuzz/.build/sources
rm -rf "$snapshot"
mkdir -p "$snapshot"
cp -R Sources/GesprekKit Fuzz/Targets "$snapshot/"
mapfile -t library < <(find "$snapshot/GesprekKit" -name '*.swift' | sort)
for target in "${targets[@]}"; do
    case "$target" in
    language) main=$snapshot/Targets/LanguageFuzz.swift ;;
    transcript) main=$snapshot/Targets/TranscriptFuzz.swift ;;
    caseload) main=$snapshot/Targets/CaseloadFuzz.swift ;;
    *) echo "unknown fuzz target: $target (language, transcript or caseload)" >&2; exit 64 ;;
    esac
    echo "==> building $target-fuzzer" >&2
    # -O: the speed of a release build; -g: lines in the stack trace of a crash.
    # The linker warns about every local ASan symbol it cannot export; those warnings mean nothing.
    # Run from Fuzz/.build, where swiftc leaves its module files.
    (cd Fuzz/.build && swiftc -module-name GesprekKit -package-name gesprek -parse-as-library -O -wmo -g -sanitize=fuzzer,address \
        -I "$release/Modules" "${library[@]}" "$snapshot/Targets/Exercise.swift" "$main" "${crypto[@]}" -lstdc++ \
        -o "$target-fuzzer") 2>&1 |
        { grep -v "warning: Cannot export local symbol" || true; } >&2
done
