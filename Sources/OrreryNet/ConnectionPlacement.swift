/// Where `EventLoopGroup.listen` starts each accepted connection.
public enum ConnectionPlacement: Sendable, Equatable {
    /// Spread over the group's loops in round-robin order: accepted connections share every loop.
    case roundRobin
    /// Keep every connection on the accepting loop, where its handler may later move it (a game server moves each
    /// upgraded connection to its universe's loop). Accepts and handshakes then never run on the other loops, so
    /// work placed there (ticks) is not delayed by a burst of connections.
    case acceptingLoop
}
