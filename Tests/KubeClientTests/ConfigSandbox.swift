import Foundation
import KubeClient

/// A temporary directory standing in for a user's machine: kubeconfigs, certificate and token
/// files, and exec plugin scripts are written here, and an environment that points only here is
/// handed to the code under test (no real HOME, KUBECONFIG or PATH leaks in).
struct ConfigSandbox {
    let directory: String
    let clock = ManualWallClock()

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-kubeconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// Writes `text` to `name` (creating folders) and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = path(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes an executable `#!/bin/sh` script and returns its path.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let target = try write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target)
        return target
    }

    /// How many lines `name` has (a plugin script appends one per run); 0 when it does not exist.
    func lineCount(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: path(name), encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").count
    }

    /// An environment with only the given variables (plus a PATH that finds `sh` and the sandbox's
    /// `bin`), the real file system, and the sandbox's manual clock.
    func environment(_ variables: [String: String] = [:], home: String? = nil) -> ConfigEnvironment {
        var all = ["PATH": "\(path("bin")):/usr/bin:/bin"]
        all.merge(variables) { _, new in new }
        let clock = self.clock
        return ConfigEnvironment(variables: all, homeDirectory: home, now: { clock.now })
    }
}

/// A wall clock that moves only when a test says so.
///
/// `@unchecked Sendable`: the one mutable field is only touched under `lock`.
final class ManualWallClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(seconds: TimeInterval) { lock.withLock { current += seconds } }
}

extension Date {
    /// RFC 3339 in UTC, as a plugin writes `expirationTimestamp`.
    var rfc3339: String { formatted(.iso8601) }
}
