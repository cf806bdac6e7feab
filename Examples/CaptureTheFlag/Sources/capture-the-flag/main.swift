// `swift run capture-the-flag [PORT] [BOTS]`: a relay serving one universe, "ctf", with the capture-the-flag
// rules on ws://127.0.0.1:PORT (default 8080), and BOTS bots (default 0) playing it with the game's own brain.
// Watch it at http://127.0.0.1:PORT/ or with `orrery spectate ws://127.0.0.1:PORT/universes/ctf`.
import CaptureTheFlag
import CaptureTheFlagBots
import OrreryBots
import OrreryServer

let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
var configuration = RelayConfiguration()
configuration.port = numbers.first ?? 8080
configuration.universes = ["ctf"]
configuration.worldMetres = 200
configuration.viewRadiusMetres = 60
configuration.rules = { _, _ in CaptureRules() }

var swarm: Swarm?
try RelayServer.run(configuration) { server in
    guard numbers.count > 1, numbers[1] > 0 else { return }
    var bots = SwarmConfiguration(host: configuration.host, port: server.port, universes: configuration.universes,
                                  count: numbers[1], behaviors: [.wander])
    bots.brain = { _, seed in CaptureBotBrain(seed: seed) }
    swarm = try Swarm(configuration: bots)
    swarm?.start()
}
_ = swarm?.stop()
