import OrreryNet
import OrreryPosix
import OrreryProxy
import Testing

/// Expects two byte streams to be equal, reporting sizes and the first difference rather than megabytes.
func expectSame(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let firstDifference = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actual.count, expected.count)
    Issue.record("\(actual.count) bytes instead of \(expected.count), first difference at \(firstDifference)",
                 sourceLocation: sourceLocation)
}

/// Starts a proxy on `loop` (from the test's task).
func startProxy(on loop: EventLoop, _ configuration: ProxyConfiguration) async throws -> ProxyServer {
    let result = try await loop.submit {
        Result { () throws(PosixError) in try ProxyServer(configuration: configuration, loop: loop) }
    }
    return try result.get()
}

/// The proxy's statistics, read on its loop.
func statistics(of proxy: ProxyServer) async throws -> ProxyStatistics {
    try await proxy.loop.submit { proxy.statistics }
}
