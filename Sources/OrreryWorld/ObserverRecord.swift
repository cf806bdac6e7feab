/// One observer (a player or a spectator) and its view state.
struct ObserverRecord: Sendable {
    let id: UInt32
    /// nil for a player (circle around its avatar), the spectator's view otherwise.
    var spectatorView: SpectatorView?
    /// The centre of a player's view: its avatar's position, or the last one while it has none.
    var centreX: Int32
    var centreY: Int32
    /// Ids of the entities in view, ascending.
    var visible: [UInt32] = []
    /// The store slots of `visible` at the last view update (`Universe.viewCompactions`).
    var visibleSlots: [Int32] = []
    /// The avatar id last reported (nil = none reported yet, so the first update reports it).
    var reportedAvatar: UInt32?
    /// True until the first update, which carries every non-default private and universe value.
    var needsFullState = true
    /// This observer's events of the last tick: `eventStart ..< eventStart + eventCount` in the event buffer.
    var eventStart = 0
    var eventCount = 0
}
