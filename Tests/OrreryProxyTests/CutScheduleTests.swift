import OrreryProxy
import Testing

@Suite struct CutScheduleTests {
    @Test func neverMeansNever() {
        #expect((0..<100).allSatisfy { CutSchedule.never.cutAfter(seed: $0) == nil })
    }

    @Test func cutsFallBetweenHalfAndOneAndAHalfTimesTheMean() throws {
        let schedule = CutSchedule(every: .seconds(10))
        let cuts = (0..<1000).map { index in
            schedule.cutAfter(seed: ConnectionSeeds(globalSeed: 1, connectionIndex: index).cut)!
        }
        #expect(cuts.allSatisfy { (.seconds(5)...(.seconds(15))).contains($0) })
        #expect(cuts.min()! < .seconds(6))
        #expect(cuts.max()! > .seconds(14))
        #expect(Set(cuts).count > 990)
    }

    @Test func theSameSeedCutsAtTheSameTime() {
        let schedule = CutSchedule(every: .milliseconds(300))
        #expect(schedule.cutAfter(seed: 17) == schedule.cutAfter(seed: 17))
        #expect(schedule.cutAfter(seed: 17) != schedule.cutAfter(seed: 18))
    }

    @Test func tinyIntervalsStayInRange() {
        let schedule = CutSchedule(every: .nanoseconds(1))
        #expect((0..<50).allSatisfy { schedule.cutAfter(seed: $0) == .nanoseconds(1) })
        let odd = CutSchedule(every: .nanoseconds(5))
        #expect((0..<200).allSatisfy { (.nanoseconds(3)...(.nanoseconds(7))).contains(odd.cutAfter(seed: $0)!) })
    }
}
