/// Reusable buffers for computing one observer's view after another, so a tick allocates nothing once warm.
struct InterestScratch: Sendable {
    /// Entities inside the leave boundary: `id << 32 | slot << 2 | changed << 1 | insideEnter`, sorted
    /// (changed: its motion or a property changed).
    private var candidates: [UInt64] = []
    /// The observer's new visible set, ascending; swapped with the observer's own array.
    var newVisible: [UInt32] = []
    private var destroyed: [ViewEvent] = []
    private var disappeared: [UInt32] = []
    private var appeared: [Int32] = []
    private var changed: [Int32] = []

    /// Collects the live entities inside the shape's leave boundary, sorted by id.
    mutating func gather(_ shape: ViewShape, in world: World) {
        candidates.removeAll(keepingCapacity: true)
        let records = world.store.records
        guard let bounds = shape.leaveBounds else {
            for slot in records.indices {
                let changed: UInt64 = records[slot].flags & EntityRecord.anyChangeFlags != 0 ? 2 : 0
                candidates.append(UInt64(records[slot].state.id) << 32 | UInt64(slot) << 2 | changed | 1)
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
                        candidates.append(UInt64(item.id) << 32 | UInt64(item.slot) << 2 | changed | UInt64(place >> 1))
                    }
                }
            }
        }
        SortKeys.sort(&candidates)
    }

    /// Whether the observer sees `id` after the tick (`newVisible` is merged), or saw it when it was destroyed.
    func sees(_ id: UInt32, old: [UInt32], world: World) -> Bool {
        if SortedIDSearch.index(of: id, in: newVisible, id: { $0 }) != nil { return true }
        return world.destroyedRecord(of: id) != nil && SortedIDSearch.index(of: id, in: old, id: { $0 }) != nil
    }

    /// Merges the candidates with the old visible set into `newVisible` and the per-kind event lists.
    mutating func merge(old: [UInt32], shape: ViewShape, world: World) {
        newVisible.removeAll(keepingCapacity: true)
        destroyed.removeAll(keepingCapacity: true)
        disappeared.removeAll(keepingCapacity: true)
        appeared.removeAll(keepingCapacity: true)
        changed.removeAll(keepingCapacity: true)
        var oldIndex = 0
        var candidateIndex = 0
        while oldIndex < old.count || candidateIndex < candidates.count {
            let oldID = oldIndex < old.count ? old[oldIndex] : UInt32.max
            let key = candidateIndex < candidates.count ? candidates[candidateIndex] : UInt64.max
            let candidateID = candidateIndex < candidates.count ? UInt32(key >> 32) : UInt32.max
            if oldIndex < old.count && (candidateIndex == candidates.count || oldID < candidateID) {
                removed(oldID, shape: shape, world: world)
                oldIndex += 1
            } else if oldIndex < old.count && oldID == candidateID {
                newVisible.append(oldID)
                if key & 2 != 0 { changed.append(Int32(truncatingIfNeeded: (key & 0xFFFF_FFFF) >> 2)) }
                oldIndex += 1
                candidateIndex += 1
            } else {
                if key & 1 != 0 {
                    newVisible.append(candidateID)
                    appeared.append(Int32(truncatingIfNeeded: (key & 0xFFFF_FFFF) >> 2))
                }
                candidateIndex += 1
            }
        }
    }

    /// Appends the merged events in GAME_MODEL.md order (the avatar event, if any, is already in `buffer`).
    func emit(into buffer: inout [ViewEvent], world: World) {
        buffer.append(contentsOf: destroyed)
        for id in disappeared { buffer.append(.disappeared(id: id)) }
        let records = world.store.records
        for slot in appeared { buffer.append(.appeared(records[Int(slot)].state)) }
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
