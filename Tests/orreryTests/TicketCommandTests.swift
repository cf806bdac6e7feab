import Synchronization
import Testing
import OrreryServer
@testable import orrery

/// Collects what a command prints.
private final class Printed: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

@Suite struct TicketCommandTests {
    let now: Int64 = 1_700_000_000

    private func run(_ arguments: [String], environment: [String: String] = [:]) -> (Int32, [String], [String]) {
        let printed = Printed()
        var command = TicketCommand()
        command.now = { [now] in now }
        command.output = printed.append
        var errors: [String] = []
        let status = CommandLineTool(commands: [command]).run(
            arguments: ["ticket"] + arguments, environment: environment,
            output: { printed.append($0) }, errors: { errors.append($0) })
        return (status, printed.lines, errors)
    }

    @Test func printsATicketTheServerAccepts() throws {
        let (status, lines, errors) = run(["--player", "42", "--universe", "demo", "--ttl", "2h"],
                                          environment: ["ORRERY_TICKET_SECRET": "s3cret"])
        #expect(status == 0 && errors.isEmpty)
        let text = try #require(lines.first)
        #expect(text.hasPrefix("v1.42.demo.1700007200."))
        let ticket = try TicketAuthority(secret: "s3cret").verify(text, universe: "demo", now: now + 7199)
        #expect(ticket.playerId == 42)
        #expect(throws: TicketError.expired(expiry: now + 7200, now: now + 7200)) {
            try TicketAuthority(secret: "s3cret").verify(text, universe: "demo", now: now + 7200)
        }
    }

    @Test func secretOptionOverridesTheEnvironmentAndTtlDefaultsToAnHour() throws {
        let (status, lines, _) = run(["--player", "7", "--universe", "b", "--secret", "cli"],
                                     environment: ["ORRERY_TICKET_SECRET": "env"])
        #expect(status == 0)
        let text = try #require(lines.first)
        #expect(try TicketAuthority(secret: "cli").verify(text, now: now).expiry == now + 3600)
    }

    @Test func refusesAnEmptyOrMissingSecret() {
        for environment in [[:], ["ORRERY_TICKET_SECRET": ""]] {
            let (status, lines, errors) = run(["--player", "1", "--universe", "demo"], environment: environment)
            #expect(status == CommandLineTool.usageStatus)
            #expect(lines.isEmpty)
            #expect(errors.first?.contains("ORRERY_TICKET_SECRET") == true)
        }
    }

    @Test func refusesBadFields() {
        let secret = ["ORRERY_TICKET_SECRET": "s"]
        for arguments in [
            ["--universe", "demo"],
            ["--player", "4294967296", "--universe", "demo"],
            ["--player", "1"],
            ["--player", "1", "--universe", "Demo!"],
            ["--player", "1", "--universe", "demo", "--ttl", "0s"],
            ["--player", "1", "--universe", "demo", "--ttl", "1w"],
        ] {
            #expect(run(arguments, environment: secret).0 == CommandLineTool.usageStatus, "\(arguments)")
        }
    }

    @Test func ttlUnits() throws {
        #expect(try TicketCommand.ttlSeconds("90") == 90)
        #expect(try TicketCommand.ttlSeconds("90s") == 90)
        #expect(try TicketCommand.ttlSeconds("15m") == 900)
        #expect(try TicketCommand.ttlSeconds("1h") == 3600)
        #expect(try TicketCommand.ttlSeconds("7d") == 604_800)
        #expect(throws: UsageError.self) { try TicketCommand.ttlSeconds("-1h") }
        #expect(throws: UsageError.self) { try TicketCommand.ttlSeconds("h") }
    }

    @Test func isAStandardCommand() {
        #expect(CommandLineTool.standard.commands.contains { $0.name == "ticket" })
    }
}
