/// Client→server: the player's current controls.
public struct PlayerInput: Hashable, Sendable {
    /// Per-session input sequence number, starting at 1 and increasing.
    public var seq: UInt32
    /// Desired heading (65536 = one turn, 0 = +x, counter-clockwise).
    public var heading: UInt16
    /// 0 = stop, 255 = full speed.
    public var throttle: UInt8
    /// Action bits (bit 0 = fire; the others are reserved for games).
    public var actions: UInt8
    /// Version 2: game-defined bytes, at most the schema's `inputPayloadMaxBytes` (empty = none; always empty in
    /// version 1).
    public var payload: [UInt8]

    public init(seq: UInt32, heading: UInt16, throttle: UInt8, actions: UInt8, payload: [UInt8] = []) {
        self.seq = seq
        self.heading = heading
        self.throttle = throttle
        self.actions = actions
        self.payload = payload
    }
}
