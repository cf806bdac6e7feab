import Foundation
import OrreryNet
import OrreryServer
import OrreryWebSocket
import OrreryWire
import TestSupport
import Testing

/// Routes, handshake checks, tickets, on-demand universes and the hello timeout, over real sockets.
@Suite(.serialized) struct RelayRouteTests {
    @Test func plainRoutesAnswer() async throws {
        let fixture = try RelayFixture { $0.universes = ["alpha", "beta"] }
        let port = fixture.server.port
        #expect(try httpGet(port: port, "/healthz") == (200, "ok\n"))
        #expect(try httpGet(port: port, "/nowhere").status == 404)
        _ = try await fixture.join("beta")
        #expect(await eventually { fixture.server.universes.first { $0.name == "beta" }?.stats.players == 1 })
        let universes = try httpGet(port: port, "/universes")
        let json = try JSONSerialization.jsonObject(with: Data(universes.body.utf8)) as? [String: [[String: Any]]]
        let list = json?["universes"] ?? []
        #expect(universes.status == 200 && list.map { $0["name"] as? String } == ["alpha", "beta"])
        #expect(list.last?["players"] as? Int == 1 && (list.last?["entities"] as? Int ?? 0) > 70)
        let metrics = try httpGet(port: port, "/metrics")
        #expect(metrics.status == 200)
        for family in ServerMetrics.catalogue.descriptors.map(\.name) where family != "orrery_handshakes_rejected_total"
            && family != "orrery_protocol_errors_total" {
            #expect(metrics.body.contains("# TYPE \(family) "), "\(family) missing")
        }
        #expect(metrics.body.contains("orrery_universe_players{universe=\"beta\"} 1"))
        #expect(metrics.body.contains("orrery_tick_duration_seconds_bucket{le=\"+Inf\"}"))
    }

    @Test func theTruthRouteServesTicksAndViews() async throws {
        let fixture = try RelayFixture()
        let client = try await fixture.join("demo")
        _ = await eventually { client.snapshot.frames >= 2 }
        let state = client.snapshot
        let tick = state.replica.tick
        let player = state.welcomes[0].playerId
        let truth = try httpGet(port: fixture.server.port, "/debug/universes/demo/truth?tick=\(tick)&observer=\(player)")
        let json = try JSONSerialization.jsonObject(with: Data(truth.body.utf8)) as? [String: Any]
        #expect(truth.status == 200 && json?["tick"] as? Int == Int(tick))
        let visible = (json?["visible"] as? [Int] ?? []).map(UInt32.init)
        #expect(Set(visible) == Set(state.replica.entities.keys))
        let entities = json?["entities"] as? [[String: Int]] ?? []
        for entity in entities {
            let record = state.replica.entities[UInt32(entity["id"]!)]
            #expect(record.map { Int($0.x) == entity["x"] && Int($0.vy) == entity["vy"] } == true)
        }
        #expect(try httpGet(port: fixture.server.port, "/debug/universes/demo/truth?tick=999999999").status == 404)
        #expect(try httpGet(port: fixture.server.port, "/debug/universes/nope/truth").status == 404)
    }

