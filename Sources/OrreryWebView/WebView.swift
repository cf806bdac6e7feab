/// The browser view `orrery serve` ships inside its executable: one page that draws a universe on a canvas with
/// interpolation, shows tick, seq, entity count and RTT, and plays (arrows or WASD steer, space fires) or watches
/// (`?watch=1`), built on `Protocol/js/orrery.js`. The page finds its universe in its own path (`/view/{name}`), so
/// the same bytes serve every universe; the server decides which names exist.
public enum WebView {
    /// The page served at `/view/{universe}`.
    public static let page = WebAsset(contentType: "text/html; charset=utf-8", text: text("view.html"))

    /// The page's scripts and style sheet by the path they are served at (the page refers to these paths).
    public static let assets: [String: WebAsset] = [
        "/orrery.js": WebAsset(contentType: "text/javascript; charset=utf-8", text: text("Protocol/js/orrery.js")),
        "/view.js": WebAsset(contentType: "text/javascript; charset=utf-8", text: text("view.js")),
        "/view.css": WebAsset(contentType: "text/css; charset=utf-8", text: text("view.css")),
    ]

    /// Headers sent with every web view response: revalidate (a new binary may serve new files), no sniffing.
    public static let headers: [(String, String)] = [("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff")]

    /// The asset served at `path`, if any.
    public static func asset(at path: String) -> WebAsset? {
        assets[path]
    }

    /// The embedded text of a file under `Sources/OrreryWebView/Assets/` (or of a repository path).
    private static func text(_ name: String) -> String {
        let path = name.contains("/") ? name : "Sources/OrreryWebView/Assets/" + name
        guard let text = WebAssets.texts[path] else { preconditionFailure("\(path) is not embedded") }
        return text
    }
}
