import Glibc

/// The few whole-file and directory operations the journal needs, each one checked system call.
public enum FileSystem {
    /// The whole content of a file.
    public static func readFile(_ path: String) throws(PosixError) -> [UInt8] {
        let file = try FileDescriptor.open(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            switch try file.read(into: &chunk) {
            case .bytes(let count): bytes.append(contentsOf: chunk[0..<count])
            case .endOfFile, .wouldBlock: return bytes
            }
        }
    }

    /// Creates a directory (mode 0755); one that already exists is fine.
    public static func makeDirectory(_ path: String) throws(PosixError) {
        if mkdir(path, 0o755) == 0 { return }
        let code = Errno.current
        if code.rawValue == EEXIST { return }
        throw .system(call: "mkdir", errno: code)
    }

    /// The names in a directory (without `.` and `..`), sorted.
    public static func listDirectory(_ path: String) throws(PosixError) -> [String] {
        guard let directory = opendir(path) else { throw .system(call: "opendir", errno: Errno.current) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file.
    public static func removeFile(_ path: String) throws(PosixError) {
        _ = try Syscall.require("unlink") { Int(unlink(path)) }
    }

    /// Makes the directory's entries (files created or removed in it) durable.
    public static func syncDirectory(_ path: String) throws(PosixError) {
        let directory = try Syscall.require("open") { Int(Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) }
        let owned = FileDescriptor(adopting: Int32(directory))
        _ = try Syscall.require("fsync") { Int(fsync(owned.rawValue)) }
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
