import CaptureTheFlag
import OrreryTesting
import OrreryWorld

/// A small capture-the-flag universe (120 m × 60 m) driven directly, without a codec.
enum Match {
    static let config = UniverseConfig(width: 120 * 256, height: 60 * 256, viewRadius: 60 * 256,
                                       hysteresis: 4 * 256, seed: 7)
    static let redBase = (x: config.width / 8, y: config.height / 2)
    static let blueBase = (x: config.width - config.width / 8, y: config.height / 2)

    static func start(rules: CaptureRules = CaptureRules()) throws -> UniverseDriver {
        try UniverseDriver(config: config, rules: rules)
    }

    /// Runs the (red) player to the blue base until it carries the blue flag.
    static func takeBlueFlag(_ player: UInt32, in match: inout UniverseDriver) -> Bool {
        guard let flag = match.entities(ofKind: CaptureSchema.Kind.blueFlag).first else { return false }
        return match.run(drive: { $0.steer(player, toward: blueBase) }, until: {
            $0.property(CaptureSchema.carrier, of: flag.id) != .int(0)
        })
    }
}

extension UniverseDriver {
    func property(_ key: EntityProperty, of id: UInt32) -> PropertyValue? {
        universe.property(key, of: id)
    }
}
