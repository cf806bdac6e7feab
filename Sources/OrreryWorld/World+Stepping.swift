/// The phases of one tick, driven by `Universe.step()`.
extension World {
    /// Appends the ids of entities whose lifetime is over (`expired`) and whose wake tick has come (`woken`,
    /// their wake tick cleared so the hook may set a new one), both ascending.
    mutating func collectTimers(expired: inout [UInt32], woken: inout [UInt32]) {
        for slot in 0..<store.count {
            let record = store[slot]
            if record.isDead || record.expiresAt | record.wakeAt == 0 { continue }
            if record.expiresAt != 0 && record.expiresAt <= tick {
                expired.append(record.state.id)
            } else if record.wakeAt != 0 && record.wakeAt <= tick {
                woken.append(record.state.id)
                store[slot].wakeAt = 0
            }
        }
    }

    /// Moves every live entity by its velocity and bounces it off the walls (a bounce marks it changed).
    /// Appends the ids of the entities that moved.
    mutating func integrate(moved: inout [UInt32]) {
        store.integrate(width: width, height: height, moved: &moved)
    }

    /// Replaces `pairs` with the overlapping pairs of live entities as `slotA << 32 | slotB` (slotA < slotB),
    /// ascending. Requires a freshly built grid.
    func collectOverlaps(into pairs: inout [UInt64]) {
        pairs.removeAll(keepingCapacity: true)
        let records = store.records
        let cellStart = grid.cellStart
        let items = grid.items
        let columns = grid.columns
        for a in 0..<records.count {
            let first = records[a]
            if first.isDead { continue }
            let x = Int64(first.state.x)
            let y = Int64(first.state.y)
            let reach = Int64(first.state.radius) + Int64(maxRadius)
            guard let range = grid.cells(minX: x - reach, minY: y - reach, maxX: x + reach, maxY: y + reach)
            else { continue }
            for row in range.rows {
                for column in range.columns {
                    let cell = row * columns + column
                    for index in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                        let second = items[index]
                        if Int(second.slot) <= a { continue }
                        let dx = Int64(second.x) - x
                        let dy = Int64(second.y) - y
                        let touch = Int64(first.state.radius) + Int64(second.radius)
                        if dx * dx + dy * dy < touch * touch {
                            pairs.append(UInt64(a) << 32 | UInt64(second.slot))
                        }
                    }
                }
            }
        }
        SortKeys.sort(&pairs)
    }

    /// Rebuilds the grid from the current positions (forgetting teleports, which it now files correctly).
    mutating func rebuildGrid() {
        forgetTeleports()
        grid.rebuild(from: store)
    }

    /// Removes destroyed records and sorts the destroyed list by id. The grid must be rebuilt afterwards.
    mutating func compact() {
        forgetTeleports()
        store.compact()
        pendingDestroyed.sort { $0.state.id < $1.state.id }
    }

    /// Ends a tick after the views were updated: clears changed flags and masks, hands over the destroyed list and
    /// the messages sent.
    mutating func finishTick(destroyed: inout [DestroyedEntity], messages: inout [GameMessage]) {
        store.clearChangedFlags()
        destroyed.removeAll(keepingCapacity: true)
        swap(&destroyed, &pendingDestroyed)
        messages.removeAll(keepingCapacity: true)
        swap(&messages, &outbox)
        universeChanged = 0
        for player in changedPlayers {
            if let slot = players.index(of: UInt32(player)) { players[game: slot].changed = 0 }
        }
        changedPlayers.removeAll(keepingCapacity: true)
    }

    /// The record of an entity destroyed since the last view update (requires `compact()` to have sorted them).
    func destroyedRecord(of id: UInt32) -> DestroyedEntity? {
        SortedIDSearch.index(of: id, in: pendingDestroyed) { $0.state.id }.map { pendingDestroyed[$0] }
    }

    private mutating func forgetTeleports() {
        for slot in teleportedSlots { store[slot].flags &= ~World.teleportedFlag }
        teleportedSlots.removeAll(keepingCapacity: true)
    }

}
