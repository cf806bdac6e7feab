/// What a session's messages mean beyond their bytes: the protocol version and, for version 2, the game's schema.
/// Server→client property values and message codes decode and are checked with the schema. Client→server
/// commands and input payloads are checked against the schema's limits when there is one, else against the
/// protocol's largest (`WireProtocol.maxInputPayloadBytes`, `maxCommandBytes`, any code).
public struct WireDialect: Hashable, Sendable {
    /// The schema behind one reference, so that copying a dialect (into every frame writer) costs one retain.
    private final class Schema: Sendable {
        let message: SchemaMessage

        init(_ message: SchemaMessage) {
            self.message = message
        }
    }

    /// 1 or 2.
    public let version: UInt8
    private let box: Schema?

    /// The session's schema (version 2); nil for version 1 and before a version-2 schema is known.
    public var schema: SchemaMessage? { box?.message }

    /// Version 1: no schema, properties, messages or commands.
    public static let v1 = WireDialect(version: 1, schema: nil)
    /// Version 2 without a schema: what a client decodes the welcome and schema with, and the protocol's limits
    /// for client messages.
    public static let v2 = WireDialect(version: 2, schema: nil)

    /// Version 2 with `schema`.
    public init(schema: SchemaMessage) {
        self.init(version: 2, schema: schema)
    }

    private init(version: UInt8, schema: SchemaMessage?) {
        self.version = version
        box = schema.map(Schema.init)
    }

    public static func == (left: WireDialect, right: WireDialect) -> Bool {
        left.version == right.version && left.schema == right.schema
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(schema)
    }

    /// True when the version-2 layouts apply.
    public var isV2: Bool { version >= 2 }

    /// The declared properties of a scope (none without a schema).
    func properties(_ scope: WirePropertyScope) -> [WirePropertySpec] {
        schema?.properties(scope) ?? []
    }

    /// Server→client message kinds (none without a schema).
    var messages: [WireMessageSpec] { schema?.messages ?? [] }

    /// The longest input payload accepted.
    var inputPayloadMaxBytes: Int { Int(schema?.inputPayloadMaxBytes ?? WireProtocol.maxInputPayloadBytes) }

    /// The longest command payload accepted.
    var commandMaxBytes: Int { Int(schema?.commandMaxBytes ?? WireProtocol.maxCommandBytes) }

    /// Whether `code` names a command: any code without a schema. The format is nil when not known.
    func command(_ code: UInt8) -> (known: Bool, format: WirePayloadFormat?) {
        guard let commands = schema?.commands else { return (true, nil) }
        return Int(code) < commands.count ? (true, commands[Int(code)].format) : (false, nil)
    }
}
