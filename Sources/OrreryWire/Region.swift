/// A spectator's view rectangle in subunits: `x ≤ px < x + width`, `y ≤ py < y + height`.
public struct Region: Hashable, Sendable {
    public var x: Int32
    public var y: Int32
    /// Width in subunits, at least 1.
    public var width: Int32
    /// Height in subunits, at least 1.
    public var height: Int32

    public init(x: Int32, y: Int32, width: Int32, height: Int32) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
