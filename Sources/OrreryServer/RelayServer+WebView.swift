import OrreryWebSocket
import OrreryWebView

extension RelayServer {
    /// The web view's routes: `GET /` redirects to the view of the first universe (the first configured one, else the
    /// first on-demand one by name), keeping the query (e.g. `?watch=1`), or, with none yet, explains how to create one; `GET /view/{universe}` serves the page for a universe that
    /// exists or may be created on demand; `GET /orrery.js`, `/view.js`, `/view.css` serve its files, with the `cors`
    /// headers. Nil otherwise.
    func webViewResponse(to request: HTTPRequestHead, cors: [(String, String)]) -> [UInt8]? {
        if request.path == "/" {
            guard let first = configuration.universes.first ?? universes.first?.name else { return noUniversePage() }
            let location = "/view/\(first)" + (request.query.map { "?" + $0 } ?? "")
            return HTTPResponse.plain(HTTPStatus(code: 302, reason: "Found"), body: Array("see \(location)\n".utf8),
                                      headers: [("Location", location)] + WebView.headers)
        }
        if request.path.hasPrefix("/view/") {
            let name = request.path.dropFirst("/view/".count)
            guard Ticket.isValidUniverse(name),
                  directory.entry(String(name)) != nil || configuration.createOnDemand else {
                return HTTPResponse.error(.notFound, message: "no universe named \(name)")
            }
            return serve(WebView.page, cors: cors)
        }
        return WebView.asset(at: request.path).map { serve($0, cors: cors) }
    }

    private func serve(_ asset: WebAsset, cors: [(String, String)]) -> [UInt8] {
        HTTPResponse.plain(.ok, contentType: asset.contentType, body: asset.body, headers: WebView.headers + cors)
    }

    private func noUniversePage() -> [UInt8] {
        let text = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Orrery</title></head><body>
            <p>No universe is running yet. This server creates universes when they are first joined: open
            <code>/view/NAME</code> (1-32 characters of a-z, 0-9, _ and -), e.g. <a href="/view/demo">/view/demo</a>.</p>
            </body></html>

            """
        return HTTPResponse.plain(.ok, contentType: WebView.page.contentType, body: Array(text.utf8),
                                  headers: WebView.headers)
    }
}
