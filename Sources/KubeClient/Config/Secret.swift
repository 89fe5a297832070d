/// A credential (bearer token, private key, password, plugin environment value) that prints as
/// `<redacted>` however it is printed.
///
/// Configuration values travel into error messages, logs, test failure output and `dump()`.
/// Wrapping every secret in this type, rather than remembering to scrub strings at each call
/// site, makes leaking one a deliberate act: the bytes come out only through `revealedText` or
/// `revealedBytes`, which the transport calls when it builds a request.
public struct Secret: Sendable, Hashable {
    private let bytes: [UInt8]

    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The secret as UTF-8 text, for an `Authorization` header.
    public var revealedText: String { String(decoding: bytes, as: UTF8.self) }

    /// The secret's bytes, for handing a private key to the TLS library.
    public var revealedBytes: [UInt8] { bytes }

    public var isEmpty: Bool { bytes.isEmpty }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    /// No children, so `dump()` and default struct printing of a containing value show only the
    /// redacted description.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
