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
            name: "OrreryWorld",
            dependencies: []
        ),
        .testTarget(
            name: "OrreryWorldTests",
            dependencies: ["OrreryWorld"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
