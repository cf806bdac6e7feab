/// HTTP header fields with case-insensitive names; a repeated field is combined into one value
/// joined by ", " (RFC 9110 section 5.3).
public struct HTTPHeaders: Sendable, Equatable {
    private var fields: [(name: String, value: String)] = []

    /// No fields.
    public init() {}

    /// Number of distinct field names.
    public var count: Int { fields.count }

    /// The combined value of field `name` (any case), or nil if absent.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.value
    }

    /// The comma-separated elements of field `name`, trimmed, empty elements dropped.
    public func tokens(_ name: String) -> [String] {
        guard let value = self[name] else { return [] }
        return value.split(separator: ",").map { HTTPHeaders.trim(Substring($0)) }.filter { !$0.isEmpty }
    }

    /// Whether field `name` lists `token`, compared case-insensitively.
    public func contains(_ name: String, token: String) -> Bool {
        let wanted = token.lowercased()
        return tokens(name).contains { $0.lowercased() == wanted }
    }

    /// Adds a field, combining it with an earlier field of the same name.
    public mutating func add(name: String, value: String) {
        let key = name.lowercased()
        if let index = fields.firstIndex(where: { $0.name == key }) {
            fields[index].value += ", " + value
        } else {
            fields.append((key, value))
        }
    }

    /// Field names (lowercased) in first-seen order.
    public var names: [String] { fields.map(\.name) }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    static func trim(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
