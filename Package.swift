// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    // Same compiler settings on every target: Swift 6 mode, strict concurrency, no warnings.
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Safeguarding",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "safeguarding", targets: ["safeguarding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    ],
    targets: [
        // Domain rules: plain Swift, no framework import.
        // The common-passwords list is Mark Burnett's 10,000 most common passwords (public domain), as SecLists ships it (MIT).
        .target(name: "SafeguardingDomain", resources: [.copy("Resources/common-passwords.txt")], swiftSettings: strict),
        // SVG charts, their PNG pictures, and the yearly report as HTML and Markdown.
        .target(name: "SafeguardingRendering", dependencies: ["SafeguardingDomain"], swiftSettings: strict),
        // Fluent models, migrations, queries, demo data.
        .target(
            name: "SafeguardingPersistence",
            dependencies: [
                "SafeguardingDomain",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Office files: reads .xlsx data returns and writes the .docx yearly report.
        .target(
            name: "SafeguardingOffice",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Use cases: the viewer resolved once, access and visibility applied once per module,
        // imports, report outputs, demo data. No web framework.
        .target(
            name: "SafeguardingApplication",
            dependencies: [
                "SafeguardingDomain", "SafeguardingRendering", "SafeguardingPersistence", "SafeguardingOffice",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The whole national official statistics every partnership starts from (scripts/make-official-data
            // packs them; OGL v3.0, see Resources/official/LICENCE.md and PROVENANCE.md).
            resources: [.copy("Resources/official")],
            swiftSettings: strict
        ),
        // Routes, sign-in, sessions, page views, the JSON API and its OpenAPI contract.
        .target(
            name: "SafeguardingWeb",
            dependencies: [
                "SafeguardingApplication", "SafeguardingDomain", "SafeguardingRendering", "SafeguardingPersistence",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("API/openapi.yaml")],
            swiftSettings: strict
        ),
        // The command line's subcommands other than `serve`, on the application layer alone.
        .target(
            name: "SafeguardingCommands",
            dependencies: [
                "SafeguardingApplication", "SafeguardingPersistence", "SafeguardingDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FluentKit", package: "fluent-kit"),
                // Only for Bcrypt, to hash the passwords of `user add` and `demo load`.
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        // The thin executable: the root command, and `serve`, the one subcommand that needs the web layer.
        .executableTarget(
            name: "safeguarding",
            dependencies: [
                "SafeguardingCommands", "SafeguardingWeb", "SafeguardingApplication", "SafeguardingPersistence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafeguardingOfficeTests",
            dependencies: ["SafeguardingOffice", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .testTarget(name: "SafeguardingDomainTests", dependencies: ["SafeguardingDomain", "SafeguardingRendering"], swiftSettings: strict),
        .testTarget(
            name: "SafeguardingAppTests",
            dependencies: [
                "SafeguardingWeb", "SafeguardingApplication", "SafeguardingPersistence", "SafeguardingDomain", "SafeguardingRendering",
                "SafeguardingOffice",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                // A small SMTP server inside the tests, for the mail client's real exchange.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
    ]
)
