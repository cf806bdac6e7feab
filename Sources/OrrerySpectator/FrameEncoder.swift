/// Turns screens into terminal output that redraws only what changed: the first frame (and the first
/// after a size change or `invalidate()`) clears and draws every line, later frames rewrite only the
/// lines that differ from the previous frame, each after a cursor move, with their colours. The result is meant
/// for one write.
public struct FrameEncoder: Sendable {
    private var previous: Screen?

    public init() {}

    /// Makes the next frame a full redraw (e.g. after a resize or anything else that touched the screen).
    public mutating func invalidate() {
        previous = nil
    }

    /// The output that turns the previous frame into `screen`; empty when nothing changed.
    public mutating func encode(_ screen: Screen) -> String {
        var output = ""
        let full = previous?.size != screen.size
        if full { output += "\u{1B}[H\u{1B}[2J" }
        for row in 0..<screen.size.rows {
            let line = screen.styledLine(row)
            if !full, let previous, previous.styledLine(row) == line { continue }
            output += "\u{1B}[\(row + 1);1H" + line
        }
        previous = screen
        return output
    }
}
