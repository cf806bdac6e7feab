import Testing
@testable import OrreryPosix

@Suite struct EpollTests {
    @Test func eventFDWakesEpollUntilDrained() throws {
        let epoll = try Epoll()
        let wake = try EventFD()
        let events = EpollEventBuffer(capacity: 4)
        try epoll.add(wake.rawValue, events: .readable, token: 7)
        let idle = try epoll.wait(into: events, timeoutMilliseconds: 0)
        #expect(idle == 0)
        try wake.signal()
        try wake.signal()
        let woken = try epoll.wait(into: events, timeoutMilliseconds: 10_000)
        #expect(woken == 1)
        #expect(events.token(at: 0) == 7)
        #expect(events.events(at: 0).contains(.readable))
        let drained = try wake.drain()
        let drainedAgain = try wake.drain()
        let afterDrain = try epoll.wait(into: events, timeoutMilliseconds: 0)
        #expect(drained == 2)
        #expect(drainedAgain == 0)
        #expect(afterDrain == 0)
    }

    @Test func modifyAndRemoveChangeWhatIsReported() throws {
        let pair = try SocketPair()
        let epoll = try Epoll()
        let events = EpollEventBuffer(capacity: 4)
        try epoll.add(pair.server.rawValue, events: .readable, token: 1)
        let quiet = try epoll.wait(into: events, timeoutMilliseconds: 0)
        #expect(quiet == 0)
        try epoll.modify(pair.server.rawValue, events: [.readable, .writable], token: 2)
        let writable = try epoll.wait(into: events, timeoutMilliseconds: 10_000)
        #expect(writable == 1)
        #expect(events.token(at: 0) == 2)
        #expect(events.events(at: 0) == .writable)
        try epoll.remove(pair.server.rawValue)
        let removed = try epoll.wait(into: events, timeoutMilliseconds: 0)
        #expect(removed == 0)
    }
}
