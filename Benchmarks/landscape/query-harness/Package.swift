// swift-tools-version: 6.2
// A release-mode harness for the PatentSearch index benchmark, out of the main build: it compiles the engine's
// own sources (Core, Classifications, PatentSearch, through symbolic links) with no other dependency.
// Driven by ../query-benchmark; not a product.
import PackageDescription

let package = Package(
    name: "QueryHarness",
    platforms: [.macOS(.v15)],
    targets: [
        .target(name: "Core", path: "Sources/Core"),
        .target(name: "Classifications", dependencies: ["Core"], path: "Sources/Classifications"),
        .target(name: "PatentSearch", dependencies: ["Core", "Classifications"], path: "Sources/PatentSearch"),
        .executableTarget(name: "QueryHarness", dependencies: ["Core", "PatentSearch"], path: "Sources/QueryHarness"),
    ]
)
