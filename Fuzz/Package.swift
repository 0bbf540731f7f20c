// swift-tools-version:6.0
// libFuzzer targets, in a package of their own so the main build stays free of sanitizer flags. AssayKit and
// CLibXML2 are the main package's sources (symbolic links), compiled here with the fuzzer's instrumentation; the
// dependencies must match the main package's AssayKit target.
// Build and run with ./run-fuzzers.sh (it passes -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "AssayFuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "AssayKit",
            dependencies: [
                "CLibXML2", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .executableTarget(name: "FuzzNormalizer", dependencies: ["AssayKit"]),
        .executableTarget(name: "FuzzRuleLoader", dependencies: ["AssayKit"]),
    ],
    swiftLanguageModes: [.v6]
)
