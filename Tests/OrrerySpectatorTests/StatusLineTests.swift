import Testing
@testable import OrrerySpectator

@Suite struct StatusLineTests {
    private var line: StatusLine {
        StatusLine(universe: "arena", tick: 1234, seq: 56, inView: 7, bytesPerSecond: 12_345,
                   roundTripMicroseconds: 850, delayMilliseconds: 100, zoom: 4, following: 9,
                   followLost: false, stalledSeconds: nil)
    }

    @Test func listsEveryField() {
        #expect(line.text == "arena  tick 1234  seq 56  in view 7  12.3 kB/s  rtt 0.9 ms  delay 100 ms  zoom 4x  "
                + "follow #9  |  arrows pan  +/- zoom  f follow  q quit")
    }

    @Test func missingAndUnusualValues() {
        var status = line
        status.roundTripMicroseconds = nil
        status.following = nil
        status.delayMilliseconds = -3.26
        status.stalledSeconds = 4.25
        #expect(status.text == "arena  tick 1234  seq 56  no frame for 4.3 s  in view 7  12.3 kB/s  rtt -  "
                + "delay -3.3 ms  zoom 4x  follow off  |  arrows pan  +/- zoom  f follow  q quit")
        status.following = 9
        status.followLost = true
        #expect(status.text.contains("  follow #9 (gone)  |"))
        status.tick = nil
        #expect(status.text == "arena  waiting for welcome  |  arrows pan  +/- zoom  f follow  q quit")
    }

    @Test func numberFormats() {
        #expect(StatusLine.rate(0) == "0 B/s")
        #expect(StatusLine.rate(999) == "999 B/s")
        #expect(StatusLine.rate(1000) == "1.0 kB/s")
        #expect(StatusLine.rate(999_949) == "999.9 kB/s")
        #expect(StatusLine.rate(1_500_000) == "1.5 MB/s")
        #expect(StatusLine.milliseconds(0.44) == "0.4 ms")
        #expect(StatusLine.milliseconds(-0.04) == "0.0 ms")
        #expect(StatusLine.milliseconds(9.94) == "9.9 ms")
        #expect(StatusLine.milliseconds(10) == "10 ms")
        #expect(StatusLine.milliseconds(-50.4) == "-50 ms")
        #expect(StatusLine.zoomText(1) == "1x")
        #expect(StatusLine.zoomText(1024) == "1024x")
        #expect(StatusLine.zoomText(1.5) == "1.5x")
    }
}
