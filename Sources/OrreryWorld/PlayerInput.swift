/// One input from a player (GAME_MODEL.md "Player input").
public struct PlayerInput: Equatable, Hashable, Sendable {
    /// The action bit for firing.
    public static let fire: UInt8 = 1

    /// Per-player increasing sequence number.
    public var seq: UInt32
    /// Desired heading, 65536 = one turn.
    public var heading: UInt16
    /// 0 = stop, 255 = full speed.
    public var throttle: UInt8
    /// Action bit set (bit 0 = fire).
    public var actions: UInt8
    /// Game-defined bytes, at most `GameSchema.inputPayloadMaxBytes` (default none).
    public var payload: [UInt8]

    /// Creates an input.
    public init(seq: UInt32, heading: UInt16, throttle: UInt8, actions: UInt8 = 0, payload: [UInt8] = []) {
        self.seq = seq
        self.heading = heading
        self.throttle = throttle
        self.actions = actions
        self.payload = payload
    }

    /// Whether the fire bit is set.
    public var fires: Bool { actions & PlayerInput.fire != 0 }
}
