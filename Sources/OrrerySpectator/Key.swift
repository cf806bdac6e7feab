/// A key the spectator view reacts to.
public enum Key: Hashable, Sendable {
    case up
    case down
    case left
    case right
    /// `+` or `=`.
    case zoomIn
    /// `-` or `_`.
    case zoomOut
    /// `f`: follow the next player ship.
    case follow
    /// `q` or Ctrl-C.
    case quit
}
