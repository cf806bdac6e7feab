/// Game-defined state and messages: entity properties, private player state, universe state, `send`, identity.
///
/// Every setter returns false, changing nothing, for an unknown entity or player, a key the schema does not
/// declare, or a value whose type or length does not match its declaration. Setting a value equal to the current
/// one is no change (no event).
extension World {
    /// Sets an entity property of a live entity. Observers that see the entity get it at the end of the tick.
    @discardableResult
    public mutating func setProperty(_ property: EntityProperty, of id: UInt32, to value: PropertyValue) -> Bool {
        let index = Int(property.index)
        guard index < schema.entityProperties.count, schema.entityProperties[index].type.accepts(value),
              let slot = store.liveSlot(of: id) else { return false }
        store.setProperty(index, slot: slot, to: value)
        return true
    }

    /// An entity property of a live entity (nil for an unknown entity or property).
    public func property(_ property: EntityProperty, of id: UInt32) -> PropertyValue? {
        let index = Int(property.index)
        guard index < store.propertyCount, let slot = store.liveSlot(of: id) else { return nil }
        return store.property(index, slot: slot)
    }

    /// Sets a private property of a player. Only that player gets it, at the end of the tick.
    @discardableResult
    public mutating func setPlayerState(_ property: PlayerProperty, of player: UInt32,
                                        to value: PropertyValue) -> Bool {
        let index = Int(property.index)
        guard index < schema.playerProperties.count, schema.playerProperties[index].type.accepts(value),
              let slot = players.index(of: player) else { return false }
        guard players[game: slot].values[index] != value else { return true }
        players[game: slot].values[index] = value
        if players[game: slot].changed == 0 { changedPlayers.append(UInt64(player)) }
        players[game: slot].changed |= 1 << UInt32(index)
        return true
    }

    /// A private property of a player (nil for an unknown player or property).
    public func playerState(_ property: PlayerProperty, of player: UInt32) -> PropertyValue? {
        let index = Int(property.index)
        guard index < playerStateDefaults.count, let slot = players.index(of: player) else { return nil }
        return players[game: slot].values[index]
    }

    /// Sets a universe property. Every observer gets it at the end of the tick.
    @discardableResult
    public mutating func setUniverseState(_ property: UniverseProperty, to value: PropertyValue) -> Bool {
        let index = Int(property.index)
        guard index < schema.universeProperties.count, schema.universeProperties[index].type.accepts(value)
        else { return false }
        guard universeValues[index] != value else { return true }
        universeValues[index] = value
        universeChanged |= 1 << UInt32(index)
        return true
    }

    /// A universe property (nil for an unknown property).
    public func universeState(_ property: UniverseProperty) -> PropertyValue? {
        let index = Int(property.index)
        return index < universeValues.count ? universeValues[index] : nil
    }

    /// Sends a game message, delivered with the events of this tick (or of the next tick when sent between
    /// ticks). False for a kind the schema does not declare, a payload over 1024 bytes, invalid UTF-8 for a
    /// `.text` kind, an unknown player, or an entity neither live nor destroyed since the last tick.
    @discardableResult
    public mutating func send(_ kind: GameMessageKind, payload: [UInt8], to audience: MessageAudience) -> Bool {
        let code = Int(kind.code)
        guard code < schema.messages.count, payload.count <= GameSchema.maximumMessagePayloadBytes,
              schema.messages[code].format.accepts(payload) else { return false }
        switch audience {
        case .player(let player):
            guard players.index(of: player) != nil else { return false }
        case .observers(let entity):
            guard store.slot(of: entity) != nil || pendingDestroyed.contains(where: { $0.state.id == entity })
            else { return false }
        case .universe:
            break
        }
        outbox.append(GameMessage(kind: kind, audience: audience, payload: payload))
        return true
    }

    /// Sends a text message (its UTF-8 bytes); see `send(_:payload:to:)`.
    @discardableResult
    public mutating func send(_ kind: GameMessageKind, text: String, to audience: MessageAudience) -> Bool {
        send(kind, payload: Array(text.utf8), to: audience)
    }

    /// Who a player is: the ticket's account and the join's name (nil for an unknown player).
    public func identity(of player: UInt32) -> PlayerIdentity? {
        players.index(of: player).map { players[game: $0].identity }
    }
}
