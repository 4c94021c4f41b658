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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in the graph through Hummingbird and PostgresNIO; named because we import them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Bottom layer: errors, documents, progress reporting.
        .target(name: "Core"),
        // Engines and schemes.
        .target(name: "Classifications", dependencies: ["Core"]),
        .target(name: "TextAnalysis", dependencies: ["Core"]),
        .target(name: "Learning", dependencies: ["Core"]),
        // C shim over libpng, libjpeg, giflib and librsvg (Debian: libpng-dev libjpeg-dev libgif-dev librsvg2-dev).
        .target(
            name: "CImage",
            dependencies: ["CRSVG"],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("gif")]
        ),
        // librsvg and cairo through pkg-config, for the CImage shim only.
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // Engine: image decoding with limits, pre-processing, descriptors.
        .target(name: "Imaging", dependencies: ["Core", "CImage"]),
        // Storage: portable SQL over a seam, with SQLite (GRDB) and PostgreSQL (PostgresNIO) behind it.
        .target(
            name: "Storage",
            dependencies: [
                "Core",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Services.
        .target(
            name: "PatentClassification",
            dependencies: ["Core", "Classifications", "TextAnalysis", "Learning"]
        ),
        .target(name: "Conversation", dependencies: ["Core", "Storage"]),
        .target(name: "Consultation", dependencies: ["Core", "Storage"]),
        .target(name: "Initiatives", dependencies: ["Core", "Storage"]),
        .target(name: "TrademarkSearch", dependencies: ["Core", "Storage", "Imaging", "Classifications"]),
        // Engine: the patent query language and the positional inverted index.
        .target(name: "PatentSearch", dependencies: ["Core", "Classifications"]),
        // Service: landscapes — taxonomies, corpus analytics, reports.
        .target(
            name: "Landscape",
            dependencies: ["Core", "Classifications", "PatentSearch", "Storage"],
            resources: [.copy("Resources")]
        ),
        // The HTTP service: API, web pages, accounts, background jobs.
        .target(
            name: "Server",
            dependencies: [
                "Core", "Classifications", "PatentClassification", "Storage", "Conversation", "Consultation", "Initiatives",
                "TrademarkSearch", "Imaging", "PatentSearch", "Landscape",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")]
        ),
        // Thin executable: argument parsing and output formatting only.
        .executableTarget(
            name: "ipai",
            dependencies: [
                "Core", "Classifications", "PatentClassification", "Server", "TrademarkSearch", "Imaging", "Storage",
                "PatentSearch", "Landscape",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(name: "ClassificationsTests", dependencies: ["Classifications"]),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning"]),
        .testTarget(name: "PatentClassificationTests", dependencies: ["PatentClassification"]),
        // Fresh SQLite and PostgreSQL databases for the storage-backed test targets.
        .target(name: "TestSupport", dependencies: ["Core", "Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "Storage", "Core", "TestSupport"]),
        .testTarget(name: "ConsultationTests", dependencies: ["Consultation", "Storage", "Core", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "Core"]),
        .testTarget(name: "TrademarkSearchTests", dependencies: ["TrademarkSearch", "Imaging", "Storage", "Core", "Classifications", "TestSupport"]),
        .testTarget(name: "PatentSearchTests", dependencies: ["PatentSearch", "Core", "Classifications"]),
        .testTarget(name: "LandscapeTests", dependencies: ["Landscape", "PatentSearch", "Storage", "Core", "TestSupport"]),
        .testTarget(name: "InitiativesTests", dependencies: ["Initiatives", "Storage", "Core", "TestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "Storage", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(name: "CLITests", dependencies: ["ipai", "TestSupport"]),
    ]
)
