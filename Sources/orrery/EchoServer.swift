import Dispatch
import Foundation
import OrreryNet
import OrreryWebSocket
import Synchronization

/// A running `orrery echo` server: its loops and listener, and an orderly stop.
struct EchoServer: Sendable {
    /// What `orrery echo`'s options ask for.
    struct Settings: Sendable {
        var host = "127.0.0.1"
        var port = 9001
        var broadcast = false
        var loopCount = 1
        var configuration = WebSocketServerConfiguration()
    }

    let group: EventLoopGroup
    let listener: GroupListener
    let settings: Settings

    /// Starts the loops and listens.
    init(_ settings: Settings) throws {
        let group = try EventLoopGroup(loopCount: settings.loopCount, name: "orrery-echo")
        let broadcastLoops = settings.broadcast ? group.loops : nil
        let server = WebSocketServer(configuration: settings.configuration) { _ in
            .accept(EchoHandler(broadcastLoops: broadcastLoops))
        }
        do {
            listener = try server.listen(on: group, host: settings.host, port: settings.port)
        } catch {
            group.shutdown()
            throw error
        }
        self.group = group
        self.settings = settings
    }

    /// The URL clients connect to, e.g. `ws://127.0.0.1:9001/`.
    var url: String {
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        return "ws://\(host):\(listener.port)/"
    }

    /// Stops accepting, closes every client with 1001 (waiting at most the close timeout plus a
    /// second for their answers), then stops the loops.
    func stop() {
        listener.close()
        for loop in group.loops {
            loop.execute { loop.closeAllWebSockets(code: .goingAway, reason: "server shutting down") }
        }
        let deadline = ContinuousClock.now + settings.configuration.closeTimeout + .seconds(1)
        while ContinuousClock.now < deadline, openConnections() > 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        group.shutdown()
    }

    /// WebSocket connections still open on the loops.
    private func openConnections() -> Int {
        let total = Mutex(0)
        let done = DispatchSemaphore(value: 0)
        var asked = 0
        for loop in group.loops {
            let accepted = loop.execute {
                let count = loop.webSocketConnections.count
                total.withLock { $0 += count }
                done.signal()
            }
            if accepted { asked += 1 }
        }
        for _ in 0..<asked { done.wait() }
        return total.withLock { $0 }
    }
}
