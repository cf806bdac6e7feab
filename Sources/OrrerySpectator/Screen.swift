import OrreryPosix

/// A full screen of character cells, every line exactly `size.columns` wide, each cell with an optional
/// foreground colour (0xRRGGBB; `Screen.defaultColor` for the terminal's own).
public struct Screen: Hashable, Sendable {
    /// The colour value of a cell drawn in the terminal's default foreground colour.
    public static let defaultColor = UInt32.max

    /// Columns and rows.
    public let size: TerminalSize
    private var cells: [Character]
    private var colors: [UInt32]
    /// Whether any cell has a colour (lines are then encoded with colour sequences).
    public private(set) var hasColor = false

    /// A blank screen.
    public init(size: TerminalSize) {
        self.size = TerminalSize(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: " ", count: self.size.columns * self.size.rows)
        colors = Array(repeating: Screen.defaultColor, count: cells.count)
    }

    /// The character at a cell (both coordinates must be on the screen).
    public subscript(column: Int, row: Int) -> Character {
        get { cells[index(column, row)] }
        set { cells[index(column, row)] = newValue }
    }

    /// The colour of a cell (both coordinates must be on the screen).
    public func color(column: Int, row: Int) -> UInt32 {
        colors[index(column, row)]
    }

    /// Sets a cell's character and colour.
    public mutating func put(_ character: Character, color: UInt32, column: Int, row: Int) {
        let at = index(column, row)
        cells[at] = character
        colors[at] = color
        if color != Screen.defaultColor { hasColor = true }
    }

    /// Writes `text` on `row` from `column`, cutting it at the right edge.
    public mutating func write(_ text: some StringProtocol, row: Int, column: Int = 0) {
        guard row >= 0, row < size.rows else { return }
        var position = column
        for character in text {
            guard position < size.columns else { return }
            if position >= 0 { self[position, row] = character }
            position += 1
        }
    }

    /// Line `row` as text, `size.columns` characters.
    public func line(_ row: Int) -> String {
        let start = row * size.columns
        return String(cells[start..<start + size.columns])
    }

    /// Line `row` with 24-bit colour sequences (SGR 38;2) before each run of one colour and a reset (SGR 39)
    /// after a coloured run; the plain `line(row)` when the screen has no colour.
    public func styledLine(_ row: Int) -> String {
        guard hasColor else { return line(row) }
        var output = ""
        var current = Screen.defaultColor
        for column in 0..<size.columns {
            let at = row * size.columns + column
            if colors[at] != current {
                current = colors[at]
                output += current == Screen.defaultColor ? "\u{1B}[39m"
                    : "\u{1B}[38;2;\(current >> 16 & 0xFF);\(current >> 8 & 0xFF);\(current & 0xFF)m"
            }
            output.append(cells[at])
        }
        if current != Screen.defaultColor { output += "\u{1B}[39m" }
        return output
    }

    /// Every line, top to bottom, joined by newlines (the golden form used in tests).
    public var text: String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    private func index(_ column: Int, _ row: Int) -> Int {
        precondition(column >= 0 && column < size.columns && row >= 0 && row < size.rows, "cell off the screen")
        return row * size.columns + column
    }
}
