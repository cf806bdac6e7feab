/// One client connection attached to a `UniverseHost`: the handle the glue passes back with every message.
///
/// It starts in the hello state (no session) and is live once a join or resume attached a session.
public final class ClientLink {
    /// Where the connection's messages go (held weakly: the sink usually holds the link).
    weak var sink: (any SessionSink)?
    /// The ticket's player id, if the connection presented one.
    public let identity: UInt32?
    /// The session the connection carries, nil before join or resume.
    public internal(set) var session: Session?
    /// Until a session is attached: when the hello timeout expires (monotonic nanoseconds).
    var helloDeadline: UInt64
    /// Whether the host closed the connection (it ignores anything more from it).
    public internal(set) var isClosed = false
    /// Messages waiting for the journal's next sync (strict mode: the welcome and what follows it), nil when
    /// messages go straight out.
    var held: [[UInt8]]?

    init(sink: any SessionSink, identity: UInt32?, helloDeadline: UInt64) {
        self.sink = sink
        self.identity = identity
        self.helloDeadline = helloDeadline
    }
}
