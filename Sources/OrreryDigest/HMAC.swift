/// HMAC-SHA256 (RFC 2104, FIPS 198-1): a keyed streaming authenticator, a one-shot function, and a
/// constant-time comparison for checking codes.
///
/// Keys longer than the 64-byte block are hashed first, shorter ones are zero-padded. An `HMAC` value that has been
/// keyed but not yet fed is a reusable template: copy it per message to skip the key setup.
public struct HMAC: Sendable {
    /// The code length in bytes (SHA-256's digest length).
    public static let byteCount = SHA256.digestByteCount

    private var inner = SHA256()
    private var outer = SHA256()

    /// An authenticator keyed with `key`.
    public init<Key: Collection<UInt8>>(key: Key) {
        var block: [UInt8]
        if key.count > SHA256.blockByteCount {
            block = SHA256.hash(key)
        } else {
            block = Array(key)
        }
        block.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - block.count))
        inner.update(block.map { $0 ^ 0x36 })
        outer.update(block.map { $0 ^ 0x5c })
    }

    /// An authenticator keyed with the UTF-8 bytes of `key`.
    public init(key: String) {
        self.init(key: key.utf8)
    }

    /// Feeds more message bytes.
    public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        inner.update(bytes)
    }

    /// Feeds the UTF-8 bytes of `text`.
    public mutating func update(_ text: String) {
        inner.update(text.utf8)
    }

    /// Returns the 32-byte authentication code. Call once; the authenticator is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The code of `message` under `key` in one call.
    public static func authenticationCode<Message: Collection<UInt8>, Key: Collection<UInt8>>(
        for message: Message, key: Key
    ) -> [UInt8] {
        var hmac = HMAC(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    /// Whether two codes are equal, in time that depends only on their lengths (not on where they differ).
    ///
    /// Use it to check a received code against the expected one; codes of different lengths are unequal.
    public static func constantTimeEquals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return difference == 0
    }
}
