import OrreryClient
import OrreryPosix
import OrreryWire

/// Everything `orrery spectate` shows, without I/O: the replica, the viewport, the statistics and the
/// last frame drawn. A game with a schema (version 2) is drawn by it (`MapRenderer`), and its universe state
/// and latest game message take a line above the status line. The caller feeds it server messages and keys, and asks for a frame at the render
/// rate with the fractional tick to draw and the terminal size; it writes the returned text in one write.
public struct SpectatorSession: Sendable {
    /// The universe's name, shown first in the status line.
    public let universe: String
    /// The exact replica. Either fed through `receive`, or replaced by a client connection that keeps its
    /// own (assign it before each `render`).
    public var replica = Replica()
    /// The view, nil until the replica has a session (the world size comes with the welcome).
    public private(set) var viewport: Viewport?
    /// Traffic, RTT and frame arrival statistics.
    public var stats = SpectatorStats()
    /// The size of the latest frame (80x24 before the first); pans move by a fraction of its map.
    public private(set) var size = TerminalSize(columns: 80, rows: 24)
    /// The latest game message received, as "kind: text", nil before any.
    public private(set) var latestMessage: String?
    private var renderer: MapRenderer
    private var encoder = FrameEncoder()

    /// A session for `universe`, drawn with `glyphs`, in the schema's colours unless `colors` is false.
    public init(universe: String, glyphs: GlyphSet = .unicode, colors: Bool = true) {
        self.universe = universe
        renderer = MapRenderer(glyphs: glyphs, colors: colors)
    }

    /// The map area for a terminal of `size`: everything but the status line, and the game line when shown.
    public static func mapSize(for size: TerminalSize, gameLine: Bool = false) -> TerminalSize {
        TerminalSize(columns: max(0, size.columns), rows: max(0, size.rows - (gameLine ? 2 : 1)))
    }

    /// Whether the game line (universe state, latest message) is shown: when the schema declares universe
    /// properties or messages.
    public var showsGameLine: Bool {
        guard let schema = replica.schema else { return false }
        return !schema.universeProperties.isEmpty || !schema.messages.isEmpty
    }

    /// The game line: every universe property as "name value", then the latest message after " | ".
    public var gameLine: String {
        guard let schema = replica.schema else { return "" }
        var fields = zip(schema.universeProperties, replica.universeState).map { spec, value in
            "\(spec.name) \(ValueText.text(value))"
        }
        if let latestMessage { fields.append("| " + latestMessage) }
        return fields.joined(separator: "  ")
    }

    /// Keeps the last game message of a frame as the latest (call it with every frame received, whoever applies
    /// it to the replica).
    public mutating func record(_ frame: EventFrame) {
        for case .message(let message) in frame.events {
            let name = replica.schema?.messages.dropFirst(Int(message.code)).first?.name ?? "message \(message.code)"
            latestMessage = name + ": " + ValueText.text(message, schema: replica.schema)
        }
    }

    /// Applies a message received at `nanoseconds` (monotonic) in `byteCount` bytes and counts it:
    /// a welcome starts a new replica session (`Replica.begin`; a connection that resumes calls
    /// `replica.resume` itself), frames and resets are applied, pongs give the RTT. Error messages are
    /// only counted: closing is the connection's business.
    public mutating func receive(_ message: ServerMessage, byteCount: Int, at nanoseconds: Int64) throws(ReplicaError) {
        stats.recordMessage(byteCount: byteCount, at: nanoseconds)
        switch message {
        case .welcome(let welcome): replica.begin(welcome)
        case .eventFrame(let frame):
            try replica.apply(frame)
            record(frame)
            stats.recordFrame(at: nanoseconds)
        case .reset(let reset):
            try replica.apply(reset)
            stats.recordFrame(at: nanoseconds)
        case .schema(let schema): replica.apply(schema)
        case .pong(let pong): stats.recordPong(pong, at: nanoseconds)
        case .error: break
        }
    }

