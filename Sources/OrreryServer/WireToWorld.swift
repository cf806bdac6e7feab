import OrreryWire
import OrreryWorld

/// Wire → world: the one place wire types become world types (what a client asks for).
public enum WireToWorld {
    /// The world input for a decoded input message (same fields, same units).
    public static func input(_ input: OrreryWire.PlayerInput) -> OrreryWorld.PlayerInput {
        OrreryWorld.PlayerInput(seq: input.seq, heading: input.heading, throttle: input.throttle,
                                actions: input.actions, payload: input.payload)
    }

    /// The spectator view for a join's region: nil watches the whole world; a region `x ≤ px < x + width`,
    /// `y ≤ py < y + height` becomes the world's inclusive rectangle (clamped to the 32-bit coordinate range).
    public static func spectatorView(_ region: Region?) -> SpectatorView {
        guard let region else { return .wholeWorld }
        let maxX = Int64(region.x) + Int64(max(region.width, 1)) - 1
        let maxY = Int64(region.y) + Int64(max(region.height, 1)) - 1
        return .rectangle(minX: region.x, minY: region.y,
                          maxX: Int32(clamping: maxX), maxY: Int32(clamping: maxY))
    }
}
