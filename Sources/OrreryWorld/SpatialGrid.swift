/// A uniform grid over the world rectangle, rebuilt from the entity store by a counting sort.
///
/// Each cell lists the live entities whose position lies in it (with a copy of their position, id, radius and
/// flags at build time), in ascending slot (= id) order.
/// Rebuilding costs O(entities + cells) and allocates nothing once the buffers have grown.
struct SpatialGrid: Sendable {
    /// Side of one square cell in subunits.
    let cellSize: Int32
    let columns: Int
    let rows: Int
    /// `cellStart[c] ..< cellStart[c + 1]` are the indices in `items` of cell `c`.
    private(set) var cellStart: [Int32]
    private(set) var items: [GridItem] = []
    private var cellOfSlot: [Int32] = []
    /// The store's record count when the grid was last built; slots at or above it were spawned since.
    private(set) var builtCount = 0

    init(width: Int32, height: Int32, cellSize: Int32) {
        self.cellSize = cellSize
        columns = Int((Int64(width) + Int64(cellSize) - 1) / Int64(cellSize))
        rows = Int((Int64(height) + Int64(cellSize) - 1) / Int64(cellSize))
        cellStart = [Int32](repeating: 0, count: columns * rows + 1)
    }

    /// The cell index of a position inside the world.
    func cell(x: Int32, y: Int32) -> Int {
        let column = min(max(Int(x / cellSize), 0), columns - 1)
        let row = min(max(Int(y / cellSize), 0), rows - 1)
        return row * columns + column
    }

    /// The inclusive column and row ranges of cells overlapping the rectangle, clamped to the world.
    func cells(minX: Int64, minY: Int64, maxX: Int64, maxY: Int64)
        -> (columns: ClosedRange<Int>, rows: ClosedRange<Int>)? {
        let size = Int64(cellSize)
        let c0 = max(minX / size, 0)
        let r0 = max(minY / size, 0)
        let c1 = min(maxX / size, Int64(columns - 1))
        let r1 = min(maxY / size, Int64(rows - 1))
        guard maxX >= 0, maxY >= 0, c0 <= c1, r0 <= r1 else { return nil }
        return (Int(c0)...Int(c1), Int(r0)...Int(r1))
    }

    /// Squared distance from a point to the nearest point of a cell (0 when inside).
    func squaredDistance(fromCellColumn column: Int, row: Int, toX x: Int64, y: Int64) -> Int64 {
        let size = Int64(cellSize)
        let left = Int64(column) * size
        let bottom = Int64(row) * size
        let dx = x < left ? left - x : (x >= left + size ? x - (left + size - 1) : 0)
        let dy = y < bottom ? bottom - y : (y >= bottom + size ? y - (bottom + size - 1) : 0)
        return dx * dx + dy * dy
    }

    /// Rebuilds the grid from the live records of `store`.
    mutating func rebuild(from store: EntityStore) {
        let count = store.count
        for index in cellStart.indices { cellStart[index] = 0 }
        cellOfSlot.removeAll(keepingCapacity: true)
        var live = 0
        let records = store.records
        for slot in 0..<count {
            let record = records[slot]
            if record.isDead {
                cellOfSlot.append(-1)
                continue
            }
            let cell = cell(x: record.state.x, y: record.state.y)
            cellOfSlot.append(Int32(cell))
            cellStart[cell] += 1
            live += 1
        }
        let cellCount = cellStart.count - 1
        for index in 1..<cellCount { cellStart[index] += cellStart[index - 1] }
        cellStart[cellCount] = Int32(live)
        if items.count < live {
            let blank = GridItem(x: 0, y: 0, id: 0, slot: 0, radius: 0, flags: 0)
            items.append(contentsOf: repeatElement(blank, count: live - items.count))
        }
        // Placing slots in reverse leaves each cellStart[c] at the start of cell c, slots ascending within it.
        for slot in stride(from: count - 1, through: 0, by: -1) {
            let cell = Int(cellOfSlot[slot])
            guard cell >= 0 else { continue }
            cellStart[cell] -= 1
            let state = records[slot].state
            items[Int(cellStart[cell])] = GridItem(x: state.x, y: state.y, id: state.id, slot: Int32(slot),
                                                   radius: state.radius, flags: records[slot].flags)
        }
        builtCount = count
    }
}
