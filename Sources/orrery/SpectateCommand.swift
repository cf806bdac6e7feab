import Foundation
import OrreryClient
import OrreryNet
import OrreryPosix
import OrrerySpectator
import OrreryWire
import Synchronization

/// `orrery spectate`: a full-screen terminal view of a universe.
struct SpectateCommand: Command {
    let name = "spectate"
    let summary = "watch a universe live in the terminal (full screen; arrows pan, +/- zoom, f follow, q quit)"
    let discussion = """
        Joins the universe at URL as a spectator (no avatar) and draws it full screen, moving every entity \
        smoothly at --fps frames per second between the server's ticks (dead reckoning from the exact replica, \
        drawn --delay behind the estimated server tick). Any game is drawn by the schema its server sends: each \
        kind with its declared glyph (else its shape's: triangles as arrows by heading, circles ●, squares ■, \
        diamonds ◆, rings ○) in its declared colour (24-bit; --no-color or NO_COLOR turns colours off), and its label \
        property (e.g. a name) right of it; a line above the status line shows the universe state (e.g. a \
        scoreboard) and the latest game message. A version-1 server's arena is drawn as before: player ships as \
        arrows by heading (A with --ascii), n NPC ships, O and o asteroids, · projectiles (. with --ascii), ? \
        anything else. The status line shows the universe, tick, seq, entities in view, bytes/s, round-trip \
        time and the interpolation delay.

        Keys: arrows pan, + and - zoom, f follows the next player (a ship, a triangle or a labelled kind), q \
        (or Ctrl-C) quits. The terminal is \
        restored on exit, on Ctrl-C and on SIGTERM; the view follows window resizes. A lost connection is \
        resumed like any client's. Needs a terminal on stdin and stdout.

        Without --region the spectator watches the whole world (servers may limit spectators; see orrery \
        serve --spectators). --region X,Y,W,H watches the rectangle from (X, Y) W metres wide and H high.

        Examples:
          orrery spectate ws://127.0.0.1:8080/universes/demo
          orrery spectate ws://127.0.0.1:8080/universes/demo --follow --fps 60
          orrery spectate ws://127.0.0.1:8080/universes/alpha --region 0,0,500,300 --ascii
          orrery spectate ws://127.0.0.1:8080/universes/growth --no-color     # an example game
        """
    let positionals = ["URL"]
    let options: [OptionSpec] = [
        .flag("follow", help: "Follow the first player (ship) that comes into view (f follows the next one)."),
        .value("region", "X,Y,W,H", help: "Watch only this rectangle, in metres (default: the whole world)."),
        .value("fps", "N", default: "30", help: "Frames drawn per second."),
        .value("delay", "DURATION", default: "100ms", help: "Draw this far behind the estimated server tick."),
        .flag("ascii", help: "Plain ASCII glyphs (for terminals without Unicode arrows)."),
        .flag("no-color", help: "No colours (also when NO_COLOR is set)."),
        .value("ticket", "TICKET", env: "ORRERY_TICKET", help: "A ticket for servers in ticket mode."),
    ]

    func run(_ options: ParsedOptions) throws -> Int32 {
        let urlText = options.positionals[0]
        let address: GameAddress
        do {
            address = try GameAddress(parsing: urlText)
        } catch {
            throw UsageError.invalidValue(option: "URL", value: urlText, expected: "ws://HOST:PORT/universes/NAME")
        }
        let region = try options.string("region").map { text throws(UsageError) in try Self.region(text) }
        let framesPerSecond = try options.int("fps", in: 1...240)
        let delay = try options.seconds("delay", in: 0...10)
        guard Terminal.isTerminal(STDIN_FILENO), Terminal.isTerminal(STDOUT_FILENO) else {
            throw SpectateError.notATerminal
        }
        var client = ClientConfiguration(address: address, role: .spectator, region: region,
                                         ticket: options.string("ticket"), seed: UInt64(MonotonicClock.nanoseconds()))
        client.pingInterval = .seconds(1)

        let signals = try SignalDescriptor(signals: [Signals.interrupt, Signals.terminate, Signals.windowChange])
        let terminal = try Terminal()
        defer { try? terminal.restore() }
        let group = try EventLoopGroup(loopCount: 1, name: "orrery-spectate")
        defer { group.shutdown() }
        let loop = group.loops[0]
        let screen = SpectatorScreen(connection: ClientConnection(loop: loop, configuration: client),
                                     universe: address.universe, glyphs: options.flag("ascii") ? .ascii : .unicode,
                                     colors: !options.flag("no-color") && getenv("NO_COLOR") == nil,
                                     terminal: terminal, size: (try? terminal.size()) ?? TerminalSize(columns: 80, rows: 24),
                                     delaySeconds: delay, follow: options.flag("follow"))
        loop.execute { screen.start(framesPerSecond: framesPerSecond) }
        _ = try PosixThread(name: "spectate-keys") {
            var buffer = [UInt8](repeating: 0, count: 256)
            while true {
                let count = (try? terminal.read(into: &buffer)) ?? 0
                let bytes = Array(buffer.prefix(count))
                let accepted = loop.execute {
                    if count == 0 || screen.type(bytes) { try? SignalDescriptor.raiseInProcess(Signals.terminate) }
                }
                if count == 0 || !accepted { return }
            }
        }
        while try signals.wait() == Signals.windowChange {
            guard let size = try? terminal.size() else { continue }
            loop.execute { screen.resize(size) }
        }
        let reason = Mutex<String?>(nil)
        let stopped = DispatchSemaphore(value: 0)
        loop.execute {
            reason.withLock { $0 = screen.connection.stopReason }
            screen.stop()
            stopped.signal()
        }
        stopped.wait()
        try? terminal.restore()
        if let failure = reason.withLock({ $0 }) { throw SpectateError.connection(failure) }
        return 0
    }

    /// Parses `X,Y,W,H` in metres into a region in subunits.
    static func region(_ text: String) throws(UsageError) -> Region {
        let invalid = UsageError.invalidValue(option: "region", value: text,
                                              expected: "X,Y,W,H in metres with W and H above 0 (e.g. 0,0,500,300)")
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
        guard numbers.count == 4, let x = numbers[0], let y = numbers[1], let width = numbers[2],
              let height = numbers[3], width > 0, height > 0 else { throw invalid }
        let limit = Double(Int32.max) / 256
        guard [x, y, width, height].allSatisfy({ abs($0) <= limit / 2 }) else { throw invalid }
        return Region(x: Int32((x * 256).rounded()), y: Int32((y * 256).rounded()),
                      width: max(1, Int32((width * 256).rounded())), height: max(1, Int32((height * 256).rounded())))
    }
}
