import Foundation
import OrreryNet
import OrreryPosix
import OrreryWebSocket
import OrreryWire

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
            // Logged here, on the front loop, rather than on the universe's loop.
            logger.info("connection_opened", ["universe": admission.universe.name, "peer": peerKey,
                                              "player": admission.identity.map { "\($0)" } ?? "-"])
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

    /// The plain GET (and HEAD) routes, after the per-address request rate (429); nil leaves `/healthz` and 404 to
    /// the WebSocket server.
    func respond(to request: HTTPRequestHead, _ peer: SocketAddress?) -> [UInt8]? {
        guard gate.admitRequest(peer: peer?.host ?? "unknown", now: LoopState.now()) else {
            let wait = Int((1 / configuration.httpRequestsPerIPPerSecond).rounded(.up))
            return HTTPResponse.error(Self.status(429), message: "too many requests: retry after \(max(1, wait)) s",
                                      headers: [("Retry-After", "\(max(1, wait))")])
        }
        let cors = crossOriginHeaders(for: request)
        if let page = webViewResponse(to: request, cors: cors) { return page }
        switch request.path {
        case "/metrics":
            return HTTPResponse.plain(.ok, contentType: PrometheusText.contentType,
                                      body: Array(PrometheusText.render(metricsSnapshot()).utf8))
        case "/universes":
            return json(.ok, universesJSON(), headers: cors)
        default:
            if request.path.hasPrefix(HandshakeGate.pathPrefix) { return upgradeRequired(request.path) }
            guard configuration.debugTruth, request.path.hasPrefix("/debug/universes/"),
                  request.path.hasSuffix("/truth") else { return nil }
            return truth(request)
        }
    }

    /// `Access-Control-Allow-Origin` for a request the allowed origins admit (any origin when none are set), so a
    /// page on another origin can import `/orrery.js` or read `/universes`; nothing for another origin.
    func crossOriginHeaders(for request: HTTPRequestHead) -> [(String, String)] {
        guard let allowed = configuration.allowedOrigins else { return [("Access-Control-Allow-Origin", "*")] }
        guard let origin = request.headers["Origin"],
              allowed.contains(where: { $0.lowercased() == origin.lowercased() }) else { return [("Vary", "Origin")] }
        return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
    }

    /// 426 for a plain GET on a game path: it only speaks WebSocket.
    private func upgradeRequired(_ path: String) -> [UInt8] {
        let text = "\(path) is a WebSocket endpoint: connect with a WebSocket client offering the subprotocol "
            + "\(WireProtocol.subprotocol) (see Protocol/README.md), or open /view/NAME in a browser\n"
        return HTTPResponse.plain(HTTPStatus(code: 426, reason: "Upgrade Required"), body: Array(text.utf8),
                                  headers: [("Upgrade", "websocket")])
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

    private func json(_ status: HTTPStatus, _ body: String, headers: [(String, String)] = []) -> [UInt8] {
        HTTPResponse.plain(status, contentType: "application/json", body: Array((body + "\n").utf8), headers: headers)
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
