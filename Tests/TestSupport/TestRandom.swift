import OrreryDigest

/// The seeded generator tests draw reproducible data from: the project's one SplitMix64.
public typealias TestRandom = SplitMix64
