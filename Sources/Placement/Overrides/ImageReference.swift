/// A container image reference split into the four parts the image overrider edits:
/// `registry/repository:tag@digest`.
///
/// Parsing follows the Docker reference grammar (`distribution/reference`), which KubeAdmiral
/// uses, then splits the name the way Docker normalises it: the first path component is the
/// registry only when it contains `.` or `:` or is `localhost`. So `ealen/echo-server` has no
/// registry and the repository `ealen/echo-server`, while `localhost/app` and `reg.io:5000/app`
/// have one. Nothing is normalised: `nginx` stays `nginx`, not `docker.io/library/nginx:latest`.
///
/// Caveat, as in KubeAdmiral: after an edit only the tag and the digest are checked. A registry
/// or repository value is taken as written, and deleting the repository leaves a reference that
/// Docker would refuse (`reg.io/:1.0`); the member API server or kubelet reports that.
struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    var registry = ""
    var repository = ""
    var tag = ""
    var digest = ""

    init(registry: String = "", repository: String, tag: String = "", digest: String = "") {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `text`, with the errors `distribution/reference.Parse` reports, in the same order.
    init(parsing text: String) throws(OverriderFailure) {
        if text.isEmpty { throw OverriderFailure("the image reference is empty") }
        guard let parts = Self.split(text) else {
            if Self.split(text.lowercased()) != nil {
                throw OverriderFailure("invalid image reference \"\(text)\": the repository name must be lowercase")
            }
            throw OverriderFailure("invalid image reference \"\(text)\"")
        }
        if parts.name.utf8.count > Self.maximumNameLength {
            throw OverriderFailure(
                "invalid image reference \"\(text)\": the name must be at most \(Self.maximumNameLength) characters")
        }
        if !parts.digest.isEmpty, let problem = Self.digestProblem(parts.digest) {
            throw OverriderFailure("invalid image reference \"\(text)\": \(problem)")
        }
        let components = parts.name.split(separator: "/", maxSplits: 1)
        if components.count == 2, Self.isRegistry(components[0]) {
            registry = String(components[0])
            repository = String(components[1])
        } else {
            repository = parts.name
        }
        tag = parts.tag
        digest = parts.digest
    }

    /// The reference as KubeAdmiral prints it: empty parts are left out with their separators.
    var description: String {
        var text = registry.isEmpty ? repository : "\(registry)/\(repository)"
        if !tag.isEmpty { text += ":\(tag)" }
        if !digest.isEmpty { text += "@\(digest)" }
        return text
    }

    subscript(component: ImageOperation.Component) -> String {
        get {
            switch component {
            case .registry: registry
            case .repository: repository
            case .tag: tag
            case .digest: digest
            }
        }
        set {
            switch component {
            case .registry: registry = newValue
            case .repository: repository = newValue
            case .tag: tag = newValue
            case .digest: digest = newValue
            }
        }
    }

    /// Applies one image operation; a new tag or digest must be well-formed.
    mutating func apply(_ operation: ImageOperation) throws(OverriderFailure) {
        let component = operation.imageComponent
        let current = self[component]
        let new: String
        switch operation.operator {
        case .addIfAbsent:
            if operation.value.isEmpty { throw OverriderFailure("addIfAbsent needs a value") }
            if !current.isEmpty {
                throw OverriderFailure(
                    "addIfAbsent cannot set the \(component.rawValue), which is already \"\(current)\"")
            }
            new = operation.value
        case .overwrite:
            new = operation.value
        case .delete:
            new = ""
        }
        if component == .tag, !new.isEmpty, !Self.isTag(Substring(new)) {
            throw OverriderFailure(
                "invalid tag \"\(new)\": use up to 128 letters, digits, _, . and -, not starting with . or -")
        }
        if component == .digest, !new.isEmpty, !Self.isDigest(Substring(new)) {
            throw OverriderFailure(
                "invalid digest \"\(new)\": use an algorithm, a colon and at least 32 hex digits (sha256:…)")
        }
        self[component] = new
    }
}

// MARK: - Grammar

extension ImageReference {
    /// `NameTotalLengthMax` in `distribution/reference`.
    static let maximumNameLength = 255

    /// Hex lengths of the digest algorithms Docker verifies; others are unsupported.
    static let digestLengths = ["sha256": 64, "sha384": 96, "sha512": 128]

