// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gesprek",
    products: [
        .library(name: "GesprekKit", targets: ["GesprekKit"]),
        .executable(name: "gesprek", targets: ["gesprek"]),
        // The C interface (Sources/GesprekC/include/gesprek.h): libGesprekC.so, for hosts in C, Python, C#, Java.
        .library(name: "GesprekC", type: .dynamic, targets: ["GesprekC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 for the transcript's hash chain; ChaCha20-Poly1305 and scrypt for encryption at rest.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // `./dev docs`: DocC documentation of GesprekKit's public API (a build-time plugin only).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The whole language, session, transcript and summary logic. No terminal code.
        .target(name: "GesprekKit", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            // scrypt, the slow password KDF for encrypted transcripts.
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // The system's libedit, loaded with dlopen only when a line editor is made (docs/development.md,
        // "libedit only for the line editor"): nothing links it. Its header <histedit.h> is a build dependency (Debian: libedit-dev).
        .target(name: "CLibedit"),
        .target(name: "LineEditing", dependencies: ["CLibedit"]),
        // The commit gesprek was built from, for `gesprek --version`: commit.h, written by ./dev (git ignores it).
        .target(name: "BuildStamp"),
        // The command line and the REPL on top of it.
        .executableTarget(
            name: "gesprek",
            dependencies: [
                "GesprekKit",
                "LineEditing",
                "BuildStamp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                // Start-up time (docs/development.md, "Start-up"). The static Swift runtime links programs with
                // -export-dynamic, which puts every symbol of every module (12,000) in the dynamic symbol table:
                // the loader then searches them for each symbol the shared libraries bind. Nothing looks gesprek's
                // own symbols up at run time, so they stay out.
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
                // Release builds link with lld, which packs the 53,000 relative relocations (DT_RELR, glibc 2.36)
                // into 10 KB that the loader applies faster than the 1.3 MB of RELA entries gold writes.
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                    .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // The C interface on top of GesprekKit: JSON in, JSON out (docs/embedding.md).
        .target(name: "GesprekC", dependencies: ["GesprekKit"], exclude: ["include", "gesprek-c.schema.json"]),
        // How a host application embeds the interpreter; run by the tests.
        .executableTarget(name: "embedding-example", dependencies: ["GesprekKit"], path: "Examples/Embedding"),
        // In-process benchmarks; `./dev bench` runs them with the end-to-end ones.
        .executableTarget(name: "gesprek-bench", dependencies: ["GesprekKit"], path: "Benchmarks/InProcess"),
        .testTarget(name: "GesprekKitTests", dependencies: ["GesprekKit"], exclude: ["Fixtures"]),
    ]
)
