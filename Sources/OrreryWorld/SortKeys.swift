/// An in-place, allocation-free sort for the 64-bit keys the hot paths order (the standard library's sort may
/// allocate a merge buffer): quicksort with median-of-three pivots and insertion sort for short ranges, falling
/// back to heapsort when recursion gets deep.
enum SortKeys {
    /// Sorts `keys` ascending in place.
    static func sort(_ keys: inout [UInt64]) {
        guard keys.count > 1 else { return }
        var depthLimit = 2 * (Int.bitWidth - keys.count.leadingZeroBitCount)
        quicksort(&keys, keys.startIndex, keys.endIndex - 1, &depthLimit)
    }

    private static func quicksort(_ keys: inout [UInt64], _ low: Int, _ high: Int, _ depth: inout Int) {
        var low = low
        var high = high
        while high - low > 16 {
            if depth == 0 {
                heapsort(&keys, low, high)
                return
            }
            depth -= 1
            let pivot = medianOfThree(keys[low], keys[(low + high) / 2], keys[high])
            var left = low
            var right = high
            while left <= right {
                while keys[left] < pivot { left += 1 }
                while keys[right] > pivot { right -= 1 }
                if left <= right {
                    keys.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if right - low < high - left {
                quicksort(&keys, low, right, &depth)
                low = left
            } else {
                quicksort(&keys, left, high, &depth)
                high = right
            }
        }
        insertionSort(&keys, low, high)
    }

    private static func insertionSort(_ keys: inout [UInt64], _ low: Int, _ high: Int) {
        guard low < high else { return }
        for index in (low + 1)...high {
            let key = keys[index]
            var hole = index
            while hole > low && keys[hole - 1] > key {
                keys[hole] = keys[hole - 1]
                hole -= 1
            }
            keys[hole] = key
        }
    }

    private static func heapsort(_ keys: inout [UInt64], _ low: Int, _ high: Int) {
        let count = high - low + 1
        for start in stride(from: count / 2 - 1, through: 0, by: -1) {
            siftDown(&keys, low, start, count)
        }
        for end in stride(from: count - 1, to: 0, by: -1) {
            keys.swapAt(low, low + end)
            siftDown(&keys, low, 0, end)
        }
    }

    private static func siftDown(_ keys: inout [UInt64], _ base: Int, _ start: Int, _ count: Int) {
        var root = start
        while 2 * root + 1 < count {
            var child = 2 * root + 1
            if child + 1 < count && keys[base + child] < keys[base + child + 1] { child += 1 }
            if keys[base + root] >= keys[base + child] { return }
            keys.swapAt(base + root, base + child)
            root = child
        }
    }

    private static func medianOfThree(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
    }
}
