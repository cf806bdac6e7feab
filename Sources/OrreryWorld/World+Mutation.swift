extension World {
    /// The flag marking a record teleported since the grid was built.
    static let teleportedFlag: UInt8 = 4

    /// Creates an entity and returns its new id. The position is clamped into the world; the radius to ≥ 0.
    ///
    /// - Parameters:
    ///   - lifetime: ticks until it is destroyed with reason `expired` (0 = lives until destroyed).
    ///   - wakeAfter: ticks until the rules' `entityWoke` hook is called for it (0 = never).
    ///   - userData: a free data word for the rules.
    @discardableResult
    public mutating func spawn(kind: UInt8, x: Int32, y: Int32, vx: Int32 = 0, vy: Int32 = 0, heading: UInt16 = 0,
                               radius: Int32, owner: UInt32 = 0, lifetime: UInt64 = 0, wakeAfter: UInt64 = 0,
                               userData: Int64 = 0) -> UInt32 {
        precondition(nextEntityID != 0, "entity ids exhausted")
        let id = nextEntityID
        nextEntityID &+= 1
        let state = EntityState(id: id, kind: kind, x: clamp(x, below: width), y: clamp(y, below: height),
                                vx: vx, vy: vy, heading: heading, radius: max(radius, 0), owner: owner)
        maxRadius = max(maxRadius, state.radius)
        store.append(EntityRecord(state: state, expiresAt: lifetime == 0 ? 0 : tick &+ lifetime,
                                  wakeAt: wakeAfter == 0 ? 0 : tick &+ wakeAfter, userData: userData,
                                  avatarOf: 0, flags: 0))
        return id
    }

    /// Destroys a live entity. Observers who saw it get `destroyed` with this reason; if it was a player's avatar
    /// the player's avatar becomes 0 and the rules' `avatarLost` hook runs later in the tick.
    @discardableResult
    public mutating func destroy(_ id: UInt32, reason: DestroyReason) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        let record = store[slot]
        store.markDead(slot)
        pendingDestroyed.append(DestroyedEntity(state: record.state, reason: reason))
        if record.avatarOf != 0, let index = players.index(of: record.avatarOf) {
            players[index].avatar = 0
            avatarLosses.append((record.avatarOf, reason))
        }
        return true
    }

    /// Sets velocity and heading; marks the entity changed when either differs. False for an unknown entity.
    @discardableResult
    public mutating func setMotion(_ id: UInt32, vx: Int32, vy: Int32, heading: UInt16) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        let state = store[slot].state
        if state.vx != vx || state.vy != vy || state.heading != heading {
            store[slot].state.vx = vx
            store[slot].state.vy = vy
            store[slot].state.heading = heading
            store[slot].flags |= EntityRecord.changedFlag
        }
        return true
    }

    /// Sets velocity, keeping the heading; marks the entity changed when it differs.
    @discardableResult
    public mutating func setVelocity(_ id: UInt32, vx: Int32, vy: Int32) -> Bool {
        guard let state = entity(id) else { return false }
        return setMotion(id, vx: vx, vy: vy, heading: state.heading)
    }

    /// Sets heading, keeping the velocity; marks the entity changed when it differs.
    @discardableResult
    public mutating func setHeading(_ id: UInt32, _ heading: UInt16) -> Bool {
        guard let state = entity(id) else { return false }
        return setMotion(id, vx: state.vx, vy: state.vy, heading: heading)
    }

    /// Moves an entity to a position (clamped into the world) other than by its velocity; marks it changed.
    @discardableResult
    public mutating func teleport(_ id: UInt32, x: Int32, y: Int32) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        store[slot].state.x = clamp(x, below: width)
        store[slot].state.y = clamp(y, below: height)
        store[slot].flags |= EntityRecord.changedFlag
        if slot < grid.builtCount, store[slot].flags & World.teleportedFlag == 0 {
            store[slot].flags |= World.teleportedFlag
            teleportedSlots.append(slot)
        }
        return true
    }

    /// Destroys the entity with reason `expired` after `ticks` more ticks (0 = never).
    @discardableResult
    public mutating func setLifetime(_ id: UInt32, ticks: UInt64) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        store[slot].expiresAt = ticks == 0 ? 0 : tick &+ ticks
        return true
    }

    /// Calls the rules' `entityWoke` hook for the entity after `ticks` more ticks (0 = never).
    @discardableResult
    public mutating func setWake(_ id: UInt32, afterTicks ticks: UInt64) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        store[slot].wakeAt = ticks == 0 ? 0 : tick &+ ticks
        return true
    }

    /// Sets the rules' free data word of an entity.
    @discardableResult
    public mutating func setUserData(_ id: UInt32, _ value: Int64) -> Bool {
        guard let slot = store.liveSlot(of: id) else { return false }
        store[slot].userData = value
        return true
    }

    func clamp(_ value: Int32, below limit: Int32) -> Int32 {
        min(max(value, 0), limit - 1)
    }
}
