import Foundation
import KubeObjects

/// Server-side printing: the `meta.k8s.io/v1` `Table` kubectl asks for with
/// `Accept: application/json;as=Table;...`, so `kubectl get` prints NAME and AGE columns.
///
/// Only the two generic columns are produced; per-kind columns (READY, STATUS) are not simulated.
enum TableView {
    /// Whether an `Accept` header asks for a Table.
    static func isRequested(by accept: String?) -> Bool {
        accept?.contains("as=Table") ?? false
    }

    static func table(for objects: [JSONValue], type: ResourceType, revision: String?) -> JSONValue {
        let columns: JSONValue = [
            ["name": "Name", "type": "string", "format": "name", "description": "Name of the object", "priority": 0],
            ["name": "Age", "type": "string", "format": "", "description": "Time since creation", "priority": 0],
        ]
        let rows = objects.map { object -> JSONValue in
            .object(JSONObject([
                ("cells", .array([.string(object.name), .string(age(of: object))])),
                ("object", partialMetadata(object)),
            ]))
        }
        var metadata = JSONObject()
        if let revision { metadata["resourceVersion"] = .string(revision) }
        return .object(JSONObject([
            ("kind", "Table"), ("apiVersion", "meta.k8s.io/v1"), ("metadata", .object(metadata)),
            ("columnDefinitions", columns), ("rows", .array(rows)),
        ]))
    }

    /// What a row carries by default (`includeObject=Partial`): the object's metadata only.
    private static func partialMetadata(_ object: JSONValue) -> JSONValue {
        .object(JSONObject([
            ("kind", "PartialObjectMetadata"), ("apiVersion", "meta.k8s.io/v1"),
            ("metadata", object["metadata"] ?? .object(JSONObject())),
        ]))
    }

    /// `5s`, `3m`, `2h`, `4d`: the short form kubectl prints.
    private static func age(of object: JSONValue) -> String {
        guard let text = object[path: ["metadata", "creationTimestamp"]]?.stringValue,
            let created = try? Date(text, strategy: .iso8601)
        else { return "<unknown>" }
        let seconds = max(0, Int(Date().timeIntervalSince(created)))
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<7200: return "\(seconds / 60)m"
        case ..<172_800: return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }
}
