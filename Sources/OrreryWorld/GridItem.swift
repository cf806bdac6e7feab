/// One entity as filed in a grid cell: a copy of what the hot loops need, so scanning a cell reads contiguous
/// memory instead of jumping through the entity store.
struct GridItem: Sendable {
    var x: Int32
    var y: Int32
    var id: UInt32
    /// The entity's slot in the store when the grid was built.
    var slot: Int32
    var radius: Int32
    /// The record's flags when the grid was built.
    var flags: UInt8
}
