import OrreryWire
import Testing
@testable import OrrerySpectator

@Suite struct TrafficMeterTests {
    private let second: Int64 = 1_000_000_000

    @Test func countsTheLastSecondOnly() {
        var meter = TrafficMeter()
        meter.record(100, at: 0)
        meter.record(200, at: second / 2)
        meter.record(300, at: second * 6 / 5)
        #expect(meter.bytesPerSecond(at: second * 6 / 5) == 500)
        #expect(meter.bytesPerSecond(at: second * 8 / 5) == 300)
        #expect(meter.bytesPerSecond(at: second * 11 / 5) == 0)
        #expect(meter.totalBytes == 600)
    }

    @Test func manySamplesKeepTheWindowExact() {
        var meter = TrafficMeter()
        for millisecond in Int64(0)..<3000 { meter.record(Int(millisecond % 3) + 1, at: millisecond * 1_000_000) }
        // Samples at 2000...2999 ms: sizes 3, 1, 2 repeating from 2000 (2000 % 3 = 2): 333 cycles of 6, then 3.
        #expect(meter.bytesPerSecond(at: 2999 * 1_000_000) == 2001)
        #expect(meter.totalBytes == 6000)
    }

    @Test func statsComputeRoundTripFromPongs() {
        var stats = SpectatorStats()
        #expect(stats.roundTripMicroseconds == nil)
        stats.recordPong(Pong(clientTimestamp: 1_000, serverTick: 5), at: 1_850_000)
        #expect(stats.roundTripMicroseconds == 850)
        stats.recordPong(Pong(clientTimestamp: 9_999, serverTick: 5), at: 2_000_000)
        #expect(stats.roundTripMicroseconds == 0)
        #expect(stats.frameAge(at: 5) == nil)
        stats.recordFrame(at: 7)
        #expect(stats.frameAge(at: 10) == 3)
        #expect(stats.frames == 1)
    }
}
