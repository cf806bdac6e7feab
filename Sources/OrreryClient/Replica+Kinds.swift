extension Replica {
    /// Whether entities of `kind` are likely steered by players, for generic clients that follow or chase them:
    /// with a schema, kinds drawn as triangles or with a label (a name); without one (version 1, the arena),
    /// player ships (kind 1).
    public func isPlayerKind(_ kind: UInt8) -> Bool {
        guard let schema else { return kind == 1 }
        return schema.kinds.contains { $0.code == kind && ($0.shape == .triangle || $0.label > 0) }
    }
}
