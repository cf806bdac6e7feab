import OrreryDigest
import OrreryProxy
import Testing

/// The shaper on a virtual clock (nanoseconds from 0): no sockets, no real time.
@Suite struct LinkShaperTests {
    private static let millisecond: Int64 = 1_000_000

    /// Arrivals at seeded random gaps (0-30 ms) with seeded random sizes (1-4000 bytes).
    private static func arrivals(count: Int, seed: UInt64) -> [(time: Int64, bytes: Int)] {
        var generator = SplitMix64(seed: seed)
        var time: Int64 = 0
        return (0..<count).map { _ in
            time += Int64(generator.next(upTo: 30)) * millisecond
            return (time, 1 + Int(generator.next(upTo: 3999)))
        }
    }

    /// Every departure of every chunk, per chunk.
    private static func run(_ shaper: inout LinkShaper,
                            _ arrivals: [(time: Int64, bytes: Int)]) -> [[Departure]] {
        arrivals.map { shaper.schedule($0.bytes, arrivingAt: $0.time) }
    }

    @Test func jitterNeverReordersTheStream() throws {
        let profile = try LinkProfile(delay: .milliseconds(50), jitter: .milliseconds(45))
        var shaper = LinkShaper(profile: profile, seed: 7)
        let input = Self.arrivals(count: 2000, seed: 1)
        let departures = Self.run(&shaper, input).flatMap { $0 }
        #expect(departures.count == input.count)
        #expect(zip(departures, departures.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(departures.map(\.byteCount) == input.map(\.bytes))
    }

    @Test func everyChunkLeavesWithinDelayPlusOrMinusJitter() throws {
        for (delay, jitter) in [(Int64(150), Int64(50)), (20, 20), (10, 30), (0, 5), (40, 0)] {
            let profile = try LinkProfile(delay: .milliseconds(delay), jitter: .milliseconds(jitter))
            var shaper = LinkShaper(profile: profile, seed: 99)
            let input = Self.arrivals(count: 1000, seed: 2)
            for (arrival, chunk) in zip(input, Self.run(&shaper, input)) {
                #expect(chunk.count == 1)
                let wait = chunk[0].time - arrival.time
                #expect(wait >= max(0, delay - jitter) * Self.millisecond)
                #expect(wait <= (delay + jitter) * Self.millisecond)
            }
        }
    }

    @Test func jitterIsDrawnPerChunkAcrossTheWholeRange() throws {
        let profile = try LinkProfile(delay: .milliseconds(150), jitter: .milliseconds(50))
        var shaper = LinkShaper(profile: profile, seed: 3)
        // One second apart, so no chunk is held back by the one before it: each wait is delay + draw.
        let waits = (0..<500).map { index -> Int64 in
            let arrival = Int64(index) * 1000 * Self.millisecond
            return shaper.schedule(100, arrivingAt: arrival)[0].time - arrival
        }
        #expect(Set(waits).count > 450)
        #expect(waits.min()! < 110 * Self.millisecond)
        #expect(waits.max()! > 190 * Self.millisecond)
        #expect(waits.allSatisfy { (100 * Self.millisecond...200 * Self.millisecond).contains($0) })
    }

    @Test func bandwidthNeverExceedsRateTimesTimePlusBurst() throws {
        let rate = 50_000
        let profile = try LinkProfile(delay: .milliseconds(20), jitter: .milliseconds(10), bytesPerSecond: rate)
        #expect(profile.burstBytes == 1460)
        var shaper = LinkShaper(profile: profile, seed: 11)
        let input = Self.arrivals(count: 400, seed: 5)
        let departures = Self.run(&shaper, input).flatMap { $0 }
        #expect(departures.map(\.byteCount).reduce(0, +) == input.map(\.bytes).reduce(0, +))
        #expect(zip(departures, departures.dropFirst()).allSatisfy { $0.time <= $1.time })
        // Any window [departures[i].time, departures[j].time] carries at most burst + rate × length.
        var violations: [ClosedRange<Int>] = []
        for start in departures.indices {
            var released = 0
            for end in start..<departures.count {
                released += departures[end].byteCount
                let length = departures[end].time - departures[start].time
                let allowed = Int64(profile.burstBytes) * 1_000_000_000 + Int64(rate) * length
                if Int64(released) * 1_000_000_000 > allowed { violations.append(start...end) }
            }
        }
        #expect(departures.count > 1000)
        #expect(violations.isEmpty)
    }

