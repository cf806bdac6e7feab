/// One file of the web view as served: its media type and bytes.
public struct WebAsset: Sendable, Equatable {
    /// The `Content-Type` it is served with.
    public let contentType: String
    /// The file's bytes (UTF-8 text).
    public let body: [UInt8]

    /// An asset of `text` served as `contentType`.
    public init(contentType: String, text: String) {
        self.contentType = contentType
        body = Array(text.utf8)
    }
}