    /// Splits `name[:tag][@digest]`, or returns `nil` where the text does not fit the grammar.
    ///
    /// The tag is what follows the last `:` after the last `/`, because a `:` before a `/` can
    /// only be a registry port.
    static func split(_ text: String) -> (name: String, tag: String, digest: String)? {
        var rest = Substring(text)
        var digest: Substring = ""
        if let at = rest.firstIndex(of: "@") {
            digest = rest[rest.index(after: at)...]
            rest = rest[..<at]
            guard isDigest(digest) else { return nil }
        }
        var tag: Substring = ""
        if let colon = rest.lastIndex(of: ":"), rest[colon...].firstIndex(of: "/") == nil {
            tag = rest[rest.index(after: colon)...]
            rest = rest[..<colon]
            guard isTag(tag) else { return nil }
        }
        guard isName(rest) else { return nil }
        return (String(rest), String(tag), String(digest))
    }

    /// Docker's split of the name: only a first component that looks like a host is a registry.
    static func isRegistry(_ component: Substring) -> Bool {
        component == "localhost" || component.contains(".") || component.contains(":")
    }

    /// `[domain/]path-component[/path-component]*`.
    static func isName(_ name: Substring) -> Bool {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.allSatisfy(isPathComponent) { return true }
        return components.count >= 2 && isDomain(components[0]) && components.dropFirst().allSatisfy(isPathComponent)
    }

    /// Lowercase letters and digits, in runs joined by `.`, `_`, `__` or any number of `-`.
    static func isPathComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        var index = 0
        while index < bytes.count {
            if isLowerAlphanumeric(bytes[index]) {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, !isLowerAlphanumeric(bytes[index]) { index += 1 }
            let separator = bytes[start..<index]
            let valid =
                separator.elementsEqual(".".utf8) || separator.elementsEqual("_".utf8)
                || separator.elementsEqual("__".utf8) || separator.allSatisfy { $0 == UInt8(ascii: "-") }
            if !valid { return false }
        }
        return true
    }

    /// A host name, an IPv4 address or a bracketed IPv6 address, with an optional `:port`.
    static func isDomain(_ domain: Substring) -> Bool {
        var host = domain
        var port: Substring?
        if domain.hasPrefix("[") {
            guard let close = domain.firstIndex(of: "]") else { return false }
            let inner = domain[domain.index(after: domain.startIndex)..<close]
            guard !inner.isEmpty, inner.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") }) else {
                return false
            }
            let after = domain[domain.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return false }
                port = after.dropFirst()
            }
        } else {
            if let colon = domain.firstIndex(of: ":") {
                host = domain[..<colon]
                port = domain[domain.index(after: colon)...]
            }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.allSatisfy(isDomainLabel) else { return false }
        }
        if let port {
            return !port.isEmpty && port.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        return true
    }

    /// Letters and digits, with `-` allowed inside.
    static func isDomainLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `[\w][\w.-]{0,127}`.
    static func isTag(_ tag: Substring) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWordCharacter(first) else { return false }
        return bytes.allSatisfy { isWordCharacter($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// `algorithm:hex`: algorithm components start with a letter and are joined by `-_+.`; at
    /// least 32 hex digits follow.
    static func isDigest(_ digest: Substring) -> Bool {
        guard let colon = digest.firstIndex(of: ":") else { return false }
        let encoded = digest[digest.index(after: colon)...]
        guard encoded.utf8.count >= 32, encoded.utf8.allSatisfy(isHexDigit) else { return false }
        let algorithmSeparators: Set<UInt8> = Set("-_+.".utf8)
        let components = digest[..<colon].utf8.split(
            omittingEmptySubsequences: false, whereSeparator: algorithmSeparators.contains)
        return components.allSatisfy { component in
            guard let first = component.first, isLetter(first) else { return false }
            return component.allSatisfy(isAlphanumeric)
        }
    }

    /// What `go-digest` finds wrong with a digest that fits the grammar: an algorithm it does not
    /// know, or a checksum of the wrong length or case.
    static func digestProblem(_ digest: String) -> String? {
        let parts = digest.split(separator: ":", maxSplits: 1)
        let algorithm = String(parts[0])
        guard let length = digestLengths[algorithm] else {
            return "unsupported digest algorithm \"\(algorithm)\": use sha256, sha384 or sha512"
        }
        let encoded = parts[1].utf8
        if encoded.count != length { return "a \(algorithm) digest has \(length) hex digits, not \(encoded.count)" }
        if !encoded.allSatisfy({ isHexDigit($0) && !isUpper($0) }) { return "digest hex digits must be lowercase" }
        return nil
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte)
    }
    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isUpper(byte)
    }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    private static func isWordCharacter(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
