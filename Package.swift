// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Cheeseshop",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PythonPackaging", targets: ["PythonPackaging"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0")
    ],
    targets: [
        // Debian's zlib (zlib1g-dev): DEFLATE for wheels and gzip for sdists, with our own caps.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Pure packaging standards: names, versions, filenames, metadata, archives, hashes. No I/O.
        .target(
            name: "PythonPackaging",
            dependencies: [
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libFuzzer entry point (scripts/fuzz.sh); built normally it replays inputs from files.
        .executableTarget(
            name: "packaging-fuzz",
            dependencies: ["PythonPackaging"]
        ),
        .testTarget(
            name: "PythonPackagingTests",
            dependencies: ["PythonPackaging"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
