/// Reads back what a `StateWriter` wrote, in the same order (`GameRules.restoreState(from:)`).
///
/// Every read checks the remaining length first and throws `StateError` instead of trapping, so a damaged
/// snapshot is an error, never a crash.
public struct StateReader: Sendable {
    /// The bytes being read.
    public let bytes: [UInt8]
    /// The position of the next read.
    public private(set) var offset: Int

    /// A reader over `bytes`, starting at `offset` (default 0).
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    /// Reads an integer written by `StateWriter.write(_:)` at the same type.
    public mutating func read<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(StateError) -> T {
        let width = T.bitWidth / 8
        guard remaining >= width else { throw .truncated(offset: offset, needed: width) }
        var value: T = 0
        for index in 0..<width {
            value |= T(truncatingIfNeeded: bytes[offset + index]) << (8 * index)
        }
        offset += width
        return value
    }

    /// Reads a Boolean; a byte other than 0 or 1 is `invalid`.
    public mutating func read(_ type: Bool.Type = Bool.self) throws(StateError) -> Bool {
        let start = offset
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        default: throw .invalid("a Boolean byte other than 0 or 1", offset: start)
        }
    }

    /// Reads a byte array (length first); at most `maximumCount` bytes (default any that fit).
    public mutating func read(_ type: [UInt8].Type = [UInt8].self, maximumCount: Int = .max) throws(StateError)
        -> [UInt8] {
        let start = offset
        let count = Int(try read(UInt32.self))
        guard count <= maximumCount else { throw .invalid("a length of \(count) over \(maximumCount)", offset: start) }
        guard remaining >= count else { throw .truncated(offset: offset, needed: count) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Reads a string; invalid UTF-8 is `invalid`.
    public mutating func read(_ type: String.Type = String.self) throws(StateError) -> String {
        let start = offset
        let data = try read([UInt8].self)
        guard MessageFormat.text.accepts(data) else { throw .invalid("a string that is not UTF-8", offset: start) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a property value.
    public mutating func read(_ type: PropertyValue.Type = PropertyValue.self) throws(StateError) -> PropertyValue {
        let start = offset
        switch try read(UInt8.self) {
        case 0: return .int(try read(Int64.self))
        case 1: return .string(try read(String.self))
        case 2: return .bytes(try read([UInt8].self))
        case let tag: throw .invalid("a property value tag \(tag)", offset: start)
        }
    }

    /// Reads an optional integer.
    public mutating func read<T: FixedWidthInteger>(_ type: T?.Type) throws(StateError) -> T? {
        try read(Bool.self) ? try read(T.self) : nil
    }

    /// Reads an optional string.
    public mutating func read(_ type: String?.Type) throws(StateError) -> String? {
        try read(Bool.self) ? try read(String.self) : nil
    }

    /// Throws unless every byte was read (a snapshot with trailing bytes is not the one that was written).
    public func finish() throws(StateError) {
        guard remaining == 0 else { throw .trailingBytes(offset: offset, count: remaining) }
    }
}
