// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "IPAI",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ipai", targets: ["ipai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Bottom layer: errors, documents, progress reporting.
        .target(name: "Core"),
        // Engines and schemes.
        .target(name: "Classifications", dependencies: ["Core"]),
        .target(name: "TextAnalysis", dependencies: ["Core"]),
        .target(name: "Learning", dependencies: ["Core"]),
        // Services.
        .target(
            name: "PatentClassification",
            dependencies: ["Core", "Classifications", "TextAnalysis", "Learning"]
        ),
        // Thin executable: argument parsing and output formatting only.
        .executableTarget(
            name: "ipai",
            dependencies: [
                "Core", "Classifications", "PatentClassification",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(name: "ClassificationsTests", dependencies: ["Classifications"]),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning"]),
        .testTarget(name: "PatentClassificationTests", dependencies: ["PatentClassification"]),
        .testTarget(name: "CLITests", dependencies: ["ipai"]),
    ]
)
