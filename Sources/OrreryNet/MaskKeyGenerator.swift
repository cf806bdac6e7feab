import OrreryDigest
import OrreryWebSocket

/// A fast per-connection source of WebSocket masking keys and handshake keys: SplitMix64 seeded from
/// the system's random source, so drawing a key costs a few arithmetic operations instead of a system
/// call per frame. Owned by one client connection and used only on its loop thread (hence
/// `@unchecked Sendable`: the machine's key source must be a `@Sendable` closure).
final class MaskKeyGenerator: RandomNumberGenerator, @unchecked Sendable {
    private var generator: SplitMix64

    /// A generator seeded from the system random source.
    init() {
        var system = SystemRandomNumberGenerator()
        generator = SplitMix64(seed: system.next())
    }

    func next() -> UInt64 {
        generator.next()
    }

    /// A fresh masking key.
    func maskKey() -> MaskKey {
        MaskKey(value: UInt32(truncatingIfNeeded: next() >> 32))
    }

    /// 16 random bytes for `Sec-WebSocket-Key`.
    func handshakeKey() -> [UInt8] {
        let high = next(), low = next()
        return (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> UInt64(8 * ($0 % 8))) }
    }
}