    @Test func badUpgradesAreRefusedBeforeTheUpgrade() async throws {
        let fixture = try RelayFixture()
        let probe = { GameClient(universe: "demo", truth: nil) }
        #expect(fixture.status(of: await fixture.open(probe(), protocols: [])) == 400)
        #expect(fixture.status(of: await fixture.open(probe(), path: "/universes/nope")) == 404)
        #expect(fixture.status(of: await fixture.open(probe(), path: "/universes/Bad%20Name")) == 400)
        #expect(fixture.status(of: await fixture.open(probe(), path: "/elsewhere")) == 404)
        #expect(await eventually {
            fixture.counter(ServerMetrics.handshakesRejected, ["no_subprotocol"]) == 1
                && fixture.counter(ServerMetrics.handshakesRejected, ["unknown_universe"]) == 1
                && fixture.counter(ServerMetrics.handshakesRejected, ["bad_universe_name"]) == 1
        })
    }

    @Test func ticketModeChecksTicketsBeforeTheUpgrade() async throws {
        let fixture = try RelayFixture { $0.ticketSecret = "s3cret" }
        let authority = TicketAuthority(secret: "s3cret")
        let now = Int64(Date().timeIntervalSince1970)
        let valid = try authority.mint(playerId: 42, universe: "demo", expiry: now + 600)
        let probe = { GameClient(universe: "demo", truth: nil) }
        #expect(fixture.status(of: await fixture.open(probe())) == 401)
        let forged = try TicketAuthority(secret: "other").mint(playerId: 42, universe: "demo", expiry: now + 600)
        #expect(fixture.status(of: await fixture.open(probe(), query: "ticket=\(forged)")) == 401)
        let expired = try authority.mint(playerId: 42, universe: "demo", expiry: now - 1)
        #expect(fixture.status(of: await fixture.open(probe(), query: "ticket=\(expired)")) == 403)
        let elsewhere = try authority.mint(playerId: 42, universe: "other", expiry: now + 600)
        #expect(fixture.status(of: await fixture.open(probe(), query: "ticket=\(elsewhere)")) == 403)
        let first = probe()
        #expect(await fixture.open(first, query: "ticket=\(valid)") == nil)
        first.send(.join(Join(role: .player)))
        #expect(await eventually { !first.snapshot.welcomes.isEmpty })
        // The same player again (ticket in the header this time) replaces the first session.
        let second = probe()
        #expect(await fixture.open(second, headers: [("Authorization", "Bearer \(valid)")]) == nil)
        second.send(.join(Join(role: .player)))
        #expect(await eventually { first.snapshot.closeCode == 4008 && !second.snapshot.welcomes.isEmpty })
        #expect(first.snapshot.errors == [4008])
        #expect(await eventually {
            fixture.counter(ServerMetrics.handshakesRejected, ["missing"]) == 1
                && fixture.counter(ServerMetrics.handshakesRejected, ["bad_signature"]) == 1
                && fixture.counter(ServerMetrics.handshakesRejected, ["expired"]) == 1
                && fixture.counter(ServerMetrics.handshakesRejected, ["wrong_universe"]) == 1
        })
    }

    @Test func universesAreCreatedOnDemandUpToTheMaximumAndRemovedWhenIdle() async throws {
        let fixture = try RelayFixture {
            $0.universes = []
            $0.createOnDemand = true
            $0.maximumUniverses = 2
            $0.emptyUniverseLingerSeconds = 0.1
            $0.policy.graceNanoseconds = 100_000_000
        }
        let one = try await fixture.join("one")
        _ = try await fixture.join("two")
        #expect(fixture.status(of: await fixture.open(GameClient(universe: "three", truth: nil))) == 503)
        #expect(Set(fixture.server.universes.map(\.name)) == ["one", "two"])
        _ = await eventually { one.snapshot.frames >= 2 }
        #expect(one.snapshot.problems.isEmpty && one.snapshot.checks > 0)
        one.send(.join(Join(role: .player)))
        #expect(await eventually { one.snapshot.closeCode == 4000 })
        // "one" is empty once the session's grace period is over, and removed after the linger time.
        #expect(await eventually { !fixture.server.universes.map(\.name).contains("one") })
        #expect(try await fixture.join("three").snapshot.welcomes.count == 1)
    }

    @Test func aConnectionThatNeverJoinsIsClosedWith4009() async throws {
        let fixture = try RelayFixture { $0.policy.helloTimeoutNanoseconds = 100_000_000 }
        let idle = GameClient(universe: "demo", truth: nil)
        #expect(await fixture.open(idle) == nil)
        #expect(await eventually { idle.snapshot.closeCode == 4009 })
        #expect(idle.snapshot.errors == [4009])
    }
}
