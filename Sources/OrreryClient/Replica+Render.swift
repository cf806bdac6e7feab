import OrreryWire

extension Replica {
    /// Where entity `id` is at fractional tick `renderTick` (e.g. 1001.4), dead-reckoned from the replica's
    /// exact state: position + velocity × (renderTick − tick). Nil if the entity is not in view.
    public func position(of id: UInt32, atTick renderTick: Double) -> RenderPosition? {
        guard let entity = entities[id] else { return nil }
        let elapsed = renderTick - Double(tick)
        return RenderPosition(x: Double(entity.x) + Double(entity.vx) * elapsed,
                              y: Double(entity.y) + Double(entity.vy) * elapsed)
    }
}
