extension ServerMessage: CustomStringConvertible {
    /// The canonical text form in the newest version (a version-2 reset always shows its two state lists).
    public var description: String { canonicalText(version: WireProtocol.version) }

    /// The canonical text form of this message in protocol `version`; events and reset records follow the
    /// header, each after ` | `.
    public func canonicalText(version: UInt8) -> String {
        switch self {
        case .welcome(let welcome):
            return "welcome version=\(welcome.version) player=\(welcome.playerId) avatar=\(welcome.avatarId)"
                + " tickRate=\(welcome.tickRateHz) tick=\(welcome.currentTick)"
                + " world=\(welcome.worldWidth)x\(welcome.worldHeight) viewRadius=\(welcome.viewRadius)"
                + " hysteresis=\(welcome.viewHysteresis) keepAlive=\(welcome.keepAliveTicks)"
                + " token=\(WireText.hex(welcome.resumeToken.bytes)) firstSeq=\(welcome.firstSeq)"
                + (welcome.version >= 2 ? " account=\(welcome.account)" : "")
        case .eventFrame(let frame):
            var text = "event-frame seq=\(frame.seq) tick=\(frame.tick) lastInput=\(frame.lastInputSeq)"
                + " events=\(frame.events.count)"
            for event in frame.events {
                text += " | " + WireText.event(event)
            }
            return text
        case .reset(let reset):
            var text = "reset seq=\(reset.seq) tick=\(reset.tick) lastInput=\(reset.lastInputSeq)"
                + " avatar=\(reset.avatarId) entities=\(reset.entities.count)"
            for entity in reset.entities {
                text += " | " + WireText.record("entity", entity)
            }
            if version >= 2 {
                text += " | player-state" + WireText.values(reset.playerState)
                    + " | universe-state" + WireText.values(reset.universeState)
            }
            return text
        case .error(let error):
            return "error code=\(error.code) message=" + WireText.quoted(error.message)
        case .pong(let pong):
            return "pong timestamp=\(pong.clientTimestamp) tick=\(pong.serverTick)"
        case .schema(let schema):
            return WireText.schema(schema)
        }
    }
}
