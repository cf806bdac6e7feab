import Glibc

/// A file opened for appending (a journal segment): every write goes to the end, `sync` makes what was written
/// durable. Sole owner of its descriptor, closed exactly once.
public struct AppendFile: ~Copyable {
    private let descriptor: FileDescriptor
    /// Bytes in the file: its size when opened plus everything appended since.
    public private(set) var size: Int

    /// Opens `path` for appending: with `createNew` (the default) a new file (mode 0644) that must not exist yet
    /// (`EEXIST` otherwise), without it an existing file.
    public init(path: String, createNew: Bool = true) throws(PosixError) {
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | (createNew ? O_CREAT | O_EXCL : 0)
        let raw = Int32(try Syscall.require("open") { Int(Glibc.open(path, flags, 0o644)) })
        let owned = FileDescriptor(adopting: raw)
        size = try Syscall.require("lseek") { Int(lseek(raw, 0, SEEK_END)) }
        descriptor = owned
    }

    /// Appends every byte (retrying short writes).
    public mutating func append(_ bytes: ArraySlice<UInt8>) throws(PosixError) {
        var start = bytes.startIndex
        let raw = descriptor.rawValue
        while start < bytes.endIndex {
            let rest = bytes[start...]
            let written = try Syscall.require("write") {
                rest.withUnsafeBytes { Glibc.write(raw, $0.baseAddress, $0.count) }
            }
            start += written
            size += written
        }
    }

    /// Waits until everything appended is on the disk (`fdatasync`: data and the size, not the timestamps).
    public borrowing func sync() throws(PosixError) {
        let raw = descriptor.rawValue
        _ = try Syscall.require("fdatasync") { Int(fdatasync(raw)) }
    }

    /// Cuts the file to `length` bytes (e.g. a torn record at the tail after a crash).
    public mutating func truncate(to length: Int) throws(PosixError) {
        let raw = descriptor.rawValue
        _ = try Syscall.require("ftruncate") { Int(ftruncate(raw, off_t(length))) }
        size = length
    }

    /// Closes now, reporting a failure.
    public consuming func close() throws(PosixError) {
        try descriptor.close()
    }
}
