// swift-tools-version: 6.1
// A bare argument-parser tool with the same command tree as `incident` and no work in any command:
// the floor `bench/run.sh` compares `incident --help` with.
import PackageDescription

let package = Package(
    name: "bare-incident",
    dependencies: [.package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")],
    targets: [
        .executableTarget(name: "bare-incident", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ],
    swiftLanguageModes: [.v6]
)
