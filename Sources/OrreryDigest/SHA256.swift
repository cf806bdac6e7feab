/// SHA-256 (FIPS 180-4): a streaming hasher and a one-shot function.
///
/// Feed bytes with `update(_:)` as they arrive, then call `finalize()` once for the 32-byte digest.
/// A hasher is a plain value: copy it to fork the state (e.g. to hash a common prefix once).
public struct SHA256: Sendable {
    /// The digest length in bytes.
    public static let digestByteCount = 32
    /// The block length in bytes (what HMAC pads keys to).
    public static let blockByteCount = 64

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes not yet forming a whole block (always fewer than 64 between calls).
    private var pending: [UInt8] = []
    /// The message schedule, kept to avoid an allocation per block.
    private var schedule = [UInt32](repeating: 0, count: 64)
    /// Total message length so far, in bytes.
    private var length: UInt64 = 0

    /// A hasher with nothing fed yet.
    public init() {
        pending.reserveCapacity(SHA256.blockByteCount)
    }

    /// Feeds more message bytes.
    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        length &+= UInt64(bytes.count)
        var index = bytes.startIndex
        var remaining = bytes.count
        if !pending.isEmpty {
            while pending.count < SHA256.blockByteCount, index != bytes.endIndex {
                pending.append(bytes[index])
                bytes.formIndex(after: &index)
                remaining -= 1
            }
            guard pending.count == SHA256.blockByteCount else { return }
            load(pending, from: pending.startIndex)
            compress()
            pending.removeAll(keepingCapacity: true)
        }
        while remaining >= SHA256.blockByteCount {
            index = load(bytes, from: index)
            compress()
            remaining -= SHA256.blockByteCount
        }
        pending.append(contentsOf: bytes[index...])
    }

    /// Feeds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        update(text.utf8)
    }

    /// Pads the message and returns its 32-byte digest. Call once; the hasher is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        pending.append(0x80)
        if pending.count > SHA256.blockByteCount - 8 {
            pending.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - pending.count))
            load(pending, from: pending.startIndex)
            compress()
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - 8 - pending.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            pending.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        load(pending, from: pending.startIndex)
        compress()
        pending.removeAll(keepingCapacity: true)
        return BigEndianWords.bytes(state)
    }

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `text` in one call.
    public static func hash(_ text: String) -> [UInt8] {
        hash(text.utf8)
    }

    /// Reads one 64-byte block starting at `start` into the first 16 schedule words; returns the index after it.
    @discardableResult
    private mutating func load<Bytes: Collection<UInt8>>(_ bytes: Bytes, from start: Bytes.Index) -> Bytes.Index {
        var index = start
        for t in 0..<16 {
            var word: UInt32 = 0
            for _ in 0..<4 {
                word = word << 8 | UInt32(bytes[index])
                bytes.formIndex(after: &index)
            }
            schedule[t] = word
        }
        return index
    }

    /// Runs the compression function over the block in `schedule[0..<16]`.
    private mutating func compress() {
        for t in 16..<64 {
            let w15 = schedule[t - 15], w2 = schedule[t - 2]
            let s0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
            let s1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
            schedule[t] = schedule[t - 16] &+ s0 &+ schedule[t - 7] &+ s1
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        for t in 0..<64 {
            let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ SHA256.roundConstants[t] &+ schedule[t]
            let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = s0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ temp1
            d = c
            c = b
            b = a
            a = temp1 &+ temp2
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }
}

private extension UInt32 {
    func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
