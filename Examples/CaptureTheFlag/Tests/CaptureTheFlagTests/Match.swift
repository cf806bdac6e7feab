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
}

extension UniverseDriver {
    func property(_ key: EntityProperty, of id: UInt32) -> PropertyValue? {
        universe.property(key, of: id)
    }
}
