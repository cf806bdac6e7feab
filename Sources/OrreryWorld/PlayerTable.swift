/// Player records sorted by player id (ids are handed out in increasing order, so joining appends).
struct PlayerTable: Sendable {
    private(set) var records: [PlayerRecord] = []

    /// The index of a player, or nil when unknown.
    func index(of player: UInt32) -> Int? {
        SortedIDSearch.index(of: player, in: records) { $0.id }
    }

    mutating func add(_ player: UInt32, identity: PlayerIdentity, state: [PropertyValue]) {
        precondition(records.last.map { $0.id < player } ?? true, "player ids must increase")
        records.append(PlayerRecord(id: player, identity: identity, state: state))
    }

    mutating func remove(_ player: UInt32) {
        if let index = index(of: player) { records.remove(at: index) }
    }

    subscript(index: Int) -> PlayerRecord {
        get { records[index] }
        _modify { yield &records[index] }
    }
}
