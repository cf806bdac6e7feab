/// Player records sorted by player id (ids are handed out in increasing order, so joining appends), with each
/// player's game state at the same index.
struct PlayerTable: Sendable {
    private(set) var records: [PlayerRecord] = []
    private(set) var games: [PlayerGameState] = []

    /// The index of a player, or nil when unknown.
    func index(of player: UInt32) -> Int? {
        SortedIDSearch.index(of: player, in: records) { $0.id }
    }

    mutating func add(_ player: UInt32, identity: PlayerIdentity, state: [PropertyValue]) {
        precondition(records.last.map { $0.id < player } ?? true, "player ids must increase")
        records.append(PlayerRecord(id: player))
        games.append(PlayerGameState(identity: identity, values: state))
    }

    /// Adds a restored player with everything a snapshot kept (ids ascending, like `add`).
    mutating func restore(_ record: PlayerRecord, identity: PlayerIdentity, state: [PropertyValue]) {
        precondition(records.last.map { $0.id < record.id } ?? true, "player ids must increase")
        records.append(record)
        games.append(PlayerGameState(identity: identity, values: state))
    }

    mutating func remove(_ player: UInt32) {
        guard let index = index(of: player) else { return }
        records.remove(at: index)
        games.remove(at: index)
    }

    subscript(index: Int) -> PlayerRecord {
        get { records[index] }
        _modify { yield &records[index] }
    }

    /// The game state of the player at `index`.
    subscript(game index: Int) -> PlayerGameState {
        get { games[index] }
        _modify { yield &games[index] }
    }
}
