/// Integer trigonometry on `UInt16` headings (65536 = one turn) from a sine table built once, deterministically.
///
/// The table has 4096 entries per turn with values scaled by `Trig.scale` (2^14). It is computed with a fixed
/// sequence of IEEE double operations (a Taylor series, no libm), so it is identical on every platform.
public enum Trig {
    /// The fixed-point scale of table values: `sin` returns `scale * sin(angle)` rounded.
    public static let scale: Int32 = 1 << 14

    private static let table: [Int32] = makeTable()

    /// `scale * sin(heading)`, rounded, resolution 1/4096 turn.
    public static func sin(_ heading: UInt16) -> Int32 {
        table[Int(heading >> 4)]
    }

    /// `scale * cos(heading)`, rounded, resolution 1/4096 turn.
    public static func cos(_ heading: UInt16) -> Int32 {
        table[Int((heading &+ 16384) >> 4)]
    }

    /// The vector of length `length` pointing along `heading`, each component rounded to the nearest integer.
    public static func vector(heading: UInt16, length: Int32) -> (x: Int32, y: Int32) {
        (scaled(length, cos(heading)), scaled(length, sin(heading)))
    }

    private static func scaled(_ length: Int32, _ factor: Int32) -> Int32 {
        let product = Int64(length) * Int64(factor)
        return Int32(truncatingIfNeeded: (product + Int64(scale / 2)) >> 14)
    }

    private static func makeTable() -> [Int32] {
        let quarter = 1024
        var firstQuarter = [Int32](repeating: 0, count: quarter + 1)
        for index in 0...quarter {
            let angle = Double(index) * (Double.pi / 2) / Double(quarter)
            firstQuarter[index] = Int32(taylorSine(angle) * Double(scale) + 0.5)
        }
        var result = [Int32](repeating: 0, count: 4 * quarter)
        for index in 0..<(4 * quarter) {
            let within = index % quarter
            switch index / quarter {
            case 0: result[index] = firstQuarter[within]
            case 1: result[index] = firstQuarter[quarter - within]
            case 2: result[index] = -firstQuarter[within]
            default: result[index] = -firstQuarter[quarter - within]
            }
        }
        return result
    }

    /// sin(x) for 0 ≤ x ≤ π/2 by its Taylor series to x^21 (error far below the table's resolution).
    private static func taylorSine(_ x: Double) -> Double {
        let square = x * x
        var term = x
        var sum = x
        var n = 1.0
        for _ in 0..<10 {
            term = -term * square / ((n + 1) * (n + 2))
            sum += term
            n += 2
        }
        return sum
    }
}
