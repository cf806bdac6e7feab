import Glibc
import Testing
@testable import OrreryPosix

@Suite struct TerminalTests {
    private func mode(_ descriptor: borrowing FileDescriptor) throws -> termios {
        var mode = termios()
        try #require(tcgetattr(descriptor.rawValue, &mode) == 0)
        return mode
    }

    /// Everything the controller side has received so far (the program's output), without blocking.
    private func output(of pty: borrowing PseudoTerminal) throws -> String {
        let flags = fcntl(pty.controller.rawValue, F_GETFL)
        _ = fcntl(pty.controller.rawValue, F_SETFL, flags | O_NONBLOCK)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case .bytes(let count) = try pty.controller.read(into: &buffer), count > 0 {
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func rawModeAndAlternateScreenAreEnteredAndRestored() throws {
        let pty = try PseudoTerminal()
        let before = try mode(pty.terminal)
        #expect(before.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == tcflag_t(ICANON | ECHO | ISIG))
        let terminal = try Terminal(input: pty.terminal.rawValue, output: pty.terminal.rawValue)
        let raw = try mode(pty.terminal)
        #expect(raw.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        #expect(try output(of: pty) == Terminal.enterSequence)
        try terminal.write("frame")
        #expect(try output(of: pty) == "frame")
        try terminal.restore()
        let after = try mode(pty.terminal)
        #expect(after.c_lflag == before.c_lflag && after.c_iflag == before.c_iflag)
        #expect(after.c_oflag == before.c_oflag && after.c_cflag == before.c_cflag)
        #expect(try output(of: pty) == Terminal.leaveSequence)
        try terminal.restore()
        #expect(try output(of: pty) == "")
    }

    @Test func droppingTheTerminalRestoresIt() throws {
        let pty = try PseudoTerminal()
        let before = try mode(pty.terminal)
        do {
            let terminal = try Terminal(input: pty.terminal.rawValue, output: pty.terminal.rawValue)
            #expect(try mode(pty.terminal).c_lflag != before.c_lflag)
            _ = terminal
        }
        #expect(try mode(pty.terminal).c_lflag == before.c_lflag)
        #expect(try output(of: pty) == Terminal.enterSequence + Terminal.leaveSequence)
    }

    @Test func sizeFollowsTheWindow() throws {
        let pty = try PseudoTerminal()
        // A pty nobody sized reports 0 x 0, which is no size (spectate then draws 80 x 24).
        #expect(throws: PosixError.self) { try Terminal.size(of: pty.terminal.rawValue) }
        try pty.setSize(TerminalSize(columns: 100, rows: 30))
        let terminal = try Terminal(input: pty.terminal.rawValue, output: pty.terminal.rawValue)
        #expect(try terminal.size() == TerminalSize(columns: 100, rows: 30))
        try pty.setSize(TerminalSize(columns: 61, rows: 17))
        #expect(try terminal.size() == TerminalSize(columns: 61, rows: 17))
    }

    @Test func readsRawKeysWithoutWaitingForALine() throws {
        let pty = try PseudoTerminal()
        let terminal = try Terminal(input: pty.terminal.rawValue, output: pty.terminal.rawValue)
        #expect(try pty.controller.write([0x1B, 0x5B, 0x41, 0x03][...]) == .wrote(4))
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = try terminal.read(into: &buffer)
        #expect(Array(buffer[..<count]) == [0x1B, 0x5B, 0x41, 0x03])
    }

    @Test func aPipeIsNotATerminal() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let reader = FileDescriptor(adopting: ends[0])
        let writer = FileDescriptor(adopting: ends[1])
        #expect(!Terminal.isTerminal(reader.rawValue))
        #expect(throws: PosixError.self) { try Terminal(input: reader.rawValue, output: writer.rawValue) }
        let pty = try PseudoTerminal()
        #expect(Terminal.isTerminal(pty.terminal.rawValue))
    }
}
