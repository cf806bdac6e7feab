/// Why strict base64 decoding (RFC 4648 section 4) rejected its input.
public enum Base64Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input length is not a multiple of four.
    case invalidLength(Int)
    /// A byte outside the base64 alphabet, at the given offset.
    case invalidCharacter(UInt8, offset: Int)
    /// `=` somewhere other than the last one or two positions.
    case misplacedPadding(offset: Int)
    /// The bits dropped by padding are not zero (non-canonical encoding).
    case nonZeroPaddingBits

    public var description: String {
        switch self {
        case .invalidLength(let length):
            "base64 input length \(length) is not a multiple of 4"
        case .invalidCharacter(let byte, let offset):
            "byte 0x\(String(byte, radix: 16)) at offset \(offset) is not in the base64 alphabet"
        case .misplacedPadding(let offset):
            "padding character at offset \(offset) is not at the end of the input"
        case .nonZeroPaddingBits:
            "base64 padding bits are not zero (non-canonical encoding)"
        }
    }
}
