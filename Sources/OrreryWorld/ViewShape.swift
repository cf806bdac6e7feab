/// The region an observer sees this tick, with its enter and leave boundaries.
enum ViewShape {
    /// A circle: enter at squared distance ≤ `enter`, stay while ≤ `leave` (64-bit squared subunits).
    case circle(x: Int64, y: Int64, radius: Int64, enter: Int64, leave: Int64)
    /// A rectangle: enter inside `inner`, stay while inside `outer` (inclusive bounds).
    case rectangle(inner: Bounds, outer: Bounds)
    /// Everything.
    case whole

    /// An inclusive axis-aligned rectangle in subunits.
    struct Bounds {
        var minX: Int64
        var minY: Int64
        var maxX: Int64
        var maxY: Int64

        func contains(_ x: Int64, _ y: Int64) -> Bool {
            x >= minX && x <= maxX && y >= minY && y <= maxY
        }
    }

    /// 0 outside the leave boundary, 1 inside it but outside the enter boundary, 2 inside the enter boundary.
    func classify(_ x: Int32, _ y: Int32) -> Int {
        switch self {
        case .circle(let cx, let cy, _, let enter, let leave):
            let dx = Int64(x) - cx
            let dy = Int64(y) - cy
            let distance = dx * dx + dy * dy
            return distance <= enter ? 2 : (distance <= leave ? 1 : 0)
        case .rectangle(let inner, let outer):
            let px = Int64(x)
            let py = Int64(y)
            return inner.contains(px, py) ? 2 : (outer.contains(px, py) ? 1 : 0)
        case .whole:
            return 2
        }
    }

    /// The bounding box of the leave boundary (nil for the whole world).
    var leaveBounds: Bounds? {
        switch self {
        case .circle(let x, let y, let radius, _, _):
            Bounds(minX: x - radius, minY: y - radius, maxX: x + radius, maxY: y + radius)
        case .rectangle(_, let outer):
            outer
        case .whole:
            nil
        }
    }
}
