/// A character cell on the map: column from the left, row from the top, both from 0.
public struct CellPosition: Hashable, Sendable {
    public var column: Int
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}
