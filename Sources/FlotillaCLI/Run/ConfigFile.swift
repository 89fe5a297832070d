import Foundation
import KubeObjects

/// Reads `flotilla run`'s configuration file: a YAML mapping of the keys in `ControllerSetting`,
/// with `leaderElection` a nested mapping. A key set to null (or left empty) counts as not set.
enum ConfigFile {
    static func read(_ path: String) throws(ControllerOptionsError) -> ControllerOptions.Overrides {
        func failure(_ key: String?, _ message: String) -> ControllerOptionsError {
            ControllerOptionsError(source: path, key: key, message)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw failure(nil, exists ? "cannot read the file (permission denied?)" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw failure(nil, "not valid UTF-8 text") }
        let documents: [JSONValue]
        do {
            documents = try JSONValue.yamlDocuments(text, file: path)
        } catch {
            throw ControllerOptionsError(source: nil, key: nil, error.description)
        }
        let present = documents.filter { !$0.isNull }
        guard present.count <= 1 else { throw failure(nil, "holds \(present.count) YAML documents; write one mapping") }
        var overrides = ControllerOptions.Overrides()
        guard let root = present.first else { return overrides }
        try read(root, prefix: "", into: &overrides, path: path)
        return overrides
    }

    /// Applies each key of `mapping`, descending into sections (keys under which settings are
    /// nested, such as `leaderElection`).
    private static func read(
        _ mapping: JSONValue, prefix: String, into overrides: inout ControllerOptions.Overrides, path: String
    ) throws(ControllerOptionsError) {
        let sectionName = prefix.isEmpty ? nil : String(prefix.dropLast())
        guard let object = mapping.objectValue else {
            let what = sectionName == nil ? "must be a YAML mapping of settings" : "must be a mapping of its settings"
            throw ControllerOptionsError(source: path, key: sectionName, "\(what), got \(mapping.typeName)")
        }
        let keysHere = ControllerSetting.all.map(\.key).filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) }
        let allowed = Set(keysHere.map { $0.split(separator: ".").first.map(String.init) ?? "" })
        for (key, value) in object.entries {
            let fullKey = prefix + key
            guard allowed.contains(key) else {
                throw ControllerOptionsError(
                    source: path, key: fullKey, "unknown key; allowed here: \(allowed.sorted().joined(separator: ", "))")
            }
            if value.isNull { continue }
            if let setting = ControllerSetting.named(fullKey) {
                try setting.apply(value, to: &overrides, source: path)
            } else {
                try read(value, prefix: fullKey + ".", into: &overrides, path: path)
            }
        }
    }
}
