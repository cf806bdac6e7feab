import Foundation
import Testing

/// The guide "Write your own game" (docs/WRITE-YOUR-OWN-GAME.md) quotes this example's source: every code block
/// after an `<!-- excerpt: PATH -->` line must stand, line for line and contiguous, in that file.
@Suite struct GuideTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../..").standardizedFileURL

    /// (path, excerpt lines) for every excerpt of the guide, in order.
    static func excerpts() throws -> [(path: String, lines: [Substring])] {
        let guide = try String(contentsOf: repository.appendingPathComponent("docs/WRITE-YOUR-OWN-GAME.md"),
                               encoding: .utf8)
        let lines = guide.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [(path: String, lines: [Substring])] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("<!-- excerpt: "), line.hasSuffix(" -->"), index < lines.count,
                  lines[index].hasPrefix("```") else { continue }
            let path = String(line.dropFirst("<!-- excerpt: ".count).dropLast(" -->".count))
            let start = index + 1
            var end = start
            while end < lines.count, lines[end] != "```" { end += 1 }
            found.append((path, Array(lines[start..<end])))
            index = end + 1
        }
        return found
    }

    @Test func everyExcerptOfTheGuideIsInTheSourceItNames() throws {
        let excerpts = try Self.excerpts()
        #expect(excerpts.count >= 10)
        for excerpt in excerpts {
            let source = try String(contentsOf: Self.repository.appendingPathComponent(excerpt.path), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let count = excerpt.lines.count
            let found = count > 0 && source.indices.contains { start in
                start + count <= source.count && Array(source[start..<start + count]) == excerpt.lines
            }
            #expect(found, "excerpt of \(excerpt.path) starting \"\(excerpt.lines.first ?? "")\" is not in the file")
        }
    }

    @Test func theRepositoryReadmeLinksTheGuide() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("docs/WRITE-YOUR-OWN-GAME.md"))
    }
}
