/// A deterministic byte pattern of `count` bytes; `seed` shifts it.
public func pattern(_ count: Int, seed: Int = 0) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: (index &* 31 &+ seed) % 251)) }
    return bytes
}
