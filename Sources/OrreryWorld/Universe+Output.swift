extension Universe {
    /// An observer's events of the last tick (empty for an unknown observer or one added since).
    /// The slice shares the universe's reusable buffer: use it before the next `step()`.
    public func events(for observer: UInt32) -> ArraySlice<ViewEvent> {
        guard let index = observerIndex(observer) else { return [] }
        let record = observers[index]
        return eventBuffer[record.eventStart..<(record.eventStart + record.eventCount)]
    }

    /// Calls `body` once per observer (ascending id) with its output for the last tick, including observers with
    /// no events (so the caller can decide about keep-alive and input acknowledgement frames).
    public func forEachObserverUpdate<E: Error>(_ body: (ObserverUpdate) throws(E) -> Void) throws(E) {
        var playerIndex = 0
        let players = world.players
        // Field by field, not a copy of each record (whose arrays would be retained and released).
        for index in observers.indices {
            let id = observers[index].id
            let isSpectator = observers[index].spectatorView != nil
            let start = observers[index].eventStart
            var update = ObserverUpdate(observerID: id, isSpectator: isSpectator, avatar: 0, lastAppliedInputSeq: 0,
                                        events: eventBuffer[start..<(start + observers[index].eventCount)])
            if !isSpectator {
                while playerIndex < players.records.count && players[playerIndex].id < id { playerIndex += 1 }
                if playerIndex < players.records.count && players[playerIndex].id == id {
                    update.avatar = players[playerIndex].avatar
                    update.lastAppliedInputSeq = players[playerIndex].lastAppliedSeq
                }
            }
            try body(update)
        }
    }

    /// The ids of all observers (players and spectators), ascending.
    public var observerIDs: [UInt32] { observers.map(\.id) }

    /// The ids of all players, ascending.
    public var playerIDs: [UInt32] { world.playerIDs }

    /// Whether the observer is a spectator (nil for an unknown observer).
    public func isSpectator(_ observer: UInt32) -> Bool? {
        observerIndex(observer).map { observers[$0].spectatorView != nil }
    }

    /// The ids an observer currently sees, ascending (nil for an unknown observer).
    public func visibleEntityIDs(of observer: UInt32) -> [UInt32]? {
        observerIndex(observer).map { observers[$0].visible }
    }

    /// The centre of a player's view (its avatar's position at the last tick, or the last known one).
    public func viewCentre(of player: UInt32) -> (x: Int32, y: Int32)? {
        guard let index = observerIndex(player), observers[index].spectatorView == nil else { return nil }
        return (observers[index].centreX, observers[index].centreY)
    }

    /// A spectator's view (nil for an unknown observer or a player).
    public func spectatorView(of spectator: UInt32) -> SpectatorView? {
        observerIndex(spectator).flatMap { observers[$0].spectatorView }
    }

    /// A player's avatar entity id (0 = none), nil for an unknown player.
    public func avatar(of player: UInt32) -> UInt32? {
        world.avatar(of: player)
    }

    /// The seq of the last input applied for a player (0 = none yet), nil for an unknown player.
    public func lastAppliedInputSeq(of player: UInt32) -> UInt32? {
        world.players.index(of: player).map { world.players[$0].lastAppliedSeq }
    }

    /// Everything the observer currently sees with full state, for a reset frame (nil for an unknown observer).
    /// The avatar is the one last reported in its events.
    public func snapshot(for observer: UInt32) -> ViewSnapshot? {
        guard let index = observerIndex(observer) else { return nil }
        let record = observers[index]
        var entities: [EntityState] = []
        var properties: [[PropertyValue]] = []
        entities.reserveCapacity(record.visible.count)
        properties.reserveCapacity(record.visible.count)
        let store = world.store
        for id in record.visible {
            guard let slot = store.liveSlot(of: id) else { continue }
            entities.append(store[slot].state)
            properties.append(store.propertyCount == 0 ? [] : Array(store.properties(slot: slot)))
        }
        var playerState: [PropertyValue] = []
        if record.spectatorView == nil, let slot = world.players.index(of: observer) {
            playerState = world.players[game: slot].values
        }
        return ViewSnapshot(tick: world.tick, avatar: record.reportedAvatar ?? 0,
                            lastAppliedInputSeq: lastAppliedInputSeq(of: observer) ?? 0, entities: entities,
                            entityProperties: properties, playerState: playerState,
                            universeState: world.universeValues)
    }

    /// An entity property of a live entity, as an encoder reads it for a `properties` event or an `appeared`
    /// record (nil for an unknown entity or property).
    public func property(_ property: EntityProperty, of id: UInt32) -> PropertyValue? {
        world.property(property, of: id)
    }

    /// The properties of a live entity that are not their default: what its `appeared` record carries.
    /// Empty for an unknown entity or a game without entity properties.
    public func nonDefaultProperties(of id: UInt32) -> PropertyMask {
        guard world.store.propertyCount > 0, let slot = world.store.liveSlot(of: id) else {
            return PropertyMask(rawValue: 0)
        }
        return world.store.nonDefaultProperties(slot: slot)
    }

    /// A player's private property (nil for an unknown player or property).
    public func playerState(_ property: PlayerProperty, of player: UInt32) -> PropertyValue? {
        world.playerState(property, of: player)
    }

    /// A universe property (nil for an unknown property).
    public func universeState(_ property: UniverseProperty) -> PropertyValue? {
        world.universeState(property)
    }
}
