import KubeClient
import KubeObjects

extension ResourcePolicy {
    /// Sets the `max` (`maxReplicas` in dialect A) of the elastic units (`eci`/`vci`) of a
    /// ResourcePolicy on the member's API server: the walkthrough's way of saying "the cloud has
    /// GPU stock again" (step A5 raises it from 2 to 4).
    ///
    /// The change is one JSON Patch whose `test` operations check that each patched unit is still
    /// the elastic one, so a policy edited meanwhile fails the call instead of being corrupted.
    /// Returns the patched object; throws the API's error, or `invalidArgument` when the policy
    /// has no elastic unit.
    @discardableResult
    public static func setElasticMax(
        _ max: Int, api: KubeAPI, dialect: Dialect, namespace: String, name: String
    ) async throws(KubeAPIError) -> JSONValue {
        let object = try await api.get(dialect.resource, namespace: namespace, name: name)
        let (list, kindField, capField) =
            dialect == .volcengine ? ("subsets", "type", "maxReplicas") : ("units", "resource", "max")
        var operations: [JSONValue] = []
        for (index, unit) in (object[path: ["spec", list]]?.arrayValue ?? []).enumerated() {
            guard let kind = unit[kindField]?.stringValue, PolicyUnit.Resource(rawValue: kind)?.isElastic == true else {
                continue
            }
            let path = "/spec/\(list)/\(index)"
            operations.append(["op": "test", "path": .string("\(path)/\(kindField)"), "value": .string(kind)])
            operations.append(["op": "add", "path": .string("\(path)/\(capField)"), "value": .int(Int64(max))])
        }
        guard !operations.isEmpty else {
            throw KubeAPIError(.invalidArgument, "ResourcePolicy \(namespace)/\(name) has no eci or vci unit")
        }
        return try await api.patch(dialect.resource, namespace: namespace, name: name, .array(operations), type: .json)
    }
}
