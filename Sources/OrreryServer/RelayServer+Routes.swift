import Foundation
import OrreryNet
import OrreryPosix
import OrreryWebSocket

extension RelayServer {
    /// The upgrade hook (on the connection's loop): the gate's decision, a host for a new universe, the handler.
    func route(_ upgrade: WebSocketUpgrade, _ peer: SocketAddress?) -> WebSocketRoute {
        let peerKey = peer?.host ?? "unknown"
        let result = gate.admit(path: upgrade.path, query: upgrade.query,
                                authorization: upgrade.request.headers["Authorization"],
                                selectedProtocol: upgrade.selectedProtocol, peer: peerKey,
                                now: LoopState.now(), unixTime: Int64(Date().timeIntervalSince1970))
        switch result {
        case .success(let admission):
            if admission.isNew { createHost(admission.universe) }
            return .accept(GameConnection(relay: self, admission: admission))
        case .failure(let rejection):
            if let state = states.first(where: { $0.loop.isOnLoopThread }) {
                state.metrics.rejected(status: rejection.status, reason: rejection.reason)
            }
            logger.log(rejection.status == 429 ? .debug : .info, "handshake_rejected",
                       ["peer": peerKey, "path": upgrade.path, "status": rejection.status,
                        "reason": rejection.reason])
            return .reject(Self.status(rejection.status), message: rejection.message)
        }
    }

    /// The plain GET routes; nil leaves `/healthz` and 404 to the WebSocket server.
    func respond(to request: HTTPRequestHead) -> [UInt8]? {
        if let page = webViewResponse(to: request) { return page }
        switch request.path {
        case "/metrics":
            return HTTPResponse.plain(.ok, contentType: PrometheusText.contentType,
                                      body: Array(PrometheusText.render(metricsSnapshot()).utf8))
        case "/universes":
            return json(.ok, universesJSON())
        default:
            guard configuration.debugTruth, request.path.hasPrefix("/debug/universes/"),
                  request.path.hasSuffix("/truth") else { return nil }
            return truth(request)
        }
    }

    /// `{"universes":[{"name":..,"players":..,"spectators":..,"tick":..,"entities":..,"loop":..,"onDemand":..}]}`
    func universesJSON() -> String {
        let items = universes.map { entry in
            "{\"name\":\"\(entry.name)\",\"players\":\(entry.stats.players),\"spectators\":\(entry.stats.spectators),"
                + "\"tick\":\(entry.stats.tick),\"entities\":\(entry.stats.entities),\"loop\":\(entry.loop),"
                + "\"onDemand\":\(entry.onDemand)}"
        }
        return "{\"universes\":[" + items.joined(separator: ",") + "]}"
    }

    /// `GET /debug/universes/{name}/truth?tick=T&observer=ID`: the truth at tick T (the newest without it).
    /// `observer` is an observer id, not an entity id: a player's id (its welcome's `player`) or a spectator's id
    /// (listed in the body without `observer`); see `TruthLog.json`.
    private func truth(_ request: HTTPRequestHead) -> [UInt8] {
        let name = String(request.path.dropFirst("/debug/universes/".count).dropLast("/truth".count))
        guard let log = truthLog(for: name) else { return json(.notFound, "{\"error\":\"no such universe\"}") }
        var tick: UInt64?
        var observer: UInt32?
        for pair in (request.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "tick" { tick = UInt64(parts[1]) }
            if parts[0] == "observer" { observer = UInt32(parts[1]) }
        }
        guard let record = log.record(at: tick) else {
            let range = log.range.map { "\"oldest\":\($0.lowerBound),\"newest\":\($0.upperBound)" } ?? "\"oldest\":null"
            return json(.notFound, "{\"error\":\"tick not kept\",\(range)}")
        }
        guard let body = TruthLog.json(record, universe: name, observer: observer) else {
            return json(.notFound, "{\"error\":\"no such observer at tick \(record.tick)\"}")
        }
        return json(.ok, body)
    }

    private func json(_ status: HTTPStatus, _ body: String) -> [UInt8] {
        HTTPResponse.plain(status, contentType: "application/json", body: Array((body + "\n").utf8))
    }

    /// The HTTP status with its reason phrase.
    static func status(_ code: Int) -> HTTPStatus {
        switch code {
        case 400: .badRequest
        case 401: HTTPStatus(code: 401, reason: "Unauthorized")
        case 403: .forbidden
        case 404: .notFound
        case 429: HTTPStatus(code: 429, reason: "Too Many Requests")
        default: .serviceUnavailable
        }
    }
}
