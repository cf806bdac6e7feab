import OrreryClient
import OrreryPosix

/// The part of the world shown on the map and how it maps to character cells.
///
/// A cell is `scale` subunits wide and `2 × scale` tall, because terminal cells are about twice as tall
/// as wide: a circle in the world stays round on screen. The scale comes from the map size and `zoom`:
/// at zoom 1 the whole world just fits (the initial view), at zoom 2 cells cover half as much, and so on.
/// World +y is up on screen. The map is the terminal minus the status line.
public struct Viewport: Hashable, Sendable {
    /// World width in subunits.
    public private(set) var worldWidth: Int32
    /// World height in subunits.
    public private(set) var worldHeight: Int32
    /// The world point at the centre of the map, in subunits.
    public private(set) var center: RenderPosition
    /// Magnification relative to the fit-whole-world view, within `zoomRange`.
    public private(set) var zoom: Double = 1
    /// The entity kept centred, if following.
    public private(set) var following: UInt32?

    /// Zoom changes by this factor per key press.
    public static let zoomStep = 2.0
    /// The allowed zoom: from the whole world to 1/1024 of it.
    public static let zoomRange = 1.0...1024.0
    /// A pan moves the centre by this fraction of the visible width or height.
    public static let panFraction = 0.25
    /// Height of a character cell relative to its width.
    public static let cellAspect = 2.0

    /// A view of a `worldWidth` × `worldHeight` world fitted to the map.
    public init(worldWidth: Int32, worldHeight: Int32) {
        self.worldWidth = max(1, worldWidth)
        self.worldHeight = max(1, worldHeight)
        center = RenderPosition(x: Double(self.worldWidth) / 2, y: Double(self.worldHeight) / 2)
    }

    /// Subunits per cell column on a map of `size` cells (cell rows are `cellAspect` times that).
    public func scale(for size: TerminalSize) -> Double {
        let columns = Double(max(1, size.columns))
        let rows = Double(max(1, size.rows))
        let fit = max(Double(worldWidth) / columns, Double(worldHeight) / (rows * Self.cellAspect))
        return fit / zoom
    }

    /// The cell showing world point `position` on a map of `size` cells, or nil when it is off the map.
    public func cell(for position: RenderPosition, size: TerminalSize) -> CellPosition? {
        let (column, row) = cellCoordinates(for: position, size: size)
        guard column >= 0, column < Double(size.columns), row >= 0, row < Double(size.rows) else { return nil }
        return CellPosition(column: Int(column), row: Int(row))
    }

    /// Column and row (whole numbers, possibly off the map) of the cell containing `position`. Like the
    /// world, a cell includes its lower and left edges: it covers [x, x + scale) × [y, y + 2 × scale).
    func cellCoordinates(for position: RenderPosition, size: TerminalSize) -> (column: Double, row: Double) {
        let scale = scale(for: size)
        let left = center.x - Double(size.columns) * scale / 2
        let top = center.y + Double(size.rows) * scale * Self.cellAspect / 2
        return (((position.x - left) / scale).rounded(.down),
                ((top - position.y) / (scale * Self.cellAspect)).rounded(.up) - 1)
    }

    /// Moves the view by `panFraction` of what is visible, within the world; stops following.
    public mutating func pan(_ direction: PanDirection, size: TerminalSize) {
        let scale = scale(for: size)
        let dx = Double(size.columns) * scale * Self.panFraction
        let dy = Double(size.rows) * scale * Self.cellAspect * Self.panFraction
        following = nil
        switch direction {
        case .left: moveCenter(to: RenderPosition(x: center.x - dx, y: center.y))
        case .right: moveCenter(to: RenderPosition(x: center.x + dx, y: center.y))
        case .up: moveCenter(to: RenderPosition(x: center.x, y: center.y + dy))
        case .down: moveCenter(to: RenderPosition(x: center.x, y: center.y - dy))
        }
    }

    /// Multiplies the zoom by `zoomStep` (in) or divides it (out), clamped to `zoomRange`; keeps the centre.
    public mutating func zoom(in zoomingIn: Bool) {
        let next = zoomingIn ? zoom * Self.zoomStep : zoom / Self.zoomStep
        zoom = min(max(next, Self.zoomRange.lowerBound), Self.zoomRange.upperBound)
    }

    /// Follows the player ship after the current one by ascending id (wrapping to the lowest), or stops
    /// following when `shipIds` is empty. `shipIds` need not be sorted.
    public mutating func followNext(among shipIds: some Sequence<UInt32>) {
        var lowest: UInt32?
        var next: UInt32?
        for id in shipIds {
            if lowest.map({ id < $0 }) ?? true { lowest = id }
            if let current = following, id > current, next.map({ id < $0 }) ?? true { next = id }
        }
        following = next ?? lowest
    }

    /// Centres the view on `position` (clamped to the world), e.g. the followed entity's.
    public mutating func moveCenter(to position: RenderPosition) {
        center = RenderPosition(x: min(max(position.x, 0), Double(worldWidth)),
                                y: min(max(position.y, 0), Double(worldHeight)))
    }
}
