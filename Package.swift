// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "incident",
    products: [
        .executable(name: "incident", targets: ["incident"]),
        .library(name: "IncidentKit", targets: ["IncidentKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "IncidentKit",
            dependencies: [
                "CCmark",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(name: "TemplateEmbedder"),
        .executableTarget(name: "IncidentBench", dependencies: ["IncidentKit"]),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["TemplateEmbedder"]),
        .executableTarget(
            name: "incident",
            dependencies: [
                "IncidentKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "IncidentKitTests",
            dependencies: [
                "IncidentKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "incidentTests", dependencies: ["incident", "IncidentKit"], exclude: ["Support"]),
    ],
    swiftLanguageModes: [.v6]
)
