import Foundation
import OrreryJournal
import Synchronization
import Testing
@testable import orrery

/// Collects what a command prints.
private final class Lines: Sendable {
    private let storage = Mutex<[String]>([])
    var all: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

@Suite struct JournalCommandTests {
    static let vector = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/journal-vectors/arena.orj").path

    private func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let lines = Lines()
        var verify = VerifyCommand()
        verify.output = lines.append
        var journal = JournalCommand()
        journal.output = lines.append
        let errors = Lines()
        let status = CommandLineTool(commands: [verify, journal]).run(arguments: arguments, environment: [:],
                                                                     output: lines.append, errors: errors.append)
        return (status, lines.all.joined(separator: "\n"), errors.all.joined(separator: "\n"))
    }

    @Test func infoDescribesTheGoldenMatch() {
        let result = run(["journal", "info", JournalCommandTests.vector])
        #expect(result.status == 0)
        for line in ["game:        arena", "ticks:       0-45 (45 ticks at 20 Hz)", "snapshots:   2",
                     "players:     2 joins, 2 distinct, 2 at most at once", "sync mode:   tick", "ending:      clean end"] {
            #expect(result.output.contains(line), "\(line)")
        }
    }

    @Test func verifyPassesTheGoldenMatchAndNamesDamage() throws {
        let clean = run(["verify", JournalCommandTests.vector])
        #expect(clean.status == 0)
        #expect(clean.output.contains("verified: 45 ticks, every state hash matches"))

        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: JournalCommandTests.vector)))
        bytes[300] ^= 0x20
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID()).orj").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let damaged = run(["verify", path])
        #expect(damaged.status == 1)
        #expect(damaged.errors.contains("is corrupted: CRC-32C stored"), "\(damaged.errors)")
        #expect(damaged.errors.contains("at byte 2"), "\(damaged.errors)")

        let foreign = run(["journal", "info", #filePath])
        #expect(foreign.status == 1 && foreign.errors.contains("not an Orrery journal"))
        #expect(run(["journal", "list", path]).status == CommandLineTool.usageStatus)
    }

    /// A tick record whose hash was changed (with a valid checksum) is reported as the first divergent tick.
    @Test func verifyNamesTheFirstDivergentTick() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: JournalCommandTests.vector)))
        var records = try JournalReader.readAll(bytes: bytes).records
        let index = try #require(records.firstIndex { $0.tick == 30 })
        records[index] = .tick(tick: 30, hash: 12345)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diverged-\(UUID()).orj").path
        try Data(JournalFormat.file(records)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run(["verify", path])
        #expect(result.status == 1)
        #expect(result.output.contains("DIVERGED at tick 30 (record \(index) at byte"), "\(result.output)")
        #expect(result.output.contains("recorded hash 0000000000003039"))
        #expect(result.output.contains("the universe equals the snapshot of tick 40"))
    }
}

private extension JournalRecord {
    var tick: UInt64? {
        if case .tick(let tick, _) = self { return tick }
        return nil
    }
}
