// swift-tools-version:6.0
import Foundation
import PackageDescription

// Capture the flag on Orrery: a package of its own that uses Orrery's library products only.
// Orrery is the repository two levels up; SwiftPM names a path dependency after its folder, hence `orrery`.
let orreryPath = "../.."
let orrery = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(orreryPath)
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "CaptureTheFlag",
    dependencies: [.package(path: orreryPath)],
    targets: [
        .target(
            name: "CaptureTheFlag",
            dependencies: [.product(name: "OrreryWorld", package: orrery)]
        ),
        .target(
            name: "CaptureTheFlagBots",
            dependencies: ["CaptureTheFlag", .product(name: "OrreryBots", package: orrery),
                           .product(name: "OrreryClient", package: orrery), .product(name: "OrreryWire", package: orrery)]
        ),
        .executableTarget(
            name: "capture-the-flag",
            dependencies: ["CaptureTheFlag", "CaptureTheFlagBots", .product(name: "OrreryServer", package: orrery),
                           .product(name: "OrreryBots", package: orrery)]
        ),
        .testTarget(
            name: "CaptureTheFlagTests",
            dependencies: ["CaptureTheFlag", "CaptureTheFlagBots", .product(name: "OrreryWorld", package: orrery),
                           .product(name: "OrreryWire", package: orrery),
                           .product(name: "OrreryTesting", package: orrery), .product(name: "OrreryBots", package: orrery),
                           .product(name: "OrreryClient", package: orrery)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
