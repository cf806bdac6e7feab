import OrreryClient
import OrreryPosix

/// Draws the world border and the replica's entities, dead-reckoned to a fractional tick, onto the map
/// area of a screen. Keeps its per-cell scratch between frames.
public struct MapRenderer: Sendable {
    /// The glyphs drawn.
    public var glyphs: GlyphSet
    /// Per map cell: 0 when free, else (drawing rank + 1) << 32 | entity id of the glyph drawn there.
    private var claims: [UInt64] = []

    public init(glyphs: GlyphSet = .unicode) {
        self.glyphs = glyphs
    }

    /// Draws onto rows `0..<mapSize.rows` of `screen` and returns how many entities were on the map.
    /// Where entities share a cell the higher-ranked kind wins (see `GlyphSet`), then the higher id.
    public mutating func draw(_ replica: Replica, viewport: Viewport, atTick renderTick: Double,
                              mapSize: TerminalSize, into screen: inout Screen) -> Int {
        drawBorder(viewport: viewport, mapSize: mapSize, into: &screen)
        claims.removeAll(keepingCapacity: true)
        claims.append(contentsOf: repeatElement(0, count: mapSize.columns * mapSize.rows))
        var shown = 0
        for (id, entity) in replica.entities {
            guard let position = replica.position(of: id, atTick: renderTick),
                  let cell = viewport.cell(for: position, size: mapSize) else { continue }
            shown += 1
            let claim = (GlyphSet.drawingRank(of: entity.kind) + 1) << 32 | UInt64(id)
            let index = cell.row * mapSize.columns + cell.column
            guard claim > claims[index] else { continue }
            claims[index] = claim
            screen[cell.column, cell.row] = glyphs.glyph(for: entity)
        }
        return shown
    }

    /// Draws the edges of the world rectangle where they fall on the map.
    private func drawBorder(viewport: Viewport, mapSize: TerminalSize, into screen: inout Screen) {
        guard mapSize.columns > 0, mapSize.rows > 0 else { return }
        let lowCorner = RenderPosition(x: 0, y: 0)
        let highCorner = RenderPosition(x: Double(viewport.worldWidth - 1), y: Double(viewport.worldHeight - 1))
        let (left, bottom) = viewport.cellCoordinates(for: lowCorner, size: mapSize)
        let (right, top) = viewport.cellCoordinates(for: highCorner, size: mapSize)
        let columnRange = 0.0...Double(mapSize.columns - 1)
        let rowRange = 0.0...Double(mapSize.rows - 1)
        let firstColumn = Int(left.clamped(to: columnRange))
        let lastColumn = Int(right.clamped(to: columnRange))
        let firstRow = Int(top.clamped(to: rowRange))
        let lastRow = Int(bottom.clamped(to: rowRange))
        guard left <= columnRange.upperBound, right >= 0, top <= rowRange.upperBound, bottom >= 0 else { return }
        for row in [top, bottom] where rowRange.contains(row) {
            for column in firstColumn...lastColumn { screen[column, Int(row)] = glyphs.horizontalBorder }
        }
        for column in [left, right] where columnRange.contains(column) {
            for row in firstRow...lastRow {
                let onEdge = Double(row) == top || Double(row) == bottom
                screen[Int(column), row] = onEdge ? glyphs.borderCorner : glyphs.verticalBorder
            }
        }
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { min(max(self, range.lowerBound), range.upperBound) }
}
