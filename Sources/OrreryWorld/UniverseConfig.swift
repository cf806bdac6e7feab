/// The shape and interest parameters of a universe.
public struct UniverseConfig: Equatable, Hashable, Sendable {
    /// Subunits per metre (positions are Q.8 fixed point).
    public static let subunitsPerMetre: Int32 = 256

    /// World width in subunits (default 2048 m). At most 2^30.
    public var width: Int32
    /// World height in subunits (default 2048 m). At most 2^30.
    public var height: Int32
    /// Ticks per second (informational for the world; rules use it to convert seconds; default 20).
    public var tickRate: Int
    /// View enter radius R in subunits (default 150 m).
    public var viewRadius: Int32
    /// View hysteresis h in subunits: an entity leaves at R + h (default 16 m).
    public var hysteresis: Int32
    /// Grid cell side in subunits; nil = half the leave radius R + h, rounded up.
    public var cellSize: Int32?
    /// Seed of the universe's random generator.
    public var seed: UInt64

    /// Creates a configuration; every parameter has a default.
    public init(width: Int32 = 2048 * 256, height: Int32 = 2048 * 256, tickRate: Int = 20,
                viewRadius: Int32 = 150 * 256, hysteresis: Int32 = 16 * 256, cellSize: Int32? = nil,
                seed: UInt64 = 1) {
        self.width = width
        self.height = height
        self.tickRate = tickRate
        self.viewRadius = viewRadius
        self.hysteresis = hysteresis
        self.cellSize = cellSize
        self.seed = seed
    }

    /// The leave radius R + h.
    public var leaveRadius: Int32 { viewRadius + hysteresis }

    /// The grid cell side actually used: `cellSize`, or half the leave radius, and never so small that the grid
    /// would exceed 4096 cells per side.
    public var effectiveCellSize: Int32 {
        let wanted = cellSize ?? (leaveRadius + 1) / 2
        let floor = (max(width, height) + 4095) / 4096
        return max(wanted, floor, 1)
    }

    /// Checks the configuration.
    public func validate() throws(UniverseConfigError) {
        let limit: Int32 = 1 << 30
        guard width > 0, width <= limit, height > 0, height <= limit else {
            throw .invalidBounds(width: width, height: height)
        }
        guard tickRate > 0 else { throw .invalidTickRate(tickRate) }
        guard viewRadius > 0, hysteresis >= 0, viewRadius <= limit / 2, hysteresis <= limit / 2 else {
            throw .invalidView(radius: viewRadius, hysteresis: hysteresis)
        }
        if let cellSize, cellSize <= 0 { throw .invalidCellSize(cellSize) }
    }
}
