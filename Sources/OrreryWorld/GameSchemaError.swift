/// Why a `GameSchema` was rejected by `validate()` (and so by `Universe.init`).
public enum GameSchemaError: Error, Equatable, Hashable, CustomStringConvertible {
    /// A game, kind, property, message or command name is empty or longer than 32 UTF-8 bytes.
    case invalidName(String)
    /// Two kinds, two properties of one scope, two message kinds or two command kinds share a name.
    case duplicateName(String)
    /// More than 64 entity kinds.
    case tooManyKinds(Int)
    /// Two kinds share a code.
    case duplicateKindCode(UInt8)
    /// A kind's colour has bits above 0xFFFFFF.
    case invalidColor(kind: String, color: UInt32)
    /// A kind's glyph is more than one character or more than 4 UTF-8 bytes.
    case invalidGlyph(kind: String, glyph: String)
    /// A kind's label names an entity property the schema does not have.
    case invalidLabel(kind: String, index: UInt8)
    /// More than 32 properties in one scope.
    case tooManyProperties(scope: PropertyScope, count: Int)
    /// A string or bytes property's `maxLength` is not within 1 ... 255.
    case invalidMaxLength(property: String, maxLength: Int)
    /// More than 64 message kinds.
    case tooManyMessageKinds(Int)
    /// More than 64 command kinds.
    case tooManyCommandKinds(Int)
    /// `inputPayloadMaxBytes` is not within 0 ... 64.
    case invalidInputPayloadLimit(Int)
    /// `commandMaxBytes` is not within 0 ... 200.
    case invalidCommandLimit(Int)

    /// A sentence for logs and errors.
    public var description: String {
        switch self {
        case .invalidName(let name): "name \"\(name)\" must be 1 to 32 UTF-8 bytes"
        case .duplicateName(let name): "name \"\(name)\" is declared twice"
        case .tooManyKinds(let count): "\(count) entity kinds, at most 64"
        case .duplicateKindCode(let code): "entity kind code \(code) is declared twice"
        case .invalidColor(let kind, let color): "kind \"\(kind)\": colour \(color) is not 0xRRGGBB"
        case .invalidGlyph(let kind, let glyph): "kind \"\(kind)\": glyph \"\(glyph)\" is not one character of ≤ 4 bytes"
        case .invalidLabel(let kind, let index): "kind \"\(kind)\": label \(index) is not an entity property"
        case .tooManyProperties(let scope, let count): "\(count) \(scope) properties, at most 32"
        case .invalidMaxLength(let property, let maxLength):
            "property \"\(property)\": maxLength \(maxLength) is not within 1...255"
        case .tooManyMessageKinds(let count): "\(count) message kinds, at most 64"
        case .tooManyCommandKinds(let count): "\(count) command kinds, at most 64"
        case .invalidInputPayloadLimit(let limit): "inputPayloadMaxBytes \(limit) is not within 0...64"
        case .invalidCommandLimit(let limit): "commandMaxBytes \(limit) is not within 0...200"
        }
    }
}
