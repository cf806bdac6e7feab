// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for Orrery's decoders and its per-universe session code. Separate from the main package so
// that `swift build` there never needs the fuzzer runtime: `scripts/fuzz` builds this one with
// `--sanitize=fuzzer --sanitize=address`, which instruments the Orrery rooms too (coverage and ASan).
// Each executable is one harness: libFuzzer's `main` calls its `LLVMFuzzerTestOneInput`.
let package = Package(
    name: "OrreryFuzz",
    dependencies: [
        .package(name: "Orrery", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .target(
            name: "MessageFuzzing",
            dependencies: ["FuzzSupport", .product(name: "OrreryWire", package: "Orrery")]
        ),
        .executableTarget(
            name: "FrameFuzzer",
            dependencies: ["FuzzSupport", .product(name: "OrreryWebSocket", package: "Orrery")]
        ),
        .executableTarget(
            name: "HTTPHeadFuzzer",
            dependencies: ["FuzzSupport", .product(name: "OrreryWebSocket", package: "Orrery")]
        ),
        .executableTarget(
            name: "ClientMessageFuzzer",
            dependencies: ["FuzzSupport", "MessageFuzzing"]
        ),
        .executableTarget(
            name: "ServerMessageFuzzer",
            dependencies: ["FuzzSupport", "MessageFuzzing"]
        ),
        .executableTarget(
            name: "TicketFuzzer",
            dependencies: ["FuzzSupport", .product(name: "OrreryServer", package: "Orrery")]
        ),
        .executableTarget(
            name: "UniverseHostFuzzer",
            dependencies: ["FuzzSupport", .product(name: "OrreryServer", package: "Orrery"),
                           .product(name: "OrreryWire", package: "Orrery"),
                           .product(name: "OrreryWorld", package: "Orrery"),
                           .product(name: "OrreryArena", package: "Orrery")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
