import OrreryPosix

/// Holds a signal descriptor so that a thread other than the one that created it can wait on it.
final class SignalWaiter: @unchecked Sendable {
    let descriptor: SignalDescriptor

    init(_ descriptor: consuming SignalDescriptor) {
        self.descriptor = descriptor
    }
}
