import Foundation
import KubeObjects

/// Server-side printing: the `meta.k8s.io/v1` `Table` kubectl asks for with
/// `Accept: application/json;as=Table;...`, so `kubectl get` prints what it would against a real
/// API server.
///
/// Pods, Deployments, ReplicaSets and Nodes get the columns Kubernetes' own printers produce
/// (`TableColumns.swift`); a custom resource gets its CRD's `additionalPrinterColumns` for the
/// served version; every other kind gets Name and Age. Like a real server, the Table always
/// carries the priority-1 columns, which kubectl shows only with `-o wide`.
enum TableView {
    /// Whether an `Accept` header asks for a Table.
    static func isRequested(by accept: String?) -> Bool {
        accept?.contains("as=Table") ?? false
    }

    static func table(for objects: [JSONValue], type: ResourceType, revision: String?) -> JSONValue {
        let columns = [TableColumn.name] + columns(for: type)
        let rows = objects.map { object -> JSONValue in
            .object(JSONObject([
                ("cells", .array(columns.map { $0.cell(object) })),
                ("object", partialMetadata(object)),
            ]))
        }
        var metadata = JSONObject()
        if let revision { metadata["resourceVersion"] = .string(revision) }
        return .object(JSONObject([
            ("kind", "Table"), ("apiVersion", "meta.k8s.io/v1"), ("metadata", .object(metadata)),
            ("columnDefinitions", .array(columns.map(\.definition))), ("rows", .array(rows)),
        ]))
    }

    /// The columns after Name for objects of `type`.
    static func columns(for type: ResourceType) -> [TableColumn] {
        switch (type.group, type.plural) {
        case ("", "pods"): return TableColumn.pod
        case ("", "nodes"): return TableColumn.node
        case ("apps", "deployments"): return TableColumn.deployment
        case ("apps", "replicasets"): return TableColumn.replicaSet
        default:
            // A CRD that declares columns gets exactly those (its Age is one of them if it wants one).
            guard !type.printerColumns.isEmpty else { return [TableColumn.age] }
            return type.printerColumns.map(TableColumn.init(printerColumn:))
        }
    }

    /// A custom resource's cell: the first value the path reaches, typed as the column says;
    /// a `string` column joins every value (`[*]`) with commas; nothing found is an empty cell.
    static func cell(_ column: PrinterColumn, of object: JSONValue) -> JSONValue {
        let values = (column.path?.values(in: object) ?? []).filter { !$0.isNull }
        guard let first = values.first else { return "" }
        switch column.type {
        case "integer":
            guard let number = first.intValue ?? first.doubleValue.flatMap({ Int64(exactly: $0.rounded(.towardZero)) })
            else { return "" }
            return .int(number)
        case "number": return first.doubleValue.map(JSONValue.double) ?? ""
        case "boolean": return first.boolValue.map(JSONValue.bool) ?? ""
        case "date": return first.stringValue.map { .string(age(since: $0) ?? "<invalid>") } ?? ""
        default: return .string(values.map(text).joined(separator: ","))
        }
    }

    /// How a string column prints a value: scalars as themselves, objects and arrays as JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let string): return string
        case .int(let integer): return String(integer)
        case .double(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object: return value.jsonString
        }
    }

    /// What a row carries by default (`includeObject=Partial`): the object's metadata only.
    private static func partialMetadata(_ object: JSONValue) -> JSONValue {
        .object(JSONObject([
            ("kind", "PartialObjectMetadata"), ("apiVersion", "meta.k8s.io/v1"),
            ("metadata", object["metadata"] ?? .object(JSONObject())),
        ]))
    }

    /// The object's age, `<unknown>` without a creation timestamp.
    static func age(of object: JSONValue) -> String {
        object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(age(since:)) ?? "<unknown>"
    }

    /// `5s`, `3m`, `2h`, `4d`: the short form kubectl prints for the time since an RFC 3339
    /// timestamp; `nil` when the text is not one.
    static func age(since timestamp: String) -> String? {
        guard let created = date(timestamp) else { return nil }
        let seconds = max(0, Int(Date().timeIntervalSince(created)))
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<7200: return "\(seconds / 60)m"
        case ..<172_800: return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }

    static func date(_ timestamp: String) -> Date? {
        (try? Date(timestamp, strategy: .iso8601))
            ?? (try? Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
