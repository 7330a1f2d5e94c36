// swift-tools-version: 6.1
//
// claimd: a news-to-timeline daemon. Targets are layered; every dependency
// points towards ClaimModel:
//
//   claimd, claimctl (executables)            claimd-train
//        │              │                           │
//   ClaimDaemon      ClaimClient                    │
//     │   │   │          │                          │
//     │   │  ClaimStore  │                          │
//     │  ClaimExtraction ─┼──────────── ClaimSyntax ─┘
//     └──────┴───────────┴── ClaimModel
import PackageDescription

let package = Package(
    name: "claimd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "claimd", targets: ["claimd"]),
        .executable(name: "claimctl", targets: ["claimctl"]),
        .executable(name: "claimd-train", targets: ["claimd-train"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure value types shared by every layer: documents, dates, actors, claims, events.
        .target(name: "ClaimModel"),

        // The control API's contract: routes, query parameters, request and response bodies,
        // error bodies and the OpenAPI document that describes them. Used by both ends.
        .target(
            name: "ClaimAPI",
            dependencies: ["ClaimModel"],
            resources: [.embedInCode("openapi.json")]
        ),

        // Part-of-speech tagging, lemmas and dependency parsing (UD), with the trained models
        // (Models/, from the UD English Web Treebank) and their training.
        .target(
            name: "ClaimSyntax",
            resources: [.copy("Models")]
        ),

        // Text in, events and claims out. No I/O, no clock, no globals.
        .target(
            name: "ClaimExtraction",
            dependencies: [
                "ClaimModel", "ClaimSyntax",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            exclude: ["Defaults/README.md"],
            resources: [
                .embedInCode("Defaults/actors.toml"),
                .embedInCode("Defaults/topics.toml"),
                .embedInCode("Resources/claim-confidence.toml"),
                .embedInCode("Resources/cues.toml"),
                .embedInCode("Resources/stance.toml"),
                .embedInCode("Resources/cameo.toml"),
                .embedInCode("Resources/voices.toml"),
            ]
        ),

        // Claims and events out, in the formats analysts use: CSV, JSONL, TimelineJS, discourse
        // networks as GraphML, a self-contained HTML timeline. Pure: data in, text out.
        .target(name: "ClaimExport", dependencies: ["ClaimModel"]),

        // The SQLite timeline store (GRDB): schema, migrations, queries.
        .target(
            name: "ClaimStore",
            dependencies: [
                "ClaimModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteConfig",
            ]
        ),
        // sqlite3_config, which is variadic: settings SQLite takes only before its first connection.
        .systemLibrary(name: "CSQLiteConfig", providers: [.apt(["libsqlite3-dev"])]),

        // libsystemd (journal, sd_notify, socket activation), libcrypto (SHA-256) and the glibc
        // headers the Glibc module leaves out (malloc_trim after a burst, prctl for workers).
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGlibcExtras"),

        // The daemon: inbox watcher, ingest pipeline, journal, control API.
        .target(
            name: "ClaimDaemon",
            dependencies: [
                "ClaimAPI", "ClaimModel", "ClaimExtraction", "ClaimSyntax", "ClaimStore", "CSystemd", "CCrypto", "CGlibcExtras",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // A small HTTP/1.1 client for the control socket, used by claimctl and the tests.
        .target(
            name: "ClaimClient",
            dependencies: [
                "ClaimAPI", "ClaimModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        .executableTarget(
            name: "claimd",
            dependencies: [
                "ClaimDaemon", "ClaimExtraction", "ClaimModel", "ClaimSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "claimctl",
            dependencies: [
                "ClaimAPI", "ClaimClient", "ClaimExport", "ClaimModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make train`: trains the tagger and parser on a treebank and writes their model files.
        .executableTarget(
            name: "claimd-train",
            dependencies: [
                "ClaimSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make bench`: a synthetic corpus and a measurement of every performance target.
        .executableTarget(
            name: "claimd-bench",
            dependencies: [
                "ClaimAPI", "ClaimExtraction", "ClaimModel", "ClaimStore", "ClaimSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "ClaimSyntaxTests", dependencies: ["ClaimSyntax"]),
        .testTarget(name: "ClaimExtractionTests", dependencies: ["ClaimExtraction", "ClaimModel", "ClaimSyntax"], exclude: ["Regressions"]),
        .testTarget(
            name: "ClaimStoreTests",
            dependencies: ["ClaimStore", "ClaimModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ClaimDaemonTests",
            dependencies: ["ClaimAPI", "ClaimDaemon", "ClaimModel", "ClaimStore", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "ClaimAPITests", dependencies: ["ClaimAPI", "ClaimModel"]),
        .testTarget(name: "ClaimExportTests", dependencies: ["ClaimExport", "ClaimModel"]),
        .testTarget(
            name: "ClaimdIntegrationTests",
            dependencies: ["ClaimAPI", "ClaimModel"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
