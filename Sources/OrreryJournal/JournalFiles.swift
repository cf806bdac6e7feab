import OrreryPosix

/// Reads journals from disk: one segment file, or every segment of a universe's journal directory.
public enum JournalFiles {
    /// The segments at `path` in order: the file itself, or the segment files of a directory. A torn tail is
    /// accepted (and counted in `droppedBytes`) only in the last segment, when `tolerateTornTail` is set.
    public static func read(_ path: String, tolerateTornTail: Bool = true) throws(JournalError) -> [JournalContents] {
        let paths = FileSystem.isDirectory(path) ? try JournalWriter.segments(in: path) : [path]
        guard !paths.isEmpty else { throw .notAJournal(path: path) }
        var segments: [JournalContents] = []
        for (index, file) in paths.enumerated() {
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.readFile(file)
            } catch {
                throw .io(path: file, error)
            }
            segments.append(try JournalReader.readAll(bytes: bytes, path: file,
                                                      tolerateTornTail: tolerateTornTail && index == paths.count - 1))
        }
        return segments
    }
}
