/// The tuning of capture the flag. Distances in subunits (256 per metre), times in ticks (20 per second by
/// default), speeds in subunits per tick.
public struct CaptureConfig: Sendable, Hashable {
    /// Runner radius (default 1 m).
    public var runnerRadius: Int32 = 256
    /// Top runner speed (default 0.5 m per tick, 10 m/s at 20 Hz).
    public var runnerSpeed: Int32 = 128
    /// A carrier runs at this share of the top speed, in percent (default 75).
    public var carrierSpeedPercent: Int32 = 75
    /// Flag radius (default 1.5 m).
    public var flagRadius: Int32 = 384
    /// Base radius: a runner inside its base reloads and scores (default 8 m).
    public var baseRadius: Int32 = 8 * 256
    /// Shot radius, speed and lifetime (defaults 0.25 m, 2 m per tick, 15 ticks).
    public var shotRadius: Int32 = 64
    public var shotSpeed: Int32 = 512
    public var shotLifetime: UInt64 = 15
    /// Ticks between two shots of one runner (default 5).
    public var fireCooldown: UInt64 = 5
    /// Shots a runner carries at most and starts with (default 10); one comes back every `reloadTicks` in base.
    public var ammo: Int64 = 10
    public var reloadTicks: UInt64 = 10
    /// Ticks from being tagged to running again from the base (default 40).
    public var respawnDelay: UInt64 = 40
    /// A round ends after this many ticks (default 3 minutes at 20 Hz) or at `winningScore` captures.
    public var roundTicks: UInt64 = 3 * 60 * 20
    public var winningScore: Int64 = 3

    /// The defaults described on each property.
    public init() {}
}
