import Testing
@testable import orrery

@Suite struct BenchCommandTests {
    @Test func unknownModesAndBadPlayerCountsAreUsageErrors() {
        var errors: [String] = []
        let tool = CommandLineTool.standard
        #expect(tool.run(arguments: ["bench", "nope"], environment: [:], output: { _ in },
                         errors: { errors.append($0) }) == CommandLineTool.usageStatus)
        #expect(tool.run(arguments: ["bench", "tick", "--players", "10,0"], environment: [:], output: { _ in },
                         errors: { errors.append($0) }) == CommandLineTool.usageStatus)
        #expect(errors.count == 2 && errors[0].contains("'tick', 'bandwidth' or 'journal'") && errors[1].contains("'0'"))
    }

    @Test func smallRunsReportEverySizeAndBothRatios() throws {
        let tick = try BenchTick(playerCounts: [2, 4], ticks: 5, warmup: 1, seed: 3).run()
        #expect(tick.contains("| 2 |") && tick.contains("| 4 |") && tick.contains("| 2 → 4 | 2.00 |"))
        let watched = try BenchTick(playerCounts: [3], spectators: 2, ticks: 3, warmup: 1, seed: 3).run()
        #expect(watched.contains("2 whole-world spectators") && watched.contains("| 3 |"))
        let bandwidth = try BenchBandwidth(players: 3, seconds: 1, warmup: 2, seed: 3).run()
        #expect(bandwidth.contains("ours / full snapshot") && bandwidth.contains("ours / position deltas"))
        #expect(BenchBandwidth.webSocketHeader(125) == 2 && BenchBandwidth.webSocketHeader(126) == 4
                && BenchBandwidth.webSocketHeader(65_536) == 10)
    }
}