    @Test func aSaturatedLinkRunsAtItsRate() throws {
        let rate = 10_000
        let profile = try LinkProfile(bytesPerSecond: rate, burstBytes: 1000)
        var shaper = LinkShaper(profile: profile, seed: 1)
        let departures = shaper.schedule(21_000, arrivingAt: 0)
        #expect(departures.first == Departure(time: 0, byteCount: 1000))
        // The other 20 000 bytes need exactly 2 s of tokens, in pieces of 10 ms worth (100 bytes).
        #expect(departures.last?.time == 2_000 * Self.millisecond)
        #expect(departures.dropFirst().allSatisfy { $0.byteCount == 100 })
    }

    @Test func aChunkIsSplitWhenOnlyPartMayLeave() throws {
        let profile = try LinkProfile(delay: .milliseconds(10), bytesPerSecond: 1000, burstBytes: 100)
        #expect(profile.throttledPieceBytes == 10)
        var shaper = LinkShaper(profile: profile, seed: 1)
        let first = shaper.schedule(350, arrivingAt: 0)
        let expected = [Departure(time: 10 * Self.millisecond, byteCount: 100)]
            + (1...25).map { Departure(time: (10 + 10 * Int64($0)) * Self.millisecond, byteCount: 10) }
        #expect(first == expected)
        // Two seconds later the bucket is full again: a small chunk leaves whole, after the delay only.
        #expect(shaper.schedule(60, arrivingAt: 2_000 * Self.millisecond)
                    == [Departure(time: 2_010 * Self.millisecond, byteCount: 60)])
        // A chunk right behind it finds 40 bytes of tokens: 40 at once, then 10-byte pieces every 10 ms.
        #expect(shaper.schedule(55, arrivingAt: 2_000 * Self.millisecond) == [
            Departure(time: 2_010 * Self.millisecond, byteCount: 40),
            Departure(time: 2_020 * Self.millisecond, byteCount: 10),
            Departure(time: 2_025 * Self.millisecond, byteCount: 5),
        ])
    }

    @Test func theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() throws {
        let profile = try LinkProfile(delay: .milliseconds(80), jitter: .milliseconds(30), bytesPerSecond: 20_000)
        let input = Self.arrivals(count: 300, seed: 8)
        var first = LinkShaper(profile: profile, seed: 42)
        var again = LinkShaper(profile: profile, seed: 42)
        var other = LinkShaper(profile: profile, seed: 43)
        let schedule = Self.run(&first, input)
        #expect(Self.run(&again, input) == schedule)
        #expect(Self.run(&other, input) != schedule)
    }

    @Test func connectionsGetTheirOwnReproducibleSeeds() throws {
        let seeds = (0..<100).map { ConnectionSeeds(globalSeed: 1, connectionIndex: UInt64($0)) }
        #expect(seeds == (0..<100).map { ConnectionSeeds(globalSeed: 1, connectionIndex: UInt64($0)) })
        let all = seeds.flatMap { [$0.toUpstream, $0.toClient, $0.cut] }
        #expect(Set(all).count == all.count)
        #expect(ConnectionSeeds(globalSeed: 2, connectionIndex: 0) != seeds[0])
        let profile = try LinkProfile(delay: .milliseconds(100), jitter: .milliseconds(50))
        let input = Self.arrivals(count: 50, seed: 4)
        var connection0 = LinkShaper(profile: profile, seed: seeds[0].toUpstream)
        var connection1 = LinkShaper(profile: profile, seed: seeds[1].toUpstream)
        #expect(Self.run(&connection0, input) != Self.run(&connection1, input))
    }

    @Test func anUnshapedLinkPassesBytesOnAtOnce() {
        var shaper = LinkShaper(profile: .unshaped, seed: 1)
        #expect(shaper.schedule(70_000, arrivingAt: 5) == [Departure(time: 5, byteCount: 70_000)])
        // A late-stamped arrival is treated as simultaneous with the one before it.
        #expect(shaper.schedule(3, arrivingAt: 4) == [Departure(time: 5, byteCount: 3)])
    }

    /// Game-like traffic: one 100-byte frame every 50 ms.
    private static func ticks(_ count: Int) -> [(time: Int64, bytes: Int)] {
        (0..<count).map { (Int64($0) * 50 * millisecond, 100) }
    }

    @Test func aLostSegmentHoldsTheStreamForTheRetransmissionTimeoutThenBursts() throws {
        let profile = try LinkProfile(delay: .milliseconds(100), loss: 0.02)
        #expect(profile.retransmissionTimeoutNanoseconds == 200 * Self.millisecond)
        var shaper = LinkShaper(profile: profile, seed: 5)
        let input = Self.ticks(20_000)
        let departures = Self.run(&shaper, input).map { chunk in
            #expect(chunk.count == 1)
            return chunk[0]
        }
        // About 2 % of the 20 000 one-segment chunks were lost (a fixed seed: the count is always the same).
        #expect((300...500).contains(shaper.lostSegments), "\(shaper.lostSegments)")
        #expect(departures.map(\.byteCount) == input.map(\.bytes))
        let rto = profile.retransmissionTimeoutNanoseconds
        var heldBehind = 0
        var previous = Int64.min
        for (arrival, departure) in zip(input, departures) {
            let extra = departure.time - arrival.time - 100 * Self.millisecond
            // On time, or waiting for its own retransmission(s) (RTO × (2^k − 1)), or held behind an earlier
            // lost segment and released with it: never anything else, never reordered.
            let ownRetransmission = extra > 0 && extra % rto == 0 && ((extra / rto) + 1).nonzeroBitCount == 1
            let inTheBurst = extra > 0 && departure.time == previous
            #expect(extra == 0 || ownRetransmission || inTheBurst, "\(arrival.time): extra \(extra)")
            if inTheBurst && !ownRetransmission { heldBehind += 1 }
            #expect(departure.time >= previous)
            previous = departure.time
        }
        // A 200 ms stall at one frame per 50 ms holds the next 3-4 frames, which then leave with the lost one.
        #expect(heldBehind >= 3 * 300)
        let bursts = Dictionary(grouping: departures, by: \.time).values.map(\.count)
        #expect(bursts.filter { $0 >= 4 }.count >= 250)
    }

    @Test func aRetransmissionLostAgainWaitsTwiceAsLong() throws {
        let profile = try LinkProfile(delay: .milliseconds(10), loss: 0.5, retransmissionTimeout: .milliseconds(100))
        var shaper = LinkShaper(profile: profile, seed: 9)
        // 1000 s apart, so no chunk waits behind another: each wait is its own.
        var extras: [Int64: Int] = [:]
        for index in 0..<2000 {
            let arrival = Int64(index) * 1_000_000 * Self.millisecond
            let departure = shaper.schedule(1, arrivingAt: arrival)[0].time
            extras[(departure - arrival - 10 * Self.millisecond) / Self.millisecond, default: 0] += 1
        }
        // Half on time, a quarter after 100 ms, an eighth after 100 + 200 ms, ... and nothing in between.
        #expect(Set(extras.keys).isSubset(of: [0, 100, 300, 700, 1500, 3100, 6300, 12700, 25500]))
        #expect((900...1100).contains(extras[0] ?? 0) && (400...600).contains(extras[100] ?? 0))
        #expect((180...320).contains(extras[300] ?? 0) && (extras[700] ?? 0) > 50)
    }

    @Test func aLargerChunkIsMoreSegmentsAndMoreOftenLost() throws {
        let profile = try LinkProfile(loss: 0.02)
        var shaper = LinkShaper(profile: profile, seed: 4)
        func heldFraction(_ bytes: Int, _ offset: Int64) -> Double {
            let held = (0..<5000).filter { index in
                let arrival = offset + Int64(index) * 1_000_000 * Self.millisecond
                return shaper.schedule(bytes, arrivingAt: arrival)[0].time > arrival
            }
            return Double(held.count) / 5000
        }
        let small = heldFraction(1460, 0)
        // 14 600 bytes are 10 segments: held with probability 1 - 0.98^10, about 18 %.
        let large = heldFraction(14_600, 10_000_000_000 * Self.millisecond)
        #expect((0.01...0.03).contains(small) && (0.14...0.23).contains(large), "\(small) \(large)")
    }

    @Test func lossIsSeededAndLeavesTheJitterDrawsAlone() throws {
        let lossless = try LinkProfile(delay: .milliseconds(100), jitter: .milliseconds(30))
        let lossy = try LinkProfile(delay: .milliseconds(100), jitter: .milliseconds(30), loss: 0.02)
        let input = Self.arrivals(count: 3000, seed: 6)
        var plain = LinkShaper(profile: lossless, seed: 21)
        var first = LinkShaper(profile: lossy, seed: 21)
        var again = LinkShaper(profile: lossy, seed: 21)
        var other = LinkShaper(profile: lossy, seed: 22)
        let reference = Self.run(&plain, input).map { $0[0].time }
        let schedule = Self.run(&first, input)
        #expect(Self.run(&again, input) == schedule)
        #expect(Self.run(&other, input) != schedule)
        // Loss only ever delays: a chunk leaves as it would without loss, or later.
        let times = schedule.map { $0[0].time }
        #expect(zip(times, reference).allSatisfy { $0 >= $1 })
        #expect(zip(times, reference).filter { $0 == $1 }.count > 1500)
        #expect(first.lostSegments > 0 && plain.lostSegments == 0)
    }

    @Test func theRetransmissionTimeoutDefaultsToTCPsMinimumOrARoundTrip() throws {
        #expect(try LinkProfile(delay: .milliseconds(50)).retransmissionTimeoutNanoseconds == 200 * Self.millisecond)
        #expect(try LinkProfile(delay: .milliseconds(150)).retransmissionTimeoutNanoseconds == 300 * Self.millisecond)
        #expect(try LinkProfile(delay: .milliseconds(150), retransmissionTimeout: .milliseconds(250))
                    .retransmissionTimeoutNanoseconds == 250 * Self.millisecond)
        #expect(throws: LinkProfileError.lossOutOfRange(0.6)) { try LinkProfile(loss: 0.6) }
        #expect(throws: LinkProfileError.lossOutOfRange(-0.01)) { try LinkProfile(loss: -0.01) }
    }

    @Test func invalidProfilesAreRejected() {
        #expect(throws: LinkProfileError.negativeDuration(name: "delay", value: .milliseconds(-1))) {
            try LinkProfile(delay: .milliseconds(-1))
        }
        #expect(throws: LinkProfileError.bandwidthOutOfRange(bytesPerSecond: 10)) {
            try LinkProfile(bytesPerSecond: 10)
        }
        #expect(throws: LinkProfileError.burstTooSmall(bytes: 0)) {
            try LinkProfile(bytesPerSecond: 1000, burstBytes: 0)
        }
        #expect(LinkProfileError.bandwidthOutOfRange(bytesPerSecond: 10).description
                    == "bandwidth must be 125 to 1000000000000 bytes per second (got 10)")
    }
}
