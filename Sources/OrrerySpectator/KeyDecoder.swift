/// Turns terminal input bytes into keys, incrementally: an escape sequence split across reads is completed
/// by the next read, and bytes that are not a known key (other letters, UTF-8, unknown or overlong escape
/// sequences) are skipped without disturbing the keys around them.
public struct KeyDecoder: Sendable {
    private enum State: Sendable {
        case ground
        /// After ESC.
        case escape
        /// After ESC [, with this many parameter bytes so far.
        case controlSequence(length: Int)
        /// After ESC O.
        case singleShift
    }

    private var state = State.ground

    /// The longest control sequence body kept before the sequence is given up as garbage.
    public static let maxSequenceLength = 32

    public init() {}

    /// Decodes `bytes`, appending complete keys to `keys`. An unfinished sequence waits for the next call.
    public mutating func decode(_ bytes: some Sequence<UInt8>, into keys: inout [Key]) {
        for byte in bytes {
            if let key = consume(byte) { keys.append(key) }
        }
    }

    /// Decodes `bytes` and returns the complete keys.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        var keys: [Key] = []
        decode(bytes, into: &keys)
        return keys
    }

    private mutating func consume(_ byte: UInt8) -> Key? {
        switch state {
        case .ground:
            return plain(byte)
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence(length: 0)
            case UInt8(ascii: "O"): state = .singleShift
            case 0x1B: break
            default:
                state = .ground
                return plain(byte)
            }
            return nil
        case .controlSequence(let length):
            switch byte {
            case 0x20...0x3F:
                state = length + 1 < Self.maxSequenceLength ? .controlSequence(length: length + 1) : .ground
                return nil
            case 0x40...0x7E:
                state = .ground
                return Self.arrow(byte)
            default:
                state = .ground
                return plain(byte)
            }
        case .singleShift:
            state = .ground
            return Self.arrow(byte) ?? (byte == 0x1B || byte == 0x03 ? plain(byte) : nil)
        }
    }

    /// A byte outside any sequence.
    private mutating func plain(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x1B:
            state = .escape
            return nil
        case UInt8(ascii: "+"), UInt8(ascii: "="): return .zoomIn
        case UInt8(ascii: "-"), UInt8(ascii: "_"): return .zoomOut
        case UInt8(ascii: "f"), UInt8(ascii: "F"): return .follow
        case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03: return .quit
        default: return nil
        }
    }

    private static func arrow(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        default: nil
        }
    }
}
