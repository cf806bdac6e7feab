// swift-tools-version:6.0
import Foundation
import PackageDescription

// A growth game (in the style of agar.io) on Orrery: a package of its own that uses Orrery's library products only.
// Orrery is the repository two levels up; SwiftPM names a path dependency after its folder, hence `orrery`.
let orreryPath = "../.."
let orrery = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(orreryPath)
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "Growth",
    dependencies: [.package(path: orreryPath)],
    targets: [
        .target(
            name: "Growth",
            dependencies: [.product(name: "OrreryWorld", package: orrery)]
        ),
        .target(
            name: "GrowthBots",
            dependencies: ["Growth", .product(name: "OrreryBots", package: orrery),
                           .product(name: "OrreryClient", package: orrery), .product(name: "OrreryWire", package: orrery)]
        ),
        .executableTarget(
            name: "growth",
            dependencies: ["Growth", "GrowthBots", .product(name: "OrreryServer", package: orrery),
                           .product(name: "OrreryBots", package: orrery)]
        ),
        .testTarget(
            name: "GrowthTests",
            dependencies: ["Growth", "GrowthBots", .product(name: "OrreryWorld", package: orrery),
                           .product(name: "OrreryWire", package: orrery), .product(name: "OrreryServer", package: orrery),
                           .product(name: "OrreryTesting", package: orrery), .product(name: "OrreryBots", package: orrery),
                           .product(name: "OrreryClient", package: orrery), .product(name: "OrreryJournal", package: orrery)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
