/// Entity records in one dense array kept sorted by id.
///
/// Ids are handed out in increasing order and new entities are appended, so the array stays sorted; removal is a
/// stable compaction once per tick. Lookup by id is a binary search; slot order is id order, which makes every
/// iteration deterministic.
///
/// Entity properties live beside the records, `propertyCount` values per slot, with one change mask per slot;
/// a game without properties stores nothing and the loops over them are skipped.
struct EntityStore: Sendable {
    private(set) var records: [EntityRecord] = []
    /// Every property's default, indexed like `GameSchema.entityProperties`.
    let propertyDefaults: [PropertyValue]
    /// `propertyDefaults.count`.
    let propertyCount: Int
    /// The properties of slot s at `s * propertyCount ..< (s + 1) * propertyCount`.
    private(set) var propertyValues: [PropertyValue] = []
    /// Per slot, bit i: property i changed since the last view update (empty without properties).
    private(set) var propertyMasks: [UInt32] = []
    /// Whether any mask is non-zero.
    private var hasPropertyChanges = false
    /// Live entities per kind.
    private(set) var kindCounts = [Int](repeating: 0, count: 256)
    /// Whether any record is marked dead.
    private(set) var hasDead = false
    /// Records not marked dead.
    private(set) var liveCount = 0
    /// How many compactions removed records so far: a slot noted at one count is still valid at the same count.
    private(set) var compactions: UInt64 = 0
    /// Per slot before the last compaction, its slot after it (-1: removed).
    private(set) var slotMoves: [Int32] = []

    init(propertyDefaults: [PropertyValue] = []) {
        self.propertyDefaults = propertyDefaults
        propertyCount = propertyDefaults.count
    }

    var count: Int { records.count }

    /// Replaces every record and property (a restored snapshot); records must be live and sorted by id, with
    /// `propertyCount` values each.
    mutating func restore(records: [EntityRecord], propertyValues: [PropertyValue]) {
        self.records = records
        self.propertyValues = propertyValues
        propertyMasks = propertyCount > 0 ? [UInt32](repeating: 0, count: records.count) : []
        hasPropertyChanges = false
        hasDead = false
        liveCount = records.count
        kindCounts = [Int](repeating: 0, count: 256)
        for record in records { kindCounts[Int(record.state.kind)] += 1 }
    }

    /// The slot of a live or dead entity with this id, or nil when it is not stored.
    func slot(of id: UInt32) -> Int? {
        SortedIDSearch.index(of: id, in: records) { $0.state.id }
    }

    /// The slot of a live entity with this id.
    func liveSlot(of id: UInt32) -> Int? {
        guard let slot = slot(of: id), !records[slot].isDead else { return nil }
        return slot
    }

    mutating func append(_ record: EntityRecord) {
        precondition(records.count < 1 << 30, "too many entities in one universe")
        records.append(record)
        if propertyCount > 0 {
            propertyValues.append(contentsOf: propertyDefaults)
            propertyMasks.append(0)
        }
        kindCounts[Int(record.state.kind)] += 1
        liveCount += 1
    }

    subscript(slot: Int) -> EntityRecord {
        get { records[slot] }
        _modify { yield &records[slot] }
    }

    /// Property `index` of the entity in `slot`.
    func property(_ index: Int, slot: Int) -> PropertyValue {
        propertyValues[slot * propertyCount + index]
    }

    /// The properties of the entity in `slot`, indexed like the schema.
    func properties(slot: Int) -> ArraySlice<PropertyValue> {
        propertyValues[(slot * propertyCount)..<((slot + 1) * propertyCount)]
    }

    /// The properties changed since the last view update of the entity in `slot`.
    func changedProperties(slot: Int) -> UInt32 {
        propertyCount > 0 ? propertyMasks[slot] : 0
    }

    /// The properties of the entity in `slot` that are not their default.
    func nonDefaultProperties(slot: Int) -> PropertyMask {
        PropertyMask(nonDefault: properties(slot: slot))
    }

    /// Sets property `index` of the entity in `slot`; a value equal to the current one is no change.
    mutating func setProperty(_ index: Int, slot: Int, to value: PropertyValue) {
        let position = slot * propertyCount + index
        guard propertyValues[position] != value else { return }
        propertyValues[position] = value
        propertyMasks[slot] |= 1 << UInt32(index)
        records[slot].flags |= EntityRecord.propertiesChangedFlag
        hasPropertyChanges = true
    }

    /// Marks an entity dead (it stays in its slot until `compact`).
    mutating func markDead(_ slot: Int) {
        records[slot].flags |= EntityRecord.deadFlag
        kindCounts[Int(records[slot].state.kind)] -= 1
        liveCount -= 1
        hasDead = true
    }

    /// Removes dead records, keeping the others in order; `slotMoves` then maps the slots before it to those after.
    mutating func compact() {
        guard hasDead else { return }
        if propertyCount > 0 { compactProperties() }
        slotMoves.removeAll(keepingCapacity: true)
        var write = 0
        for read in records.indices {
            guard !records[read].isDead else {
                slotMoves.append(-1)
                continue
            }
            slotMoves.append(Int32(write))
            if write != read { records[write] = records[read] }
            write += 1
        }
        records.removeLast(records.count - write)
        hasDead = false
        compactions &+= 1
    }

    /// Clears every record's changed flags and property masks.
    mutating func clearChangedFlags() {
        for slot in records.indices {
            records[slot].flags &= ~EntityRecord.anyChangeFlags
        }
        if hasPropertyChanges {
            for slot in propertyMasks.indices { propertyMasks[slot] = 0 }
            hasPropertyChanges = false
        }
    }

    /// Removes the properties of dead records, keeping the others in order (before the records are compacted).
    private mutating func compactProperties() {
        var write = 0
        for read in records.indices where !records[read].isDead {
            if write != read {
                for index in 0..<propertyCount {
                    propertyValues.swapAt(write * propertyCount + index, read * propertyCount + index)
                }
                propertyMasks[write] = propertyMasks[read]
            }
            write += 1
        }
        propertyValues.removeLast(propertyValues.count - write * propertyCount)
        propertyMasks.removeLast(propertyMasks.count - write)
    }

    /// Moves every live entity by its velocity (`&+=`) and reflects it off the walls of `0..<width`,
    /// `0..<height` (a bounce negates the velocity component and marks it changed). Appends the moved ids.
    mutating func integrate(width: Int32, height: Int32, moved: inout [UInt32]) {
        for slot in records.indices {
            var record = records[slot]
            if record.isDead || (record.state.vx == 0 && record.state.vy == 0) { continue }
            record.state.x &+= record.state.vx
            record.state.y &+= record.state.vy
            if record.state.x < 0 || record.state.x >= width {
                record.state.x = EntityStore.reflect(record.state.x, within: width)
                record.state.vx = 0 &- record.state.vx
                record.flags |= EntityRecord.changedFlag
            }
            if record.state.y < 0 || record.state.y >= height {
                record.state.y = EntityStore.reflect(record.state.y, within: height)
                record.state.vy = 0 &- record.state.vy
                record.flags |= EntityRecord.changedFlag
            }
            records[slot] = record
            moved.append(record.state.id)
        }
    }

    /// Reflects a coordinate that left `0..<limit` back inside (about 0 or about `limit - 1`), clamped.
    static func reflect(_ value: Int32, within limit: Int32) -> Int32 {
        var reflected = Int64(value)
        let top = Int64(limit) - 1
        if reflected < 0 { reflected = -reflected } else if reflected > top { reflected = 2 * top - reflected }
        return Int32(min(max(reflected, 0), top))
    }
}
