/// SHA-1 message digest (RFC 3174), streaming.
///
/// Feed bytes with ``update(_:)`` as often as needed, then call ``finalize()`` once.
/// SHA-1 is broken for collision resistance; Orrery uses it only where RFC 6455 requires it
/// (`Sec-WebSocket-Accept`).
public struct SHA1: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    private var totalLength: UInt64 = 0
    private var schedule = [UInt32](repeating: 0, count: 80)

    /// A fresh hash state.
    public init() {}

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var sha = SHA1()
        sha.update(bytes)
        return sha.finalize()
    }

    /// Adds `bytes` to the message being hashed.
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes {
            block[blockCount] = byte
            blockCount += 1
            totalLength &+= 1
            if blockCount == 64 {
                compressBlock()
                blockCount = 0
            }
        }
    }

    /// Pads the message and returns the 20-byte digest. The state is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        block[blockCount] = 0x80
        blockCount += 1
        if blockCount > 56 {
            while blockCount < 64 { block[blockCount] = 0; blockCount += 1 }
            compressBlock()
            blockCount = 0
        }
        while blockCount < 56 { block[blockCount] = 0; blockCount += 1 }
        for shift in stride(from: 56, through: 0, by: -8) {
            block[blockCount] = UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))
            blockCount += 1
        }
        compressBlock()
        blockCount = 0
        return BigEndianWords.bytes([state.0, state.1, state.2, state.3, state.4])
    }

    private mutating func compressBlock() {
        for t in 0..<16 {
            schedule[t] = UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16
                | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
        }
        for t in 16..<80 {
            schedule[t] = rotateLeft(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1)
        }
        var (a, b, c, d, e) = state
        for t in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch t {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
            default: f = b ^ c ^ d; k = 0xCA62_C1D6
            }
            let temp = rotateLeft(a, 5) &+ f &+ e &+ k &+ schedule[t]
            e = d
            d = c
            c = rotateLeft(b, 30)
            b = a
            a = temp
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }

    private func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
