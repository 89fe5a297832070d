import Foundation
import KubeObjects
import Placement

/// The simulated federation (`config/demo/federation.yaml`): its member clusters, their node
/// pools and their ResourcePolicies.
///
/// Loading checks everything a simulator would trip over later, and every error names the file
/// and the field (`FederationConfigError`). ResourcePolicy files are named relative to the
/// configuration file and read with it.
public struct FederationConfig: Sendable, Hashable {
    public var host: HostConfig?
    public var members: [MemberConfig]

    public init(host: HostConfig? = nil, members: [MemberConfig]) {
        self.host = host
        self.members = members
    }

    /// The member with this FederatedCluster name or display name.
    public func member(named name: String) -> MemberConfig? {
        members.first { $0.name == name } ?? members.first { $0.displayName == name }
    }

    /// Reads and checks the configuration file at `path`, and the ResourcePolicy files it names.
    public static func load(file path: String) throws(FederationConfigError) -> FederationConfig {
        let text = try readText(path, for: path, field: "")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path) { (name, field) throws(FederationConfigError) in
            let policyPath = name.hasPrefix("/") ? name : directory + "/" + name
            return (policyPath, try readText(policyPath, for: path, field: field))
        }
    }

    /// Parses configuration text. `readPolicyFile` maps a `resourcePolicies` entry (and its
    /// field path, for errors) to the file's path and contents.
    public static func parse(
        _ text: String, file: String,
        readPolicyFile: (String, String) throws(FederationConfigError) -> (path: String, text: String)
    ) throws(FederationConfigError) -> FederationConfig {
        let documents: [JSONValue]
        do {
            documents = try JSONValue.yamlDocuments(text, file: file).filter { !$0.isNull }
        } catch {
            throw FederationConfigError(error, file: file)
        }
        guard documents.count == 1 else {
            throw FederationConfigError(file: file, message: "expected one YAML document, found \(documents.count)")
        }
        let root = FieldReader(object: ObjectReference(kind: "FederationConfig", name: file), value: documents[0])
        var policyFiles: [(member: Int, name: String, field: String)] = []
        var config: FederationConfig
        do {
            config = try decode(root) { member, name, field in policyFiles.append((member, name, field)) }
        } catch {
            throw FederationConfigError(file: file, error)
        }
        for entry in policyFiles {
            let (path, text) = try readPolicyFile(entry.name, entry.field)
            config.members[entry.member].resourcePolicies += try readPolicies(text, file: path)
        }
        return config
    }

    private static func readText(_ path: String, for config: String, field: String) throws(FederationConfigError)
        -> String
    {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let why = "cannot read \(path): \((error as NSError).localizedDescription)"
            throw FederationConfigError(file: config, field: field, message: why)
        }
    }

    /// Every ResourcePolicy in one file (a YAML stream may hold several).
    static func readPolicies(_ text: String, file: String) throws(FederationConfigError) -> [PolicyDocument] {
        let objects: [JSONValue]
        do {
            objects = try KubeDocuments.read(text, file: file)
        } catch {
            throw FederationConfigError(error, file: file)
        }
        guard !objects.isEmpty else { throw FederationConfigError(file: file, message: "holds no ResourcePolicy") }
        var documents: [PolicyDocument] = []
        for (index, object) in objects.enumerated() {
            do {
                documents.append(PolicyDocument(file: file, object: object, policy: try ResourcePolicy(decoding: object)))
            } catch {
                let field = objects.count > 1 ? "document \(index + 1): \(error.field)" : error.field
                throw FederationConfigError(file: file, field: field, message: error.message)
            }
        }
        return documents
    }
}
