// swift-tools-version:6.0
import PackageDescription

// Orrery: an authoritative multiplayer game state relay.
// No package dependencies: the toolchain's libraries and our own C shim only.
// Rooms and who may import whom: see README.md ("Architecture").
let package = Package(
    name: "Orrery",
    products: [
        .executable(name: "orrery", targets: ["orrery"]),
        .library(name: "OrreryWebSocket", targets: ["OrreryWebSocket"]),
        .library(name: "OrreryServer", targets: ["OrreryServer"]),
        .library(name: "OrreryWorld", targets: ["OrreryWorld"]),
        .library(name: "OrreryWire", targets: ["OrreryWire"]),
        .library(name: "OrreryClient", targets: ["OrreryClient"]),
        .library(name: "OrreryBots", targets: ["OrreryBots"]),
        .library(name: "OrreryArena", targets: ["OrreryArena"]),
        .library(name: "OrreryJournal", targets: ["OrreryJournal"]),
        .library(name: "OrreryTesting", targets: ["OrreryTesting"]),
    ],
    targets: [
        .executableTarget(
            name: "orrery",
            dependencies: ["OrreryServer", "OrreryProxy", "OrreryWorld", "OrreryArena", "OrreryWire", "OrreryNet",
                           "OrreryPosix", "OrreryWebSocket", "OrreryClient", "OrreryBots", "OrrerySpectator",
                           "OrreryJournal"]
        ),
        .testTarget(
            name: "orreryTests",
            dependencies: ["orrery", "OrreryServer", "OrreryArena", "OrreryProxy", "OrreryNet", "OrreryPosix",
                           "OrreryWebSocket", "OrreryJournal", "TestSupport"]
        ),
        .target(
            name: "OrreryDigest",
            dependencies: []
        ),
        .testTarget(
            name: "OrreryDigestTests",
            dependencies: ["OrreryDigest"]
        ),
        .target(
            name: "OrreryServer",
            dependencies: ["OrreryDigest", "OrreryWorld", "OrreryWire", "OrreryNet", "OrreryWebSocket", "OrreryPosix",
                           "OrreryWebView", "OrreryJournal"]
        ),
        .testTarget(
            name: "OrreryServerTests",
            dependencies: ["OrreryServer", "OrreryNet", "OrreryDigest", "OrreryWire", "OrreryWorld", "OrreryArena",
                           "OrreryClient", "OrreryJournal", "OrreryPosix", "TestSupport"]
        ),
        .target(
            name: "OrreryWire",
            dependencies: []
        ),
        .testTarget(
            name: "OrreryWireTests",
            dependencies: ["OrreryWire", "TestSupport"]
        ),
        .target(
            name: "OrreryClient",
            dependencies: ["OrreryWire", "OrreryNet", "OrreryWebSocket", "OrreryPosix", "OrreryDigest"]
        ),
        .testTarget(
            name: "OrreryClientTests",
            dependencies: ["OrreryClient", "OrreryWire"]
        ),
        .target(
            name: "OrreryWebSocket",
            dependencies: ["OrreryDigest"]
        ),
        .testTarget(
            name: "OrreryWebSocketTests",
            dependencies: ["OrreryWebSocket", "TestSupport"]
        ),
        .target(
            name: "CLinux"
        ),
        .target(
            name: "OrreryPosix",
            dependencies: ["CLinux"]
        ),
        .target(
            name: "OrreryNet",
            dependencies: ["OrreryPosix", "OrreryWebSocket", "OrreryDigest"]
        ),
        .testTarget(
            name: "OrreryPosixTests",
            dependencies: ["OrreryPosix"]
        ),
        .testTarget(
            name: "OrreryNetTests",
            dependencies: ["OrreryNet", "OrreryPosix", "OrreryWebSocket", "TestSupport"]
        ),
        .target(
            name: "OrreryRedis",
            dependencies: ["OrreryNet", "OrreryDigest"]
        ),
        .testTarget(
            name: "OrreryRedisTests",
            dependencies: ["OrreryRedis", "OrreryNet", "TestSupport"]
        ),
        .target(
            name: "OrreryCluster",
            dependencies: ["OrreryRedis"]
        ),
        .testTarget(
            name: "OrreryClusterTests",
            dependencies: ["OrreryCluster", "OrreryRedis", "OrreryNet", "TestSupport"]
        ),
        .target(
            name: "OrreryWorld",
            dependencies: []
        ),
        .testTarget(
            name: "OrreryWorldTests",
            dependencies: ["OrreryWorld", "OrreryArena"]
        ),
        .target(
            name: "OrreryJournal",
            dependencies: ["OrreryWorld", "OrreryDigest", "OrreryPosix"]
        ),
        .testTarget(
            name: "OrreryJournalTests",
            dependencies: ["OrreryJournal", "OrreryWorld", "OrreryArena", "OrreryDigest", "OrreryTesting",
                           "OrreryServer", "OrreryWire"]
        ),
        .target(
            name: "OrreryArena",
            dependencies: ["OrreryWorld"]
        ),
        .testTarget(
            name: "OrreryArenaTests",
            dependencies: ["OrreryArena", "OrreryWorld"]
        ),
        .target(
            name: "OrreryProxy",
            dependencies: ["OrreryNet", "OrreryDigest"]
        ),
        .testTarget(
            name: "OrreryProxyTests",
            dependencies: ["OrreryProxy", "OrreryNet", "OrreryPosix", "TestSupport"]
        ),
        .testTarget(
            name: "RelayTests",
            dependencies: ["OrreryServer", "OrreryNet", "OrreryWebSocket", "OrreryWire", "OrreryWorld", "OrreryArena",
                           "OrreryClient", "OrreryPosix", "TestSupport"]
        ),
        .testTarget(
            name: "GameCoreTests",
            dependencies: ["OrreryServer", "OrreryWorld", "OrreryArena", "OrreryWire", "OrreryClient"]
        ),
        .target(
            name: "OrreryBots",
            dependencies: ["OrreryClient", "OrreryWire", "OrreryNet", "OrreryPosix"],
            path: "Bots/Sources/OrreryBots"
        ),
        .testTarget(
            name: "OrreryBotsTests",
            dependencies: ["OrreryBots", "OrreryClient", "OrreryWire", "OrreryServer", "OrreryArena", "OrreryNet",
                           "OrreryPosix"],
            path: "Bots/Tests/OrreryBotsTests"
        ),
        .testTarget(
            name: "LatencyTests",
            dependencies: ["OrreryServer", "OrreryProxy", "OrreryClient", "OrreryBots", "OrreryNet", "OrreryPosix",
                           "OrreryWire", "OrreryWorld", "OrreryArena", "TestSupport"]
        ),
        .target(
            name: "OrrerySpectator",
            dependencies: ["OrreryClient", "OrreryWire", "OrreryPosix"]
        ),
        .testTarget(
            name: "OrrerySpectatorTests",
            dependencies: ["OrrerySpectator", "OrreryClient", "OrreryWire", "OrreryPosix"]
        ),
        .target(
            name: "OrreryWebView",
            dependencies: [],
            exclude: ["Assets"]
        ),
        .testTarget(
            name: "OrreryWebViewTests",
            dependencies: ["OrreryWebView"]
        ),
        .target(
            name: "OrreryTesting",
            dependencies: ["OrreryWorld", "OrreryBots", "OrreryServer", "OrreryClient", "OrreryWire"]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["OrreryNet", "OrreryPosix", "OrreryDigest", "OrreryRedis"],
            path: "Tests/TestSupport"
        ),
    ],
    swiftLanguageModes: [.v6]
)
