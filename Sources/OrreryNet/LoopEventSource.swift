import OrreryPosix

/// Anything registered with a loop's epoll: connections, listeners, pending connects.
protocol LoopEventSource: AnyObject {
    /// Handles readiness reported for this source's token.
    func handle(_ events: EpollEvents)
    /// Releases everything because the loop is stopping.
    func loopDidStop()
}
