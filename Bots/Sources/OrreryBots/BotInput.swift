/// The controls a bot decided to send.
public struct BotInput: Hashable, Sendable {
    /// Desired heading (65536 = one turn, 0 = +x, counter-clockwise).
    public var heading: UInt16
    /// 0 = stop, 255 = full speed.
    public var throttle: UInt8
    /// Bit 0 = fire.
    public var fire: Bool
    /// The game's input payload (at most the schema's `inputPayloadMaxBytes`; default none).
    public var payload: [UInt8]

    public init(heading: UInt16, throttle: UInt8, fire: Bool, payload: [UInt8] = []) {
        self.heading = heading
        self.throttle = throttle
        self.fire = fire
        self.payload = payload
    }

    /// The actions byte.
    public var actions: UInt8 { fire ? 1 : 0 }
}
