/// A setting of `flotilla run` that cannot be used: where it came from (the configuration file or
/// a flag), which key, and what is allowed.
public struct ControllerOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path or the flag (`--workers`); `nil` for a contradiction between settings
    /// that may come from either.
    public var source: String?
    /// The key, dotted (`leaderElection.leaseDuration`); `nil` for the file as a whole.
    public var key: String?
    public var message: String

    public init(source: String?, key: String?, _ message: String) {
        self.source = source
        self.key = key
        self.message = message
    }

    /// `flotilla.yaml: leaderElection.leaseDuration: "15" is not a duration; …`
    public var description: String {
        [source, key].compactMap { $0 }.map { $0 + ": " }.joined() + message
    }
}
