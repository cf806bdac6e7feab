import Synchronization

/// Values collected from loop threads.
public final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    /// An empty recorder.
    public init() {}

    /// Appends `value`.
    public func record(_ value: Value) { values.withLock { $0.append(value) } }

    /// Everything recorded so far, in order.
    public var all: [Value] { values.withLock { $0 } }
}
