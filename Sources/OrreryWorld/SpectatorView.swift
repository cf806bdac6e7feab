/// What a spectator watches instead of an avatar's circle.
public enum SpectatorView: Equatable, Hashable, Sendable {
    /// Every entity in the universe.
    case wholeWorld
    /// Entities inside the rectangle (inclusive bounds, subunits). They leave once outside it grown by the
    /// hysteresis on every side.
    case rectangle(minX: Int32, minY: Int32, maxX: Int32, maxY: Int32)
}