    /// Reacts to a key; returns true when the user asked to quit.
    public mutating func handle(_ key: Key) -> Bool {
        updateViewport()
        let mapSize = Self.mapSize(for: size, gameLine: showsGameLine)
        switch key {
        case .quit: return true
        case .up: viewport?.pan(.up, size: mapSize)
        case .down: viewport?.pan(.down, size: mapSize)
        case .left: viewport?.pan(.left, size: mapSize)
        case .right: viewport?.pan(.right, size: mapSize)
        case .zoomIn: viewport?.zoom(in: true)
        case .zoomOut: viewport?.zoom(in: false)
        case .follow:
            let players = replica.entities.values.filter(isFollowable).map(\.id)
            viewport?.followNext(among: players)
        }
        return false
    }

    /// Whether `f` follows this entity: one of a kind players steer (`Replica.isPlayerKind`).
    public func isFollowable(_ entity: EntityRecord) -> Bool {
        replica.isPlayerKind(entity.kind)
    }

    /// Forces the next `render` to redraw everything (after SIGWINCH or anything else that touched the screen).
    public mutating func invalidate() {
        encoder.invalidate()
    }

    /// The next frame's terminal output for a terminal of `size`, drawing at fractional tick `nowTick`,
    /// with statistics as of `nanoseconds` (monotonic): only the lines that changed since the previous frame
    /// (everything after a size change or `invalidate()`); empty when nothing changed.
    public mutating func render(nowTick: Double, size: TerminalSize, at nanoseconds: Int64) -> String {
        encoder.encode(screen(nowTick: nowTick, size: size, at: nanoseconds))
    }

    /// The next frame as plain text: the map, the game line when shown, then the status line on the last row.
    public mutating func screen(nowTick: Double, size: TerminalSize, at nanoseconds: Int64) -> Screen {
        self.size = size
        var screen = Screen(size: size)
        let withGameLine = showsGameLine
        let mapSize = Self.mapSize(for: size, gameLine: withGameLine)
        if withGameLine { screen.write(gameLine, row: size.rows - 2) }
        var inView = 0
        updateViewport()
        if let id = viewport?.following, let position = replica.position(of: id, atTick: nowTick) {
            viewport?.moveCenter(to: position)
        }
        if let viewport {
            inView = renderer.draw(replica, viewport: viewport, atTick: nowTick, mapSize: mapSize, into: &screen)
        }
        let status = statusLine(nowTick: nowTick, inView: inView, at: nanoseconds)
        screen.write(status.text, row: size.rows - 1)
        return screen
    }

    /// Creates the viewport once the replica has a session, and refits it when the world size changes.
    private mutating func updateViewport() {
        guard let welcome = replica.session else { return }
        if viewport?.worldWidth != welcome.worldWidth || viewport?.worldHeight != welcome.worldHeight {
            viewport = Viewport(worldWidth: welcome.worldWidth, worldHeight: welcome.worldHeight)
        }
    }

    /// The status line's content for a frame drawn at `nowTick` with `inView` entities on the map.
    public func statusLine(nowTick: Double, inView: Int, at nanoseconds: Int64) -> StatusLine {
        let welcome = replica.session
        let tickRate = Double(welcome?.tickRateHz ?? 1)
        var stalled: Double?
        if let welcome, let age = stats.frameAge(at: nanoseconds),
           Double(age) > 2e9 * Double(welcome.keepAliveTicks) / tickRate {
            stalled = Double(age) / 1e9
        }
        return StatusLine(universe: universe, tick: welcome.map { _ in replica.tick }, seq: replica.lastSeq,
                          inView: inView, bytesPerSecond: stats.traffic.bytesPerSecond(at: nanoseconds),
                          roundTripMicroseconds: stats.roundTripMicroseconds,
                          delayMilliseconds: (Double(replica.tick) - nowTick) * 1000 / tickRate,
                          zoom: viewport?.zoom ?? 1, following: viewport?.following,
                          followLost: viewport?.following.map { replica.entity($0) == nil } ?? false,
                          stalledSeconds: stalled)
    }
}
