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
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Domain rules: plain Swift, no framework import.
        .target(name: "SafeguardingDomain", swiftSettings: strict),
        // SVG charts, their PNG pictures, and the yearly report as HTML and Markdown.
        .target(name: "SafeguardingRendering", dependencies: ["SafeguardingDomain"], swiftSettings: strict),
        // Fluent models, migrations, queries, demo data.
        .target(
            name: "SafeguardingPersistence",
            dependencies: [
                "SafeguardingDomain",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            // Official statistics the demo partnership needs (scripts/make-demo-data cuts them; OGL v3.0).
            resources: [.copy("Resources/demo")],
            swiftSettings: strict
        ),
        // Office files: reads .xlsx data returns and writes the .docx yearly report.
        .target(
            name: "SafeguardingOffice",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Routes, controllers, views, API, sign-in.
        .target(
            name: "SafeguardingWeb",
            dependencies: [
                "SafeguardingDomain", "SafeguardingRendering", "SafeguardingPersistence", "SafeguardingOffice",
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        // The command line's subcommands, as a library so tests can run them.
        .target(
            name: "SafeguardingCommands",
            dependencies: [
                "SafeguardingWeb", "SafeguardingPersistence", "SafeguardingDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        // The thin executable: it only hands over to SafeguardingCommands.
        .executableTarget(
            name: "safeguarding",
            dependencies: [
                "SafeguardingCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
                "SafeguardingWeb", "SafeguardingPersistence", "SafeguardingCommands",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
    ]
)
