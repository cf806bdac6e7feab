import Foundation
import OrreryWebView
import Testing

/// The embedded files are exactly the sources (else: run scripts/embed-web-assets), and the page refers to what is
/// served.
struct WebAssetsTests {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func source(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theEmbeddedFilesEqualTheirSources() throws {
        let assets = Self.root.appendingPathComponent("Sources/OrreryWebView/Assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: assets.path).sorted()
        let expected = ["Protocol/js/orrery.js"] + names.map { "Sources/OrreryWebView/Assets/" + $0 }
        #expect(WebAssets.texts.keys.sorted() == expected.sorted(),
                "the embedded files differ from the sources: run scripts/embed-web-assets")
        for path in expected {
            let embedded = WebAssets.texts[path]
            #expect(try embedded == Self.source(path), "\(path) changed since it was embedded: run scripts/embed-web-assets")
        }
    }

    @Test func theServedFilesAreTheSourcesWithTheirTypes() throws {
        #expect(try WebView.asset(at: "/orrery.js")?.body == Array(Self.source("Protocol/js/orrery.js").utf8))
        #expect(WebView.asset(at: "/orrery.js")?.contentType == "text/javascript; charset=utf-8")
        #expect(WebView.asset(at: "/view.js")?.contentType == "text/javascript; charset=utf-8")
        #expect(WebView.asset(at: "/view.css")?.contentType == "text/css; charset=utf-8")
        #expect(WebView.page.contentType == "text/html; charset=utf-8")
        #expect(try WebView.page.body == Array(Self.source("Sources/OrreryWebView/Assets/view.html").utf8))
        #expect(WebView.asset(at: "/view.html") == nil && WebView.asset(at: "/") == nil)
    }

    @Test func everyAbsoluteReferenceOfThePageIsServed() throws {
        let page = String(decoding: WebView.page.body, as: UTF8.self)
        let script = String(decoding: WebView.asset(at: "/view.js")?.body ?? [], as: UTF8.self)
        let references = Self.references(in: page, after: "src=\"") + Self.references(in: page, after: "href=\"/")
            .map { "/" + $0 } + Self.references(in: script, after: "from './").map { "/" + $0 }
        #expect(Set(references) == ["/view.js", "/view.css", "/orrery.js"])
        for reference in references {
            #expect(WebView.asset(at: reference) != nil, "\(reference) is not served")
        }
    }

    /// The text between each `marker` and the next quote.
    static func references(in text: String, after marker: String) -> [String] {
        text.components(separatedBy: marker).dropFirst().compactMap { part in
            part.split(separator: "\"", maxSplits: 1).first.flatMap { $0.split(separator: "'").first }.map(String.init)
        }
    }
}
