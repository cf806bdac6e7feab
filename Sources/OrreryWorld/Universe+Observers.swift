extension Universe {
    /// Adds a player and lets the rules spawn its avatar; returns the new player id (never 0, never reused,
    /// shared id space with spectators). Its first update (next tick) carries the avatar event, what it sees and
    /// every non-default private and universe value. The rules read `identity` with `World.identity(of:)`.
    public mutating func join(identity: PlayerIdentity = PlayerIdentity()) -> UInt32 {
        let player = takeObserverID()
        world.players.add(player, identity: identity, state: world.playerStateDefaults)
        rules.playerJoined(player, world: &world)
        reportAvatarLosses()
        var centre = (x: world.width / 2, y: world.height / 2)
        if let avatar = world.avatar(of: player), let state = world.entity(avatar) {
            centre = (state.x, state.y)
        }
        observers.append(ObserverRecord(id: player, spectatorView: nil, centreX: centre.x, centreY: centre.y))
        return player
    }

    /// Removes a player: the rules' `playerLeft` hook runs, a remaining avatar is destroyed with reason
    /// `ownerLeft` (reported to the others at the next tick) and the player gets no more updates.
    @discardableResult
    public mutating func leave(_ player: UInt32) -> Bool {
        guard world.players.index(of: player) != nil else { return false }
        rules.playerLeft(player, world: &world)
        if let avatar = world.avatar(of: player), avatar != 0 {
            world.destroy(avatar, reason: .ownerLeft)
        }
        world.players.remove(player)
        world.avatarLosses.removeAll { $0.player == player }
        reportAvatarLosses()
        removeObserver(player)
        return true
    }

    /// Adds a spectator with the given view; returns its observer id.
    public mutating func addSpectator(_ view: SpectatorView) -> UInt32 {
        let spectator = takeObserverID()
        observers.append(ObserverRecord(id: spectator, spectatorView: view, centreX: 0, centreY: 0))
        return spectator
    }

    /// Changes a spectator's view (takes effect at the next tick). False for an unknown spectator.
    @discardableResult
    public mutating func setSpectatorView(_ spectator: UInt32, to view: SpectatorView) -> Bool {
        guard let index = observerIndex(spectator), observers[index].spectatorView != nil else { return false }
        observers[index].spectatorView = view
        return true
    }

    /// Removes a spectator. False for an unknown spectator.
    @discardableResult
    public mutating func removeSpectator(_ spectator: UInt32) -> Bool {
        guard let index = observerIndex(spectator), observers[index].spectatorView != nil else { return false }
        observers.remove(at: index)
        return true
    }

    /// Queues a player's input for the next tick. Inputs whose seq is not above every seq received before are
    /// ignored (returns false), as are inputs of unknown players. Within one tick the latest input wins (with its
    /// payload) and the actions of all of them are OR-ed. An input whose payload exceeds `GameSchema.inputPayloadMaxBytes` is
    /// refused (false).
    @discardableResult
    public mutating func submitInput(_ input: PlayerInput, from player: UInt32) -> Bool {
        guard input.payload.count <= world.schema.inputPayloadMaxBytes,
              let index = world.players.index(of: player) else { return false }
        if let last = world.players[index].lastReceivedSeq, input.seq <= last { return false }
        world.players[index].lastReceivedSeq = input.seq
        if let pending = world.players[index].pending {
            var merged = input
            merged.actions |= pending.actions
            world.players[index].pending = merged
        } else {
            world.players[index].pending = input
        }
        return true
    }

    /// Queues a player's command for the start of the next tick (after the inputs, in the order received). False,
    /// queueing nothing, for an unknown player, a kind the schema does not declare, a payload over
    /// `GameSchema.commandMaxBytes`, or invalid UTF-8 for a `.text` kind.
    @discardableResult
    public mutating func submitCommand(_ command: GameCommand, from player: UInt32) -> Bool {
        let schema = world.schema
        let code = Int(command.kind.code)
        guard code < schema.commands.count, command.payload.count <= schema.commandMaxBytes,
              schema.commands[code].format.accepts(command.payload),
              world.players.index(of: player) != nil else { return false }
        pendingCommands.append((player, command))
        return true
    }

    private mutating func takeObserverID() -> UInt32 {
        precondition(nextObserverID != 0, "observer ids exhausted")
        let id = nextObserverID
        nextObserverID &+= 1
        return id
    }

    private mutating func removeObserver(_ id: UInt32) {
        if let index = observerIndex(id) { observers.remove(at: index) }
    }

    /// The index of an observer in `observers` (sorted by id).
    func observerIndex(_ id: UInt32) -> Int? {
        SortedIDSearch.index(of: id, in: observers) { $0.id }
    }
}
