import Foundation
import OrreryWebView
import Testing

/// The web view's routes over a real socket: the redirect, the page for known and on-demand universes, its files.
@Suite(.serialized) struct RelayWebViewTests {
    /// The status, the headers (lowercased names) and the body bytes of one GET.
    static func get(port: Int, _ path: String) throws -> (status: Int, headers: [String: String], body: [UInt8]) {
        let client = try RawClient(port: port)
        try client.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try client.read { _ in false }
        let separator = Array("\r\n\r\n".utf8)
        let end = (0...max(0, response.count - 4)).first { Array(response[$0..<$0 + 4]) == separator } ?? response.count
        let lines = String(decoding: response[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = Int(lines.first?.dropFirst(9).prefix(3) ?? "") ?? 0
        return (status, headers, Array(response[min(response.count, end + 4)...]))
    }

    @Test func theRootRedirectsToTheFirstUniverseKeepingTheQuery() throws {
        let fixture = try RelayFixture { $0.universes = ["beta", "alpha"] }
        let plain = try Self.get(port: fixture.server.port, "/")
        #expect(plain.status == 302 && plain.headers["location"] == "/view/beta")
        let watch = try Self.get(port: fixture.server.port, "/?watch=1")
        #expect(watch.status == 302 && watch.headers["location"] == "/view/beta?watch=1")
    }

    @Test func thePageAndItsFilesAreServedFromTheBinary() throws {
        let fixture = try RelayFixture { $0.universes = ["alpha"] }
        let port = fixture.server.port
        let page = try Self.get(port: port, "/view/alpha?watch=1")
        #expect(page.status == 200 && page.body == WebView.page.body)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["cache-control"] == "no-cache")
        for (path, asset) in WebView.assets {
            let served = try Self.get(port: port, path)
            #expect(served.status == 200 && served.headers["content-type"] == asset.contentType, "\(path)")
            #expect(served.body == asset.body && Int(served.headers["content-length"] ?? "") == asset.body.count)
        }
        #expect(try Self.get(port: port, "/view/nope").status == 404)
        #expect(try Self.get(port: port, "/view/Bad%20Name").status == 404)
        #expect(try Self.get(port: port, "/view/alpha/extra").status == 404)
    }

    @Test func onDemandServersServeAnyValidUniverseAndExplainTheEmptyRoot() throws {
        let fixture = try RelayFixture { $0.universes = []; $0.createOnDemand = true }
        let root = try Self.get(port: fixture.server.port, "/")
        #expect(root.status == 200 && String(decoding: root.body, as: UTF8.self).contains("/view/NAME"))
        #expect(try Self.get(port: fixture.server.port, "/view/fresh").status == 200)
        #expect(try Self.get(port: fixture.server.port, "/view/no.dots").status == 404)
    }
}
