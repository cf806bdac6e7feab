import Foundation

/// Geometry for steering: headings toward points and how far two headings are apart.
public enum Steering {
    /// The heading (65536 = one turn, 0 = +x, counter-clockwise) pointing along (dx, dy); 0 for (0, 0).
    public static func heading(dx: Double, dy: Double) -> UInt16 {
        guard dx != 0 || dy != 0 else { return 0 }
        var turns = atan2(dy, dx) / (2 * Double.pi)
        if turns < 0 { turns += 1 }
        return UInt16(truncatingIfNeeded: Int((turns * 65536).rounded()) & 0xFFFF)
    }

    /// The smaller angle between two headings, in heading units (0 ... 32768).
    public static func separation(_ a: UInt16, _ b: UInt16) -> UInt16 {
        let difference = a &- b
        return min(difference, 0 &- difference)
    }
}
