// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Cheeseshop",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PythonPackaging", targets: ["PythonPackaging"]),
        .library(name: "IndexCore", targets: ["IndexCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // Debian's zlib (zlib1g-dev): DEFLATE for wheels and gzip for sdists, with our own caps.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Debian's libargon2 (libargon2-dev): Argon2id password hashes, PyPI's choice.
        .systemLibrary(
            name: "CArgon2",
            path: "Sources/CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        // Debian's cmark-gfm (libcmark-gfm-dev, libcmark-gfm-extensions-dev): GitHub Flavored Markdown.
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Long descriptions (READMEs) to safe HTML, as PyPI's readme_renderer: Markdown, RST, text.
        .target(name: "ReadmeRendering", dependencies: ["CCmarkGFM"]),
        // Pure packaging standards: names, versions, filenames, metadata, archives, hashes. No I/O.
        .target(
            name: "PythonPackaging",
            dependencies: [
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The domain: projects, releases, files, users, tokens, journal; the use cases; the ports.
        .target(
            name: "IndexCore",
            dependencies: [
                "PythonPackaging",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Security adapters behind IndexCore's ports: Argon2id password hashing, the
        // breached-password check, OIDC token verification against an issuer's JWKS.
        .target(
            name: "IndexSecurity",
            dependencies: [
                "IndexCore", "CArgon2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Blob stores: the local file system (default) and any S3-compatible endpoint (SigV4 on
        // AsyncHTTPClient).
        .target(
            name: "IndexStorage",
            dependencies: [
                "IndexCore", "PythonPackaging",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Outgoing notifications: purgers of the caches in front of the index (Fastly's API,
        // Varnish, a webhook) and release webhooks (the sender and the system resolver).
        .target(
            name: "IndexCDN",
            dependencies: [
                "IndexCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The IndexStore port on SQLite (embedded default) and PostgreSQL, with the same queries.
        .target(
            name: "IndexSQL",
            dependencies: [
                "IndexCore", "PythonPackaging",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The client side: the pull-through proxy of upstream indexes (and the pull mirror).
        .target(
            name: "IndexMirror",
            dependencies: [
                "IndexCore", "PythonPackaging",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Hummingbird: routes, content negotiation, rendering, auth, error mapping. Sees ports only.
        .target(
            name: "IndexHTTP",
            dependencies: [
                "IndexCore", "CZlib",
                "PythonPackaging",
                "ReadmeRendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The executable: configuration, wiring (the one composition root), CLI.
        .executableTarget(
            name: "cheeseshop",
            dependencies: [
                "IndexCore", "IndexSQL", "IndexStorage", "IndexHTTP", "IndexSecurity", "IndexCDN", "IndexMirror",
                "PythonPackaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // In-memory ports, fixture builders and a fixed clock, for tests only.
        .target(
            name: "IndexTesting",
            dependencies: ["IndexCore", "PythonPackaging"]
        ),
        // libFuzzer entry point (scripts/fuzz.sh); built normally it replays inputs from files.
        .executableTarget(
            name: "packaging-fuzz",
            dependencies: ["PythonPackaging"]
        ),
        .testTarget(
            name: "PythonPackagingTests",
            dependencies: ["PythonPackaging", "ReadmeRendering"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ReadmeRenderingTests", dependencies: ["ReadmeRendering"]),
        .testTarget(
            name: "IndexCoreTests",
            dependencies: ["IndexCore", "IndexTesting", "PythonPackaging"]
        ),
        .testTarget(
            name: "IndexHTTPTests",
            dependencies: [
                "IndexHTTP", "IndexCore", "IndexTesting", "IndexSecurity", "PythonPackaging",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IndexSQLTests",
            dependencies: [
                "IndexSQL", "IndexCore", "IndexTesting", "PythonPackaging",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "IndexSecurityTests",
            dependencies: [
                "IndexSecurity", "IndexCore", "IndexTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "IndexMirrorTests",
            dependencies: ["IndexMirror", "IndexCore", "IndexTesting", "PythonPackaging"]
        ),
        .testTarget(
            name: "IndexStorageTests",
            dependencies: [
                "IndexStorage", "IndexCore", "IndexTesting", "PythonPackaging",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
