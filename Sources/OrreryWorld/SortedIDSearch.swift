/// Binary search over arrays kept sorted by a 32-bit id (entity records, players, observers, destroyed records).
enum SortedIDSearch {
    /// The index of the element whose id is `target` in `elements` (sorted by `id`, ascending, no duplicates),
    /// or nil when there is none.
    @inline(__always)
    static func index<Element>(of target: UInt32, in elements: [Element], id: (Element) -> UInt32) -> Int? {
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = id(elements[middle])
            if candidate == target { return middle }
            if candidate < target { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
