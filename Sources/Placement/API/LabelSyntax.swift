/// Kubernetes label syntax: what `metav1.LabelSelectorAsSelector` accepts as a key or a value.
///
/// Only `targetClusters.clusterSelector` needs it: KubeAdmiral validates that selector and fails on
/// a bad key, while PropagationPolicy's `clusterSelector` goes through a constructor that ignores
/// errors. Each check returns what is wrong, or `nil`.
enum LabelSyntax {
    /// A key is an optional DNS subdomain prefix and `/`, then a name of at most 63 characters.
    static func problem(withKey key: String) -> String? {
        var name = Substring(key)
        if let slash = key.firstIndex(of: "/") {
            let prefix = key[..<slash]
            name = key[key.index(after: slash)...]
            if prefix.isEmpty { return "the prefix before / must not be empty" }
            if prefix.count > 253 { return "the prefix must be at most 253 characters" }
            if !isDNSSubdomain(prefix) {
                return "the prefix must be lowercase letters, digits, - and ., starting and ending with a letter or digit"
            }
        }
        if name.isEmpty { return "the name must not be empty" }
        return problem(withName: name)
    }

    /// A value is empty, or a name of at most 63 characters.
    static func problem(withValue value: String) -> String? {
        value.isEmpty ? nil : problem(withName: Substring(value))
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, at most 63 characters.
    private static func problem(withName name: Substring) -> String? {
        if name.count > 63 { return "must be at most 63 characters" }
        let inner = name.unicodeScalars.allSatisfy { isAlphanumeric($0) || "-_.".unicodeScalars.contains($0) }
        guard inner, let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
            isAlphanumeric(first), isAlphanumeric(last)
        else {
            return "must be letters, digits, -, _ and ., starting and ending with a letter or digit"
        }
        return nil
    }

    /// Dot-separated labels of lowercase letters, digits and `-`, each starting and ending alphanumeric.
    private static func isDNSSubdomain(_ text: Substring) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.unicodeScalars.first, let last = label.unicodeScalars.last else { return false }
            func allowed(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
            return allowed(first) && allowed(last)
                && label.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
        }
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }
}
