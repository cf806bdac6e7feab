/// What a connection joins as.
public enum Role: UInt8, Sendable, CaseIterable {
    /// Controls an avatar; the view is a circle around it.
    case player = 0
    /// Watches only; the view is a rectangle (or the whole world).
    case spectator = 1

    /// The name used in the canonical text form.
    public var name: String { self == .player ? "player" : "spectator" }
}
