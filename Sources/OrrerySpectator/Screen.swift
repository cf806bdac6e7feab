import OrreryPosix

/// A full screen of character cells, every line exactly `size.columns` wide.
public struct Screen: Hashable, Sendable {
    /// Columns and rows.
    public let size: TerminalSize
    private var cells: [Character]

    /// A blank screen.
    public init(size: TerminalSize) {
        self.size = TerminalSize(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: " ", count: self.size.columns * self.size.rows)
    }

    /// The character at a cell (both coordinates must be on the screen).
    public subscript(column: Int, row: Int) -> Character {
        get { cells[index(column, row)] }
        set { cells[index(column, row)] = newValue }
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

    /// Every line, top to bottom, joined by newlines (the golden form used in tests).
    public var text: String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    private func index(_ column: Int, _ row: Int) -> Int {
        precondition(column >= 0 && column < size.columns && row >= 0 && row < size.rows, "cell off the screen")
        return row * size.columns + column
    }
}
