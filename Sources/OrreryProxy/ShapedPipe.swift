import OrreryNet

/// One direction of a proxied connection: reads from `source`, holds the bytes until its `LinkShaper`
/// lets them leave, then sends them to `sink`. Loop-confined.
///
/// Backpressure: when the sink is a slow consumer (over its outbound cap after a flush) due bytes stay
/// here until it drains; when more than `queueLimit` bytes are held, the source stops being read until
/// half of them have left. So one direction never holds much more than `queueLimit + outboundCap`
/// plus one read.
final class ShapedPipe {
    /// The connection bytes come from (`nil` once it closed).
    var source: Connection?
    /// The connection bytes go to (`nil` until connected, and once it closed).
    var sink: Connection?
    /// Whether the pipe is done: its sink closed, or everything was delivered after its source closed.
    private(set) var isFinished = false

    private let server: ProxyServer
    private let direction: PipeDirection
    private var shaper: LinkShaper
    private var bytes = FIFOBuffer<UInt8>()
    private var departures = FIFOBuffer<Departure>()
    private var timer: TimerHandle?
    private var timerDeadline = Int64.max
    private var sinkIsSlow = false
    private var sourceIsPaused = false
    private var sourceEnded = false

    init(server: ProxyServer, direction: PipeDirection, seed: UInt64) {
        self.server = server
        self.direction = direction
        shaper = LinkShaper(profile: server.configuration.link, seed: seed)
    }

    private var loop: EventLoop { server.loop }

    /// Bytes read from the source: schedule them, send what is already due.
    func receive(_ chunk: ArraySlice<UInt8>) {
        guard !isFinished, !sourceEnded, !chunk.isEmpty else { return }
        let now = loop.now.nanoseconds
        let lost = shaper.lostSegments
        departures.append { shaper.schedule(chunk.count, arrivingAt: now, into: &$0) }
        server.statistics.lostSegments += shaper.lostSegments - lost
        bytes.append(chunk)
        release(at: now)
    }

    /// The sink went over its outbound cap: hold due bytes until it drains.
    func sinkIsSlowConsumer() {
        sinkIsSlow = true
        cancelTimer()
    }

    /// The sink's outbound buffer emptied: send what came due meanwhile.
    func sinkDidDrain() {
        guard sinkIsSlow else { return }
        sinkIsSlow = false
        release(at: loop.now.nanoseconds)
    }

    /// The source closed: deliver what it already sent on schedule, then close the sink gracefully.
    func sourceDidClose() {
        source = nil
        sourceEnded = true
        if bytes.isEmpty { finish(closingSink: true) }
    }

    /// The sink closed: nothing more can be delivered.
    func sinkDidClose() {
        sink = nil
        finish(closingSink: false)
    }

    /// Stops the pipe, dropping held bytes; with `closingSink`, closes the sink gracefully.
    func finish(closingSink: Bool) {
        guard !isFinished else { return }
        isFinished = true
        cancelTimer()
        bytes.removeAll()
        departures.removeAll()
        if closingSink { sink?.close(timeout: server.configuration.closeTimeout) }
    }

    /// Sends every byte whose departure time has come (unless the sink is slow) and re-arms the timer.
    private func release(at now: Int64) {
        guard !isFinished, let sink else { return }
        if !sinkIsSlow {
            var due = 0
            var count = 0
            for departure in departures.pending {
                guard departure.time <= now else { break }
                due += departure.byteCount
                count += 1
            }
            if due > 0 {
                departures.removeFirst(count)
                sink.send(bytes.pending.prefix(due))
                bytes.removeFirst(due)
                server.recordDelivered(due, direction: direction)
            }
        }
        server.recordBuffered(bytes.count + sink.pendingOutboundBytes)
        if bytes.isEmpty, sourceEnded {
            finish(closingSink: true)
            return
        }
        armTimer()
        updateSourceReading()
    }

    private func armTimer() {
        guard !sinkIsSlow, let next = departures.first?.time else {
            cancelTimer()
            return
        }
        guard next != timerDeadline else { return }
        cancelTimer()
        timerDeadline = next
        timer = loop.schedule(at: MonotonicTime(nanoseconds: next)) { [weak self] _ in
            guard let self else { return }
            timer = nil
            timerDeadline = .max
            release(at: loop.now.nanoseconds)
        }
    }

    private func cancelTimer() {
        loop.cancel(&timer)
        timerDeadline = .max
    }

    private func updateSourceReading() {
        guard let source, source.state == .open else { return }
        let limit = server.configuration.queueLimit
        if !sourceIsPaused, bytes.count >= limit {
            sourceIsPaused = true
            source.pauseReading()
            server.statistics.readPauses += 1
        } else if sourceIsPaused, bytes.count <= limit / 2 {
            sourceIsPaused = false
            source.resumeReading()
        }
    }
}
