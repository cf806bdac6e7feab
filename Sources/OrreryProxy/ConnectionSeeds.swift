import OrreryDigest

/// The seeds of one proxied connection, derived from the global seed and the connection's index
/// (0 for the first accepted connection), so each connection is reproducible on its own.
public struct ConnectionSeeds: Equatable, Sendable {
    /// Seeds the jitter of the client → upstream direction.
    public let toUpstream: UInt64
    /// Seeds the jitter of the upstream → client direction.
    public let toClient: UInt64
    /// Seeds the connection's cut time.
    public let cut: UInt64

    /// The seeds of connection `connectionIndex` under `globalSeed`: hash(global seed, index).
    public init(globalSeed: UInt64, connectionIndex: UInt64) {
        var generator = SplitMix64(seed: SplitMix64.mix(SplitMix64.mix(globalSeed) ^ connectionIndex))
        toUpstream = generator.next()
        toClient = generator.next()
        cut = generator.next()
    }
}
