// swift-tools-version:6.0
import PackageDescription

// Orrery: an authoritative multiplayer game state relay.
// No package dependencies: the toolchain's libraries and our own C shim only.
// Rooms and who may import whom: see README.md ("Architecture").
let package = Package(
    name: "Orrery",
    products: [
        .executable(name: "orrery", targets: ["orrery"]),
    ],
    targets: [
        .executableTarget(
            name: "orrery",
            dependencies: []
        ),
        .testTarget(
            name: "orreryTests",
            dependencies: ["orrery"]
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
            dependencies: ["OrreryPosix"]
        ),
        .testTarget(
            name: "OrreryPosixTests",
            dependencies: ["OrreryPosix"]
        ),
        .testTarget(
            name: "OrreryNetTests",
            dependencies: ["OrreryNet", "OrreryPosix"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
