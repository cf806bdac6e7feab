/// Which way a `ShapedPipe` carries bytes.
enum PipeDirection {
    /// From the client to the upstream server.
    case toUpstream
    /// From the upstream server to the client.
    case toClient
}
