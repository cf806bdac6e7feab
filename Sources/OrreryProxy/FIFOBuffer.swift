/// A queue appended at the back and consumed from the front, contiguous so its head can be sent as one slice.
struct FIFOBuffer<Element> {
    /// Consumed elements are compacted away once at least this many sit at the front.
    private static var compactionThreshold: Int { 16 * 1024 }
    /// Storage up to this many elements is kept when the queue empties; after a burst, larger storage is
    /// released so an idle connection holds little memory.
    private static var retainedCapacity: Int { 4096 }

    private var storage: [Element] = []
    private var head = 0

    /// Elements still queued.
    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }
    var first: Element? { isEmpty ? nil : storage[head] }

    /// The queued elements, in order.
    var pending: ArraySlice<Element> { storage[head...] }

    mutating func append(_ elements: ArraySlice<Element>) { storage.append(contentsOf: elements) }

    /// Lets `body` append to the storage directly (it must only append).
    mutating func append(writing body: (inout [Element]) -> Void) { body(&storage) }

    /// Drops `count` elements from the front.
    mutating func removeFirst(_ count: Int) {
        head += count
        if head == storage.count {
            if storage.capacity > Self.retainedCapacity {
                storage = []
            } else {
                storage.removeAll(keepingCapacity: true)
            }
            head = 0
        } else if head >= Self.compactionThreshold, head * 2 >= storage.count {
            storage.removeSubrange(0..<head)
            head = 0
        }
    }

    /// Empties the queue and releases its storage.
    mutating func removeAll() {
        storage = []
        head = 0
    }
}
