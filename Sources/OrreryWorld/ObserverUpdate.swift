/// One observer's output for the last tick, as handed out by `Universe.forEachObserverUpdate(_:)`.
///
/// `events` is a slice of the universe's reusable event buffer: use it before the next `step()`. Spectators with
/// equal views that see the same share one slice: two non-empty slices with the same bounds hold the same events,
/// so an encoder can encode them once per tick.
public struct ObserverUpdate: Sendable {
    /// The observer (player id or spectator id).
    public var observerID: UInt32
    /// Whether the observer is a spectator.
    public var isSpectator: Bool
    /// The player's avatar entity id now (0 = none or spectator).
    public var avatar: UInt32
    /// The seq of the last input applied for this player (0 = none yet or spectator).
    public var lastAppliedInputSeq: UInt32
    /// The view events of the tick, in GAME_MODEL.md order.
    public var events: ArraySlice<ViewEvent>
}
