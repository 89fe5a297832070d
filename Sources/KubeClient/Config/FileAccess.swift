#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the configuration code reads files: kubeconfigs, token files, certificate files.
///
/// Injected so that tests can describe a whole machine in a dictionary, and so that the one
/// distinction kubectl's loading rules depend on, a file that does not exist (skipped) versus one
/// that exists but cannot be read (an error), is made in one place.
public struct FileAccess: Sendable {
    /// The outcome of reading one file.
    public enum ReadResult: Sendable, Equatable {
        case contents([UInt8])
        case notFound
        /// The file exists but could not be read; the reason is the system's (`Permission denied`).
        case failed(reason: String)
    }

    public var read: @Sendable (_ path: String) -> ReadResult

    public init(read: @escaping @Sendable (_ path: String) -> ReadResult) {
        self.read = read
    }

    /// The local file system, through POSIX `open`/`read` so that `errno` tells a missing file
    /// from an unreadable one.
    public static let local = FileAccess(read: readLocalFile)

    /// A fixed set of files, for tests: paths not in `files` do not exist.
    public static func inMemory(_ files: [String: String]) -> FileAccess {
        FileAccess { path in files[path].map { .contents(Array($0.utf8)) } ?? .notFound }
    }
}

/// A free function, so that the POSIX `read` is not shadowed by `FileAccess.read`.
private func readLocalFile(_ path: String) -> FileAccess.ReadResult {
    func failure(_ code: Int32) -> FileAccess.ReadResult {
        if code == ENOENT || code == ENOTDIR { return .notFound }
        return .failed(reason: String(cString: strerror(code)))
    }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return failure(errno) }
    defer { close(descriptor) }
    var contents: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return .contents(contents) }
        if count < 0 {
            if errno == EINTR { continue }
            return failure(errno)
        }
        contents += buffer[..<count]
    }
}
