/// Cuts a stream into consecutive pieces, as reads from a socket would: the sizes come from a seed, so one input
/// always splits the same way. Small seeds give byte-by-byte feeding; others mix sizes up to 64.
public enum Pieces {
    /// The ranges covering `0..<count` in order, none empty.
    public static func ranges(count: Int, seed: UInt8) -> [Range<Int>] {
        let largest = [1, 2, 3, 7, 16, 64][Int(seed) % 6]
        var state = UInt32(seed) &* 2_654_435_761 | 1
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            let size = 1 + Int(state % UInt32(largest))
            let end = min(count, start + size)
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}
