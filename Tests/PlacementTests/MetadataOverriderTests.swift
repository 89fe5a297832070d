import KubeObjects
import Testing

@testable import Placement

/// Annotations and labels: overriders that edit the object's own `metadata`.
@Suite struct MetadataOverriderTests {
    /// A ConfigMap: metadata overriders work on any kind, unlike container overriders.
    static let configMap = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"app": "web", "tier": "cpu"}, "annotations": {"team": "ml"}}}"#

    static func map(_ result: JSONValue, _ kind: String) -> JSONValue? { result[path: ["metadata", kind]] }

    @Test(arguments: ["annotations", "labels"])
    func addIfAbsentAddsNewKeysInSortedOrder(_ kind: String) throws {
        let result = try applying(#"{"\#(kind)": [{"operator": "addIfAbsent", "value": {"z": "1", "b": "2", "m": "3"}}]}"#, to: Self.configMap)
        let keys = Self.map(result, kind)?.objectValue?.keys ?? []
        #expect(Array(keys.suffix(3)) == ["b", "m", "z"])
        #expect(Self.map(result, kind)?["z"] == "1")
    }

    @Test(arguments: [("annotations", "team"), ("labels", "tier")])
    func addIfAbsentFailsOnAKeyThatIsThere(_ kind: String, _ key: String) throws {
        let error = try overrideError(#"{"\#(kind)": [{"operator": "addIfAbsent", "value": {"new": "1", "\#(key)": "x"}}]}"#, to: Self.configMap)
        #expect(error?.overrider == (kind == "labels" ? .labels : .annotations))
        #expect(error?.message == "addIfAbsent cannot add \(key): metadata.\(kind) already has it")
    }

    @Test(arguments: ["annotations", "labels"])
    func addIfAbsentNeedsAValue(_ kind: String) throws {
        let error = try overrideError(#"{"\#(kind)": [{"operator": "addIfAbsent", "value": {}}]}"#, to: Self.configMap)
        #expect(error?.message == "addIfAbsent needs a value")
    }

    @Test(arguments: [#""operator": "overwrite","#, ""])
    func overwriteChangesOnlyKeysThatAreThere(_ operatorField: String) throws {
        let result = try applying(#"{"labels": [{\#(operatorField) "value": {"tier": "gpu", "absent": "x"}}]}"#, to: Self.configMap)
        #expect(Self.map(result, "labels") == ["app": "web", "tier": "gpu"])
    }

    @Test func deleteRemovesKeysWhateverTheirValue() throws {
        let result = try applying(#"{"labels": [{"operator": "delete", "value": {"tier": "ignored", "absent": ""}}]}"#, to: Self.configMap)
        #expect(Self.map(result, "labels") == ["app": "web"])
    }

    @Test func aMissingMapIsCreatedOnlyWhenSomethingIsAdded() throws {
        let bare = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}"#
        let unchanged = try applying(#"{"labels": [{"value": {"a": "1"}}], "annotations": [{"operator": "delete", "value": {"a": ""}}]}"#, to: bare)
        #expect(unchanged == (try json(bare)))
        let added = try applying(#"{"labels": [{"operator": "addIfAbsent", "value": {"a": "1"}}]}"#, to: bare)
        #expect(Self.map(added, "labels") == ["a": "1"])
    }

    @Test func annotationsEditTheObjectNotItsPodTemplate() throws {
        let result = try applying(#"{"annotations": [{"operator": "addIfAbsent", "value": {"x": "1"}}]}"#)
        #expect(Self.map(result, "annotations") == ["team": "ml", "x": "1"])
        #expect(result[path: ["spec", "template", "metadata", "annotations"]] == [:])
    }

    @Test func annotationsRunBeforeLabelsAndEachListRunsInOrder() throws {
        let result = try applying(
            """
            {"labels": [{"operator": "addIfAbsent", "value": {"a": "1"}}, {"value": {"a": "2"}}],
             "annotations": [{"operator": "delete", "value": {"team": ""}}, {"operator": "addIfAbsent", "value": {"team": "new"}}]}
            """, to: Self.configMap)
        #expect(Self.map(result, "labels")?["a"] == "2")
        #expect(Self.map(result, "annotations") == ["team": "new"])
    }

    @Test func aMalformedMapIsAnError() throws {
        let error = try overrideError(
            #"{"labels": [{"value": {"a": "1"}}]}"#, to: #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"labels": []}}"#)
        #expect(error?.message == "metadata.labels is an array, not an object")
    }
}
