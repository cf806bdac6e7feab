extension Universe {
    /// Recomputes every observer's visible set and writes its events for this tick into the event buffer.
    mutating func updateViews() {
        eventBuffer.removeAll(keepingCapacity: true)
        SortKeys.sort(&world.changedPlayers)
        // One copy of the world for the whole loop (it does not change in it), instead of one per call below.
        let world = self.world
        let universeChanged = world.universeChanged
        let universeNonDefault = PropertyMask(nonDefault: world.universeValues).rawValue
        let changed = world.changedPlayers
        var changedCursor = 0
        for index in observers.indices {
            let start = eventBuffer.count
            let shape = refreshView(of: index)
            scratch.gather(shape, in: world)
            scratch.merge(old: observers[index].visible, shape: shape, world: world)
            scratch.emit(into: &eventBuffer, world: world)
            let full = observers[index].needsFullState
            if full { observers[index].needsFullState = false }
            if observers[index].spectatorView == nil && !world.playerStateDefaults.isEmpty {
                let id = UInt64(observers[index].id)
                while changedCursor < changed.count && changed[changedCursor] < id { changedCursor += 1 }
                if full || (changedCursor < changed.count && changed[changedCursor] == id) {
                    appendPlayerState(of: observers[index].id, full: full)
                }
            }
            let universeMask = full ? universeNonDefault : universeChanged
            if universeMask != 0 { eventBuffer.append(.universeState(changed: PropertyMask(rawValue: universeMask))) }
            if !world.outbox.isEmpty { appendMessages(for: index) }
            swap(&observers[index].visible, &scratch.newVisible)
            observers[index].eventStart = start
            observers[index].eventCount = eventBuffer.count - start
        }
    }

    /// Appends a player's player-state event: every non-default value when `full`, else the changed ones.
    private mutating func appendPlayerState(of player: UInt32, full: Bool) {
        guard let slot = world.players.index(of: player) else { return }
        let mask = full ? PropertyMask(nonDefault: world.players[game: slot].values).rawValue
            : world.players[game: slot].changed
        if mask != 0 { eventBuffer.append(.playerState(changed: PropertyMask(rawValue: mask))) }
    }

    /// Appends the messages of the tick addressed to the observer (its new visible set is still in `scratch`).
    private mutating func appendMessages(for index: Int) {
        let observer = observers[index]
        for (position, message) in world.outbox.enumerated() {
            let delivered = switch message.audience {
            case .universe: true
            case .player(let player): player == observer.id && observer.spectatorView == nil
            case .observers(let entity): scratch.sees(entity, old: observer.visible, world: world)
            }
            if delivered { eventBuffer.append(.message(index: position)) }
        }
    }

    /// Reports a changed avatar, moves a player's centre to its avatar and returns the observer's view shape.
    private mutating func refreshView(of index: Int) -> ViewShape {
        let observer = observers[index]
        if let view = observer.spectatorView { return shape(of: view) }
        let avatar = world.avatar(of: observer.id) ?? 0
        if observer.reportedAvatar != avatar {
            eventBuffer.append(.avatar(entityID: avatar))
            observers[index].reportedAvatar = avatar
        }
        if avatar != 0, let state = world.entity(avatar) {
            observers[index].centreX = state.x
            observers[index].centreY = state.y
        }
        return circle(x: observers[index].centreX, y: observers[index].centreY)
    }

    /// The view shape of a circle around (x, y) with the configured radius and hysteresis.
    func circle(x: Int32, y: Int32) -> ViewShape {
        let enter = Int64(config.viewRadius)
        let leave = Int64(config.leaveRadius)
        return .circle(x: Int64(x), y: Int64(y), radius: leave, enter: enter * enter, leave: leave * leave)
    }

    /// The view shape of a spectator's view.
    func shape(of view: SpectatorView) -> ViewShape {
        switch view {
        case .wholeWorld:
            return .whole
        case .rectangle(let minX, let minY, let maxX, let maxY):
            let inner = ViewShape.Bounds(minX: Int64(minX), minY: Int64(minY), maxX: Int64(maxX), maxY: Int64(maxY))
            let margin = Int64(config.hysteresis)
            let outer = ViewShape.Bounds(minX: inner.minX - margin, minY: inner.minY - margin,
                                         maxX: inner.maxX + margin, maxY: inner.maxY + margin)
            return .rectangle(inner: inner, outer: outer)
        }
    }
}
