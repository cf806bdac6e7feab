/// One stored entity: its visible state plus the simulation's bookkeeping.
struct EntityRecord: Sendable {
    /// Bit in `flags`: velocity, heading or position changed other than by integration since the last view update.
    static let changedFlag: UInt8 = 1
    /// Bit in `flags`: destroyed, waiting to be removed at the end of the tick.
    static let deadFlag: UInt8 = 2
    /// Bit in `flags`: an entity property changed since the last view update.
    static let propertiesChangedFlag: UInt8 = 8
    /// The flags that make a seen entity worth an event.
    static let anyChangeFlags: UInt8 = changedFlag | propertiesChangedFlag

    var state: EntityState
    /// Tick at which the entity expires (0 = never).
    var expiresAt: UInt64
    /// Tick at which the rules' `entityWoke` hook runs for it (0 = never).
    var wakeAt: UInt64
    /// Free for the rules.
    var userData: Int64
    /// The player whose avatar this is (0 = none).
    var avatarOf: UInt32
    var flags: UInt8

    var isDead: Bool { flags & EntityRecord.deadFlag != 0 }
    var isChanged: Bool { flags & EntityRecord.changedFlag != 0 }
    var hasChangedProperties: Bool { flags & EntityRecord.propertiesChangedFlag != 0 }
}
