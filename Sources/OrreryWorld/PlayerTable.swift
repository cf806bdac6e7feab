/// Player records sorted by player id (ids are handed out in increasing order, so joining appends).
struct PlayerTable: Sendable {
    private(set) var records: [PlayerRecord] = []

    /// The index of a player, or nil when unknown.
    func index(of player: UInt32) -> Int? {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = records[middle].id
            if candidate == player { return middle }
            if candidate < player { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    mutating func add(_ player: UInt32) {
        precondition(records.last.map { $0.id < player } ?? true, "player ids must increase")
        records.append(PlayerRecord(id: player))
    }

    mutating func remove(_ player: UInt32) {
        if let index = index(of: player) { records.remove(at: index) }
    }

    subscript(index: Int) -> PlayerRecord {
        get { records[index] }
        _modify { yield &records[index] }
    }
}
