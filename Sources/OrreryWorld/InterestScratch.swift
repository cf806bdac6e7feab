/// Reusable buffers for computing one observer's view after another, so a tick allocates nothing once warm.
///
/// No per-observer sort: every candidate (an entity inside the leave boundary) stamps its slot's mark with the
/// observer's generation, the old visible set (ascending) is walked against the marks, and only the entities that
/// newly entered, usually none or a few, are put in order (slot order is id order).
struct InterestScratch: Sendable {
    /// Per store slot: `generation << 3 | kept << 2 | changed << 1 | insideEnter` (changed: its motion or a
    /// property changed); a mark counts only while its generation is the current observer's.
    private var marks: [UInt64] = []
    private var generation: UInt64 = 0
    /// Slots of the candidates, in grid order.
    private var candidates: [Int32] = []
    /// The observer's new visible set, ascending, and the slots of its entities; swapped with the observer's own.
    var newVisible: [UInt32] = []
    var newSlots: [Int32] = []
    /// `slot << 32 | id` of the entities still in view, ascending, when some entered the view.
    private var kept: [UInt64] = []
    private var destroyed: [ViewEvent] = []
    private var disappeared: [UInt32] = []
    /// `slot << 32 | id` of the entities that entered the view.
    private var appeared: [UInt64] = []
    private var changed: [Int32] = []

    /// Marks the live entities inside the shape's leave boundary.
    mutating func gather(_ shape: ViewShape, in world: World) {
        generation &+= 1
        let stamp = generation << 3
        candidates.removeAll(keepingCapacity: true)
        let records = world.store.records
        if marks.count < records.count { marks.append(contentsOf: repeatElement(0, count: records.count - marks.count)) }
        guard let bounds = shape.leaveBounds else {
            for slot in records.indices {
                let changed: UInt64 = records[slot].flags & EntityRecord.anyChangeFlags != 0 ? 2 : 0
                marks[slot] = stamp | changed | 1
                candidates.append(Int32(slot))
            }
            return
        }
        let grid = world.grid
        guard let range = grid.cells(minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX, maxY: bounds.maxY)
        else { return }
        let cellStart = grid.cellStart
        let items = grid.items
        for row in range.rows {
            for column in range.columns {
                if case .circle(let x, let y, _, _, let leave) = shape,
                   grid.squaredDistance(fromCellColumn: column, row: row, toX: x, y: y) > leave {
                    continue
                }
                let cell = row * grid.columns + column
                for index in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                    let item = items[index]
                    let place = shape.classify(item.x, item.y)
                    if place > 0 {
                        let changed: UInt64 = item.flags & EntityRecord.anyChangeFlags != 0 ? 2 : 0
                        marks[Int(item.slot)] = stamp | changed | UInt64(place >> 1)
                        candidates.append(item.slot)
                    }
                }
            }
        }
    }

    /// Whether the observer sees `id` after the tick (`newVisible` is merged), or saw it when it was destroyed.
    func sees(_ id: UInt32, old: [UInt32], world: World) -> Bool {
        if SortedIDSearch.index(of: id, in: newVisible, id: { $0 }) != nil { return true }
        return world.destroyedRecord(of: id) != nil && SortedIDSearch.index(of: id, in: old, id: { $0 }) != nil
    }

    /// Walks the old visible set (ids ascending, with their slots as of `compactions` store compactions) against
    /// the marks into `newVisible`, `newSlots` and the per-kind event lists.
    mutating func merge(old: [UInt32], oldSlots: [Int32], compactions: UInt64, shape: ViewShape, world: World) {
        newVisible.removeAll(keepingCapacity: true)
        newSlots.removeAll(keepingCapacity: true)
        destroyed.removeAll(keepingCapacity: true)
        disappeared.removeAll(keepingCapacity: true)
        appeared.removeAll(keepingCapacity: true)
        changed.removeAll(keepingCapacity: true)
        let stamp = generation << 3
        let store = world.store
        let moves = store.slotMoves
        let moved = store.compactions != compactions
        let movedOnce = store.compactions == compactions &+ 1
        for index in old.indices {
            let id = old[index]
            var slot = Int(oldSlots[index])
            if moved { slot = movedOnce ? Int(moves[slot]) : store.liveSlot(of: id) ?? -1 }
            let mark = slot >= 0 ? marks[slot] : 0
            guard mark & ~7 == stamp else {
                removed(id, shape: shape, world: world)
                continue
            }
            marks[slot] = mark | 4
            newVisible.append(id)
            newSlots.append(Int32(slot))
            if mark & 2 != 0 { changed.append(Int32(slot)) }
        }
        let records = store.records
        var ascending = true
        for slot in candidates where marks[Int(slot)] & 5 == 1 {
            let key = UInt64(slot) << 32 | UInt64(records[Int(slot)].state.id)
            if let last = appeared.last, last > key { ascending = false }
            appeared.append(key)
        }
        guard !appeared.isEmpty else { return }
        if !ascending { SortKeys.sort(&appeared) }
        mergeAppeared()
    }

    /// Merges the entities that entered the view (`appeared`, ascending) into the kept ones in `newVisible`.
    private mutating func mergeAppeared() {
        kept.removeAll(keepingCapacity: true)
        for index in newVisible.indices {
            kept.append(UInt64(UInt32(bitPattern: newSlots[index])) << 32 | UInt64(newVisible[index]))
        }
        newVisible.removeAll(keepingCapacity: true)
        newSlots.removeAll(keepingCapacity: true)
        var keptIndex = 0
        var appearedIndex = 0
        while keptIndex < kept.count || appearedIndex < appeared.count {
            let key: UInt64
            if appearedIndex == appeared.count || (keptIndex < kept.count && kept[keptIndex] < appeared[appearedIndex]) {
                key = kept[keptIndex]
                keptIndex += 1
            } else {
                key = appeared[appearedIndex]
                appearedIndex += 1
            }
            newVisible.append(UInt32(truncatingIfNeeded: key))
            newSlots.append(Int32(truncatingIfNeeded: key >> 32))
        }
    }

    /// Appends the merged events in GAME_MODEL.md order (the avatar event, if any, is already in `buffer`).
    func emit(into buffer: inout [ViewEvent], world: World) {
        buffer.append(contentsOf: destroyed)
        for id in disappeared { buffer.append(.disappeared(id: id)) }
        let records = world.store.records
        for key in appeared { buffer.append(.appeared(records[Int(key >> 32)].state)) }
        guard world.store.propertyCount > 0 else {
            for slot in changed { buffer.append(.changed(records[Int(slot)].state.motion)) }
            return
        }
        for slot in changed where records[Int(slot)].isChanged {
            buffer.append(.changed(records[Int(slot)].state.motion))
        }
        for slot in changed where records[Int(slot)].hasChangedProperties {
            buffer.append(.properties(id: records[Int(slot)].state.id,
                                      changed: PropertyMask(rawValue: world.store.changedProperties(slot: Int(slot)))))
        }
    }

    /// A previously visible entity is no longer in view: destroyed if it died inside the leave boundary,
    /// otherwise disappeared.
    private mutating func removed(_ id: UInt32, shape: ViewShape, world: World) {
        if let record = world.destroyedRecord(of: id), shape.classify(record.state.x, record.state.y) > 0 {
            destroyed.append(.destroyed(id: id, reason: record.reason))
        } else {
            disappeared.append(id)
        }
    }
}
