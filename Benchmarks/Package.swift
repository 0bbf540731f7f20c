// swift-tools-version:6.0
// The speed-and-scale benchmark (issue #8), in a package of its own so the main build stays light (as
// swift-collections keeps its benchmarks). It does not depend on AssayKit: it measures the built `assay`
// executable from the outside, next to a parse-only floor (libxml2 through its own system-library module) and the
// Python peer. Run it with `swift run -c release assay-bench --sizes 1000,10000` from this folder.
import PackageDescription

let package = Package(
    name: "AssayBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .executableTarget(
            name: "assay-bench",
            dependencies: ["CLibXML2", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
