extension Universe {
    /// A compact hash of the whole universe state: the tick, the generator, the id counters, every entity with its
    /// timers and properties, every player with its seqs and private state, the universe state and the rules' own
    /// state (`GameRules.saveState`). Not the observers' views: they are derived from the simulation and never feed
    /// back into it (so a re-simulation may skip them, `computesViews`). Two universes that will behave the same
    /// have the same hash; a journal records it every tick so that a re-simulation can find where it diverged.
    public func stateHash() -> UInt64 {
        var hasher = StateHasher()
        hasher.combine(world.tick)
        hasher.combine(world.nextEntityID)
        hasher.combine(nextObserverID)
        let words = world.generator.words
        for word in [words.0, words.1, words.2, words.3] { hasher.combine(word) }
        let store = world.store
        hasher.combine(store.count)
        for slot in 0..<store.count {
            let record = store[slot]
            let state = record.state
            hasher.combine(UInt64(state.id) << 32 | UInt64(state.owner))
            hasher.combine(UInt64(UInt32(bitPattern: state.x)) << 32 | UInt64(UInt32(bitPattern: state.y)))
            hasher.combine(UInt64(UInt32(bitPattern: state.vx)) << 32 | UInt64(UInt32(bitPattern: state.vy)))
            hasher.combine(UInt64(state.heading) << 40 | UInt64(state.kind) << 32
                           | UInt64(UInt32(bitPattern: state.radius)))
            hasher.combine(record.expiresAt ^ record.wakeAt << 1)
            hasher.combine(UInt64(bitPattern: record.userData) ^ UInt64(record.avatarOf) << 7)
            if store.propertyCount > 0 {
                for value in store.properties(slot: slot) { hasher.combine(value) }
            }
        }
        let players = world.players
        hasher.combine(players.records.count)
        for index in players.records.indices {
            let record = players[index]
            hasher.combine(UInt64(record.id) << 32 | UInt64(record.avatar))
            hasher.combine(UInt64(record.lastAppliedSeq) << 32 | UInt64(record.lastReceivedSeq ?? 0))
            for value in players[game: index].values { hasher.combine(value) }
        }
        for value in world.universeValues { hasher.combine(value) }
        var rulesState = StateWriter()
        rules.saveState(into: &rulesState)
        hasher.combine(bytes: rulesState.bytes)
        return hasher.value
    }
}
