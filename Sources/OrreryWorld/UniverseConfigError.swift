/// Why a `UniverseConfig` was rejected.
public enum UniverseConfigError: Error, Equatable, CustomStringConvertible {
    /// Width or height is not in 1...2^30.
    case invalidBounds(width: Int32, height: Int32)
    /// The tick rate is not positive.
    case invalidTickRate(Int)
    /// The view radius is not positive, or the hysteresis is negative (or either exceeds 2^29).
    case invalidView(radius: Int32, hysteresis: Int32)
    /// The grid cell size is not positive.
    case invalidCellSize(Int32)
    /// The rules' schema failed `GameSchema.validate()`.
    case invalidSchema(GameSchemaError)

    /// A sentence for logs and command-line errors.
    public var description: String {
        switch self {
        case .invalidBounds(let width, let height):
            "world bounds \(width)x\(height) subunits are not within 1...1073741824"
        case .invalidTickRate(let rate):
            "tick rate \(rate) must be positive"
        case .invalidView(let radius, let hysteresis):
            "view radius \(radius) must be positive and hysteresis \(hysteresis) non-negative (both ≤ 2^29)"
        case .invalidCellSize(let size):
            "grid cell size \(size) must be positive"
        case .invalidSchema(let error):
            "game schema: \(error)"
        }
    }
}
