/// The tuning of the growth game. Distances in subunits (256 per metre), times in ticks (20 per second by
/// default), speeds in subunits per tick.
public struct GrowthConfig: Sendable, Hashable {
    /// Pellets kept in the world (default 600) and how many come back per tick at most (default 8).
    public var pellets = 600
    public var pelletsPerTick = 8
    /// Pellet radius (default 0.4 m).
    public var pelletRadius: Int32 = 100
    /// A new cell's radius (default 2 m); a cell of score s has radius `startRadius + 256 * sqrt(s)`.
    public var startRadius: Int32 = 512
    /// Top speed of a new cell (default 0.6 m per tick); a cell of radius r moves at
    /// `startSpeed * 2 * startRadius / (r + startRadius)`.
    public var startSpeed: Int32 = 154
    /// A cell eats another whose radius is at most this share of its own, in percent (default 90).
    public var edibleRadiusPercent: Int64 = 90
    /// Each second a cell above `decayFrom` points loses one point in `decayDivisor` (defaults 40 and 50).
    public var decayFrom: Int64 = 40
    public var decayDivisor: Int64 = 50
    /// Ticks from being eaten to a new cell (default 40).
    public var respawnDelay: UInt64 = 40

    /// The defaults described on each property.
    public init() {}
}
