/// A direction to pan the view in, as seen on screen (up is +y in the world).
public enum PanDirection: Hashable, Sendable {
    case up
    case down
    case left
    case right
}
