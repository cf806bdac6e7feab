import Glibc

extension FileSystem {
    /// Makes what was written to the file at `path` durable (`fdatasync` through a descriptor of its own, so a
    /// thread other than the writer's can do it while the writer goes on appending).
    public static func syncData(_ path: String) throws(PosixError) {
        let raw = try Syscall.require("open") { Int(Glibc.open(path, O_RDONLY | O_CLOEXEC)) }
        let owned = FileDescriptor(adopting: Int32(raw))
        _ = try Syscall.require("fdatasync") { Int(fdatasync(owned.rawValue)) }
    }
}
