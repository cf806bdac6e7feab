extension ClientMessage: CustomStringConvertible {
    /// The canonical text form, e.g. `input seq=7 heading=16384 throttle=255 actions=1`.
    public var description: String {
        switch self {
        case .join(let join):
            var text = "join version=\(join.version) role=\(join.role.name)"
            if let region = join.region {
                text += " region=\(region.x),\(region.y),\(region.width),\(region.height)"
            }
            if let name = join.displayName {
                text += " name=" + WireText.quoted(name)
            }
            return text
        case .resume(let resume):
            return "resume version=\(resume.version) token=\(WireText.hex(resume.token.bytes))"
                + " lastSeq=\(resume.lastSeq)"
        case .input(let input):
            return "input seq=\(input.seq) heading=\(input.heading) throttle=\(input.throttle)"
                + " actions=\(input.actions)" + (input.payload.isEmpty ? "" : " payload=" + WireText.hex(input.payload))
        case .ping(let ping):
            return "ping timestamp=\(ping.clientTimestamp)"
        case .command(let command):
            return "command code=\(command.code) payload=" + WireText.hex(command.payload)
        }
    }
}
