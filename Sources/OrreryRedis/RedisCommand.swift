/// A command as Redis reads it: an array of binary-safe bulk strings (`*N\r\n$len\r\narg\r\n...`), the one
/// request format of RESP2 and RESP3 alike (`HELLO 3` only changes the shape of the replies).
public struct RedisCommand: Equatable, Sendable, CustomStringConvertible {
    /// The command name and its arguments, as bytes.
    public var arguments: [[UInt8]]

    /// A command from its name and arguments, e.g. `RedisCommand("SET", "key", "value")`.
    public init(_ arguments: String...) {
        self.arguments = arguments.map { Array($0.utf8) }
    }

    /// A command from text arguments.
    public init(_ arguments: [String]) {
        self.arguments = arguments.map { Array($0.utf8) }
    }

    /// A command from byte arguments (binary values).
    public init(bytes arguments: [[UInt8]]) {
        self.arguments = arguments
    }

    /// Appends the RESP encoding to `buffer` (the connection's outbound storage: no intermediate array).
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "*"))
        Self.appendDecimal(arguments.count, to: &buffer)
        for argument in arguments {
            buffer.append(UInt8(ascii: "$"))
            Self.appendDecimal(argument.count, to: &buffer)
            buffer.append(contentsOf: argument)
            buffer.append(contentsOf: [13, 10])
        }
    }

    /// The encoded bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        encode(into: &bytes)
        return bytes
    }

    /// The command name, upper-cased (for logs and errors; arguments may be secrets and are left out).
    public var name: String {
        arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? ""
    }

    public var description: String { name }

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(value).utf8)
        buffer.append(contentsOf: [13, 10])
    }
}
