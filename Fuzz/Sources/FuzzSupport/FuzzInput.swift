/// One fuzzer input, copied out of libFuzzer's buffer, with a cursor that draws small choices from its front.
/// Reading past the end yields zeros, so every input is a complete program for a harness.
public struct FuzzInput {
    /// All the bytes of the input.
    public let bytes: [UInt8]
    /// Index of the next byte `byte()` returns.
    public private(set) var index = 0

    /// Copies libFuzzer's `(data, size)`. The only pointer a harness touches; it is not kept.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// An input from bytes (regression tests, seeds).
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been drawn.
    public var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in `0..<bound` from the next byte.
    public mutating func below(_ bound: Int) -> Int {
        Int(byte()) % bound
    }

    /// The next two bytes, little-endian.
    public mutating func u16() -> UInt16 {
        UInt16(byte()) | UInt16(byte()) << 8
    }

    /// The next four bytes, little-endian.
    public mutating func u32() -> UInt32 {
        UInt32(u16()) | UInt32(u16()) << 16
    }

    /// Up to `count` next bytes.
    public mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        let end = min(bytes.count, index + count)
        defer { index = max(index, end) }
        return bytes[min(index, end)..<end]
    }

    /// Every byte not drawn yet.
    public mutating func rest() -> ArraySlice<UInt8> {
        take(bytes.count)
    }
}
