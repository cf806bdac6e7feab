/// Entity records in one dense array kept sorted by id.
///
/// Ids are handed out in increasing order and new entities are appended, so the array stays sorted; removal is a
/// stable compaction once per tick. Lookup by id is a binary search; slot order is id order, which makes every
/// iteration deterministic.
struct EntityStore: Sendable {
    private(set) var records: [EntityRecord] = []
    /// Live entities per kind.
    private(set) var kindCounts = [Int](repeating: 0, count: 256)
    /// Whether any record is marked dead.
    private(set) var hasDead = false
    /// Records not marked dead.
    private(set) var liveCount = 0

    var count: Int { records.count }

    /// The slot of a live or dead entity with this id, or nil when it is not stored.
    func slot(of id: UInt32) -> Int? {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = records[middle].state.id
            if candidate == id { return middle }
            if candidate < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The slot of a live entity with this id.
    func liveSlot(of id: UInt32) -> Int? {
        guard let slot = slot(of: id), !records[slot].isDead else { return nil }
        return slot
    }

    mutating func append(_ record: EntityRecord) {
        records.append(record)
        kindCounts[Int(record.state.kind)] += 1
        liveCount += 1
    }

    subscript(slot: Int) -> EntityRecord {
        get { records[slot] }
        _modify { yield &records[slot] }
    }

    /// Marks an entity dead (it stays in its slot until `compact`).
    mutating func markDead(_ slot: Int) {
        records[slot].flags |= EntityRecord.deadFlag
        kindCounts[Int(records[slot].state.kind)] -= 1
        liveCount -= 1
        hasDead = true
    }

    /// Removes dead records, keeping the others in order.
    mutating func compact() {
        guard hasDead else { return }
        var write = 0
        for read in records.indices where !records[read].isDead {
            if write != read { records[write] = records[read] }
            write += 1
        }
        records.removeLast(records.count - write)
        hasDead = false
    }

    /// Clears every record's changed flag.
    mutating func clearChangedFlags() {
        for slot in records.indices {
            records[slot].flags &= ~EntityRecord.changedFlag
        }
    }
}
