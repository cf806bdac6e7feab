import OrreryClient
import OrreryPosix
import OrreryWire

/// Draws the world border and the replica's entities, dead-reckoned to a fractional tick, onto the map
/// area of a screen: with the glyphs, colours and labels the game's schema declares (version 2), or the arena's
/// glyphs without a schema. Keeps its per-cell scratch between frames.
public struct MapRenderer: Sendable {
    /// Labels are cut to this many characters.
    public static let maximumLabelLength = 10

    /// The glyphs drawn.
    public var glyphs: GlyphSet
    /// Whether entities are drawn in their schema colour (default true).
    public var colors: Bool
    /// Per map cell: 0 when free, else (drawing rank + 1) << 56 | radius (styled kinds) << 32 | entity id of the
    /// glyph drawn.
    private var claims: [UInt64] = []
    /// Entities with a label drawn this frame: (id, cell index, text, colour).
    private var labels: [(id: UInt32, cell: Int, text: String, color: UInt32)] = []
    /// Styles by kind code for the schema they were built from.
    private var styles: [WireKindStyle?] = []
    private var stylesSchema: SchemaMessage?

    public init(glyphs: GlyphSet = .unicode, colors: Bool = true) {
        self.glyphs = glyphs
        self.colors = colors
    }

    /// Draws onto rows `0..<mapSize.rows` of `screen` and returns how many entities were on the map.
    /// Where entities share a cell the higher-ranked kind wins (see `GlyphSet`), then (for styled kinds) the
    /// larger, then the higher id. Labels go right of their entity's glyph, into free cells only, in ascending entity id.
    public mutating func draw(_ replica: Replica, viewport: Viewport, atTick renderTick: Double,
                              mapSize: TerminalSize, into screen: inout Screen) -> Int {
        drawBorder(viewport: viewport, mapSize: mapSize, into: &screen)
        claims.removeAll(keepingCapacity: true)
        claims.append(contentsOf: repeatElement(0, count: mapSize.columns * mapSize.rows))
        labels.removeAll(keepingCapacity: true)
        updateStyles(replica.schema)
        var shown = 0
        for (id, entity) in replica.entities {
            guard let position = replica.position(of: id, atTick: renderTick),
                  let cell = viewport.cell(for: position, size: mapSize) else { continue }
            shown += 1
            let style = styles.isEmpty ? nil : styles[Int(entity.kind)]
            let rank = replica.schema == nil ? GlyphSet.drawingRank(of: entity.kind) : GlyphSet.drawingRank(of: style)
            let size = style == nil ? 0 : UInt64(min(max(entity.radius, 0), 0xFF_FFFF))
            let claim = (rank + 1) << 56 | size << 32 | UInt64(id)
            let index = cell.row * mapSize.columns + cell.column
            let color = colors ? style?.color ?? Screen.defaultColor : Screen.defaultColor
            if let style, style.label > 0, let value = replica.property(style.label - 1, of: id), !value.isDefault {
                labels.append((id, index, String(ValueText.text(value).prefix(Self.maximumLabelLength)), color))
            }
            guard claim > claims[index] else { continue }
            claims[index] = claim
            screen.put(glyphs.glyph(for: entity, style: style), color: color, column: cell.column, row: cell.row)
        }
        drawLabels(mapSize: mapSize, into: &screen)
        return shown
    }

    private mutating func updateStyles(_ schema: SchemaMessage?) {
        guard schema != stylesSchema else { return }
        stylesSchema = schema
        styles = schema.map { schema in
            var table = [WireKindStyle?](repeating: nil, count: 256)
            for style in schema.kinds { table[Int(style.code)] = style }
            return table
        } ?? []
    }

    private func drawLabels(mapSize: TerminalSize, into screen: inout Screen) {
        for label in labels.sorted(by: { $0.id < $1.id }) {
            let row = label.cell / mapSize.columns
            var column = label.cell % mapSize.columns + 1
            for character in label.text {
                guard column < mapSize.columns, claims[row * mapSize.columns + column] == 0,
                      screen[column, row] == " " else { break }
                screen.put(character, color: label.color, column: column, row: row)
                column += 1
            }
        }
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
