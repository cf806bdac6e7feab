extension Universe {
    /// How `other` differs from this universe, field by field, in a fixed order (world counters, entities by id,
    /// players, universe state, observers unless `views` is false, rules state), at most `limit` differences
    /// (default 20).
    public func differences(from other: Universe, views: Bool = true, limit: Int = 20) -> [UniverseDifference] {
        var found = DifferenceList(limit: limit)
        found.check("world", "tick", world.tick, other.world.tick)
        found.check("world", "next entity id", world.nextEntityID, other.world.nextEntityID)
        found.check("world", "next observer id", nextObserverID, other.nextObserverID)
        let words = world.generator.words
        let otherWords = other.world.generator.words
        found.check("world", "random generator", "\(words)", "\(otherWords)")
        compareEntities(with: other, into: &found)
        comparePlayers(with: other, into: &found)
        for (index, spec) in world.schema.universeProperties.enumerated() {
            found.check("universe", spec.name, world.universeValues[index], other.world.universeValues[index])
        }
        for observer in observers where views {
            guard let index = other.observerIndex(observer.id) else {
                found.check("observer \(observer.id)", "exists", true, false)
                continue
            }
            let twin = other.observers[index]
            found.check("observer \(observer.id)", "view", "\(observer.spectatorView.map { "\($0)" } ?? "player")",
                        "\(twin.spectatorView.map { "\($0)" } ?? "player")")
            found.check("observer \(observer.id)", "visible entities", observer.visible, twin.visible)
        }
        var mine = StateWriter()
        rules.saveState(into: &mine)
        var theirs = StateWriter()
        other.rules.saveState(into: &theirs)
        if mine.bytes != theirs.bytes {
            let common = min(mine.bytes.count, theirs.bytes.count)
            let first = (0..<common).first { mine.bytes[$0] != theirs.bytes[$0] } ?? common
            found.check("rules", "saved state from byte \(first)", Array(mine.bytes[first...].prefix(16)),
                        Array(theirs.bytes[first...].prefix(16)))
        }
        return found.items
    }

    private func compareEntities(with other: Universe, into found: inout DifferenceList) {
        let store = world.store
        let otherStore = other.world.store
        let names = world.schema.entityProperties.map(\.name)
        for slot in 0..<store.count {
            let record = store[slot]
            let subject = "entity \(record.state.id)"
            guard let twinSlot = otherStore.slot(of: record.state.id) else {
                found.check(subject, "exists", true, false)
                continue
            }
            let twin = otherStore[twinSlot]
            let state = record.state
            found.check(subject, "kind", state.kind, twin.state.kind)
            found.check(subject, "x", state.x, twin.state.x)
            found.check(subject, "y", state.y, twin.state.y)
            found.check(subject, "vx", state.vx, twin.state.vx)
            found.check(subject, "vy", state.vy, twin.state.vy)
            found.check(subject, "heading", state.heading, twin.state.heading)
            found.check(subject, "radius", state.radius, twin.state.radius)
            found.check(subject, "owner", state.owner, twin.state.owner)
            found.check(subject, "expires at", record.expiresAt, twin.expiresAt)
            found.check(subject, "wakes at", record.wakeAt, twin.wakeAt)
            found.check(subject, "user data", record.userData, twin.userData)
            for (index, name) in names.enumerated() {
                found.check(subject, name, store.property(index, slot: slot), otherStore.property(index, slot: twinSlot))
            }
        }
        for slot in 0..<otherStore.count where store.slot(of: otherStore[slot].state.id) == nil {
            found.check("entity \(otherStore[slot].state.id)", "exists", false, true)
        }
    }

    private func comparePlayers(with other: Universe, into found: inout DifferenceList) {
        let players = world.players
        let names = world.schema.playerProperties.map(\.name)
        for index in players.records.indices {
            let record = players[index]
            let subject = "player \(record.id)"
            guard let twinIndex = other.world.players.index(of: record.id) else {
                found.check(subject, "exists", true, false)
                continue
            }
            let twin = other.world.players[twinIndex]
            found.check(subject, "avatar", record.avatar, twin.avatar)
            found.check(subject, "last applied seq", record.lastAppliedSeq, twin.lastAppliedSeq)
            for (property, name) in names.enumerated() {
                found.check(subject, name, players[game: index].values[property],
                            other.world.players[game: twinIndex].values[property])
            }
        }
        for record in other.world.players.records where players.index(of: record.id) == nil {
            found.check("player \(record.id)", "exists", false, true)
        }
    }
}

/// Differences collected up to a limit.
private struct DifferenceList {
    let limit: Int
    private(set) var items: [UniverseDifference] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func check<T: Equatable>(_ subject: String, _ field: String, _ expected: T, _ actual: T) {
        guard expected != actual, items.count < limit else { return }
        items.append(UniverseDifference(subject: subject, field: field, expected: DifferenceList.text(expected),
                                        actual: DifferenceList.text(actual)))
    }

    private static func text<T>(_ value: T) -> String {
        if let property = value as? PropertyValue {
            switch property {
            case .int(let number): return "\(number)"
            case .string(let text): return "\"\(text)\""
            case .bytes(let bytes): return "\(bytes)"
            }
        }
        return "\(value)"
    }
}
