/// A set of property indexes of one scope (bit i = index i), as carried by the state events of `ViewEvent`.
/// Iterating yields the indexes in ascending order.
public struct PropertyMask: Sendable, Hashable, Sequence {
    /// Bit i set = property index i.
    public var rawValue: UInt32

    /// A mask from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The indexes of the values that are not their default (position in `values` = index).
    init(nonDefault values: some Sequence<PropertyValue>) {
        var mask: UInt32 = 0
        for (index, value) in values.enumerated() where !value.isDefault { mask |= 1 << UInt32(index) }
        rawValue = mask
    }

    /// Whether no index is set.
    public var isEmpty: Bool { rawValue == 0 }

    /// The number of indexes set.
    public var count: Int { rawValue.nonzeroBitCount }

    /// Whether index `index` is set.
    public func contains(_ index: UInt8) -> Bool {
        index < 32 && rawValue & (1 << UInt32(index)) != 0
    }

    /// An iterator over the indexes set, ascending.
    public func makeIterator() -> Iterator { Iterator(remaining: rawValue) }

    /// Yields the indexes of a mask, ascending.
    public struct Iterator: IteratorProtocol, Sendable {
        var remaining: UInt32

        /// The next index, nil when done.
        public mutating func next() -> UInt8? {
            guard remaining != 0 else { return nil }
            let index = UInt8(remaining.trailingZeroBitCount)
            remaining &= remaining &- 1
            return index
        }
    }
}
