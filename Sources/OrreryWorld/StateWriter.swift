/// Bytes a game saves its own state into (`GameRules.saveState(into:)`), read back in the same order by a
/// `StateReader` when a universe is restored from a snapshot.
///
/// The encoding is fixed and platform independent: integers little-endian at their declared width, `Bool` one
/// byte, strings and byte arrays a `UInt32` length then the bytes. There are no field names or tags: write a
/// version number first if your state may change shape between releases.
public struct StateWriter: Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer; `capacity` reserves room up front (a hint, default none).
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an integer, little-endian, at its own width (`Int` and `UInt` are 64 bits on every supported platform).
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        var remaining = value.littleEndian
        withUnsafeBytes(of: &remaining) { bytes.append(contentsOf: $0) }
    }

    /// Writes a Boolean as one byte (0 or 1).
    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Writes a byte array: its length as `UInt32`, then the bytes.
    public mutating func write(_ value: [UInt8]) {
        write(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a string as its UTF-8 bytes (length first).
    public mutating func write(_ value: String) {
        write(UInt32(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// Writes a property value: a tag byte (0 int, 1 string, 2 bytes), then the value.
    public mutating func write(_ value: PropertyValue) {
        switch value {
        case .int(let number):
            bytes.append(0)
            write(number)
        case .string(let text):
            bytes.append(1)
            write(text)
        case .bytes(let data):
            bytes.append(2)
            write(data)
        }
    }

    /// Writes an optional: a presence byte, then the value when present.
    public mutating func write<T: FixedWidthInteger>(_ value: T?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// Writes an optional string: a presence byte, then the string when present.
    public mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// Empties the writer, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
