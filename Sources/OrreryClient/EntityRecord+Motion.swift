import OrreryWire

extension EntityRecord {
    /// The state `ticks` ticks later by the motion rule: position += velocity each tick, wrapping like
    /// `ticks` repeated `&+=` additions; velocity and heading unchanged.
    public func advanced(byTicks ticks: UInt64) -> EntityRecord {
        var next = self
        let k = Int32(truncatingIfNeeded: ticks)
        next.x = x &+ (vx &* k)
        next.y = y &+ (vy &* k)
        return next
    }

    /// This entity with the motion state of a changed event.
    public func applying(_ motion: EntityMotion) -> EntityRecord {
        var next = self
        next.x = motion.x
        next.y = motion.y
        next.vx = motion.vx
        next.vy = motion.vy
        next.heading = motion.heading
        return next
    }
}
