import FuzzSupport
import OrreryWebSocket

/// Fuzzes the HTTP head parser that reads every upgrade request and response.
///
/// Input: byte 0 picks the limits, byte 1 seeds the split points, the rest is the received stream. Properties:
/// - whole or in pieces, the parser finds the same head (or the same error, or neither) and hands back the same
///   bytes after it;
/// - a head it accepts respects its limits, and written out again (start line, `name: value` fields) parses to the
///   same start line and field values.
enum HTTPHeadFuzzer {
    enum Outcome: Equatable {
        case incomplete
        case head(HTTPHeadParser.Head, after: [UInt8])
        case failed(HandshakeError)
    }

    static func run(_ input: inout FuzzInput) {
        let limits = input.byte()
        let seed = input.byte()
        let stream = Array(input.rest())
        let maxBytes = [64, 256, 8192][Int(limits & 3) % 3]
        let maxHeaders = limits & 4 == 0 ? 100 : 2

        let whole = parse(stream, pieces: [0..<stream.count], maxBytes, maxHeaders)
        let split = parse(stream, pieces: Pieces.ranges(count: stream.count, seed: seed), maxBytes, maxHeaders)
        fuzzCheck(whole == split, "whole \(whole) but in pieces \(split)")
        guard case .head(let head, let after) = whole else { return }
        fuzzCheck(head.headers.count <= maxHeaders, "more fields than the limit")
        fuzzCheck(stream.count - after.count <= maxBytes, "a head longer than the limit")

        let written = Array(write(head).utf8)
        guard case .head(let again, let rest) = parse(written, pieces: [0..<written.count], 1 << 16, maxHeaders) else {
            return fuzzCheck(false, "the written head does not parse: \(head)")
        }
        fuzzCheck(rest.isEmpty, "bytes left after the written head")
        fuzzCheck(again.startLine == head.startLine, "start line changed")
        fuzzCheck(again.headers.names == head.headers.names, "field names changed")
        for name in head.headers.names {
            fuzzCheck(again.headers[name] == trimmed(head.headers[name] ?? ""), "field \(name) changed")
        }
    }

    static func parse(_ stream: [UInt8], pieces: [Range<Int>], _ maxBytes: Int, _ maxHeaders: Int) -> Outcome {
        var parser = HTTPHeadParser(maxBytes: maxBytes, maxHeaders: maxHeaders)
        for (position, piece) in pieces.enumerated() {
            do throws(HandshakeError) {
                guard let (head, remainder) = try parser.append(stream[piece]) else { continue }
                let later = pieces[(position + 1)...].flatMap { stream[$0] }
                return .head(head, after: Array(remainder) + later)
            } catch {
                return .failed(error)
            }
        }
        return .incomplete
    }

    static func write(_ head: HTTPHeadParser.Head) -> String {
        var text = head.startLine + "\r\n"
        for name in head.headers.names {
            text += name + ": " + (head.headers[name] ?? "") + "\r\n"
        }
        return text + "\r\n"
    }

    /// A value as the parser stores it: without leading or trailing spaces and tabs.
    static func trimmed(_ value: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(value.drop(while: blank).reversed().drop(while: blank).reversed())
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    HTTPHeadFuzzer.run(&input)
    return 0
}
