extension World {
    /// Calls `body` for every live entity whose circle overlaps the circle of `radius` around (x, y),
    /// found through the spatial grid (plus entities spawned or teleported since it was built).
    /// Order: grid cells row by row, ascending id within a cell, then recent spawns and teleports.
    public func forEachEntity<E: Error>(nearX x: Int32, y: Int32, radius: Int32,
                                        _ body: (EntityState) throws(E) -> Void) throws(E) {
        let cx = Int64(x)
        let cy = Int64(y)
        let reach = Int64(max(radius, 0)) + Int64(maxRadius)
        let records = store.records
        if let range = grid.cells(minX: cx - reach, minY: cy - reach, maxX: cx + reach, maxY: cy + reach) {
            let cellStart = grid.cellStart
            let items = grid.items
            for row in range.rows {
                for column in range.columns {
                    let cell = row * grid.columns + column
                    for index in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                        let record = records[Int(items[index].slot)]
                        if record.flags & (EntityRecord.deadFlag | World.teleportedFlag) != 0 { continue }
                        if overlaps(record.state, cx, cy, radius) { try body(record.state) }
                    }
                }
            }
        }
        for slot in teleportedSlots where !records[slot].isDead && overlaps(records[slot].state, cx, cy, radius) {
            try body(records[slot].state)
        }
        for slot in grid.builtCount..<records.count where !records[slot].isDead {
            if overlaps(records[slot].state, cx, cy, radius) { try body(records[slot].state) }
        }
    }

    /// Whether no live entity's circle overlaps the circle of `radius` around (x, y).
    public func isClear(x: Int32, y: Int32, radius: Int32) -> Bool {
        struct Found: Error {}
        do {
            try forEachEntity(nearX: x, y: y, radius: radius) { (_: EntityState) throws(Found) in throw Found() }
            return true
        } catch {
            return false
        }
    }

    /// A seeded random position at least `margin` from the walls where a circle of `clearance` overlaps nothing;
    /// after `attempts` failures, the last position tried. Refreshes the grid when many entities were spawned
    /// since it was built, so populating a large world stays linear.
    public mutating func randomFreeSpot(clearance: Int32, margin: Int32 = 0,
                                        attempts: Int = 16) -> (x: Int32, y: Int32) {
        if store.count - grid.builtCount > 256 || teleportedSlots.count > 256 { rebuildGrid() }
        let safeMargin = min(max(margin, 0), min(width, height) / 2 - 1)
        var spot = (x: Int32(0), y: Int32(0))
        for _ in 0..<max(attempts, 1) {
            spot = (random(in: safeMargin...(width - 1 - safeMargin)),
                    random(in: safeMargin...(height - 1 - safeMargin)))
            if isClear(x: spot.x, y: spot.y, radius: clearance) { break }
        }
        return spot
    }

    /// The next 64 random bits of the world's seeded generator.
    public mutating func randomBits() -> UInt64 {
        generator.next()
    }

    /// A uniform random value in `0..<bound` (0 when `bound` is 0).
    public mutating func random(below bound: UInt64) -> UInt64 {
        generator.next(below: bound)
    }

    /// A uniform random value in the closed range.
    public mutating func random(in range: ClosedRange<Int32>) -> Int32 {
        Int32(generator.next(in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// A uniform random heading.
    public mutating func randomHeading() -> UInt16 {
        UInt16(truncatingIfNeeded: generator.next() >> 48)
    }

    private func overlaps(_ state: EntityState, _ cx: Int64, _ cy: Int64, _ radius: Int32) -> Bool {
        let dx = Int64(state.x) - cx
        let dy = Int64(state.y) - cy
        let reach = Int64(max(radius, 0)) + Int64(state.radius)
        return dx * dx + dy * dy <= reach * reach
    }
}
