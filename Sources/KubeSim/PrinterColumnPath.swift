import Foundation
import KubeObjects

/// One of a CRD version's `additionalPrinterColumns`: a Table column whose cells a JSONPath reads
/// from each object.
struct PrinterColumn: Sendable, Hashable {
    var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`, as the CRD declares it.
    var type: String
    var format: String
    var description: String
    var priority: Int
    var jsonPath: String
    /// `nil` when `jsonPath` is outside the supported subset: the column's cells are then empty.
    var path: PrinterColumnPath?

    init(name: String, type: String, jsonPath: String, format: String = "", description: String = "", priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
        path = PrinterColumnPath(jsonPath)
    }

    /// The columns of a CRD version's `additionalPrinterColumns`, skipping entries without a name or path.
    static func declared(by version: JSONValue) -> [PrinterColumn] {
        (version["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column in
            guard let name = column["name"]?.stringValue, let jsonPath = column["jsonPath"]?.stringValue else { return nil }
            return PrinterColumn(
                name: name, type: column["type"]?.stringValue ?? "string", jsonPath: jsonPath,
                format: column["format"]?.stringValue ?? "", description: column["description"]?.stringValue ?? "",
                priority: Int(column["priority"]?.intValue ?? 0))
        }
    }
}

/// The JSONPath subset printer columns use: `.a.b` (a `\.` escapes a dot in a key), `['key']`,
/// `[0]` and `[-1]`, `[*]` and `.*`, and filters `[?(@.type=='Ready')]` (`==` or `!=`, a quoted,
/// numeric or boolean literal; `[?(@.field)]` keeps elements that have the field). An optional
/// `$` and surrounding `{}` are accepted.
struct PrinterColumnPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case field(String)
        case index(Int)
        case wildcard
        /// Keeps the array elements whose value at `path` equals (or, negated, differs from)
        /// `literal`; with no literal, the elements that have a value there.
        case filter(path: [String], literal: JSONValue?, negated: Bool)
    }

    let steps: [Step]

    init?(_ text: String) {
        var source = Substring(text.trimmingCharacters(in: .whitespaces))
        if source.hasPrefix("{"), source.hasSuffix("}") { source = source.dropFirst().dropLast() }
        if source.hasPrefix("$") { source = source.dropFirst() }
        var steps: [Step] = []
        while let first = source.first {
            if first == "." {
                source = source.dropFirst()
                if source.first == "*" {
                    steps.append(.wildcard)
                    source = source.dropFirst()
                    continue
                }
                guard let key = Self.key(&source) else { return nil }
                steps.append(.field(key))
            } else if first == "[" {
                guard let step = Self.bracket(&source) else { return nil }
                steps.append(step)
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// Every value the path reaches, in document order; empty when it reaches nothing.
    func values(in object: JSONValue) -> [JSONValue] {
        steps.reduce([object]) { current, step in current.flatMap { Self.apply(step, to: $0) } }
    }

    private static func apply(_ step: Step, to value: JSONValue) -> [JSONValue] {
        switch step {
        case .field(let key):
            return value[key].map { [$0] } ?? []
        case .index(let index):
            guard let elements = value.arrayValue else { return [] }
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? [elements[position]] : []
        case .wildcard:
            return value.arrayValue ?? value.objectValue?.entries.map(\.value) ?? []
        case .filter(let path, let literal, let negated):
            return (value.arrayValue ?? []).filter { element in
                guard let found = element[path: path] else { return false }
                guard let literal else { return true }
                return (found == literal) != negated
            }
        }
    }

    /// A dotted key up to the next unescaped `.` or `[`.
    private static func key(_ source: inout Substring) -> String? {
        var key = ""
        while let character = source.first, character != ".", character != "[" {
            source = source.dropFirst()
            if character == "\\", let escaped = source.first {
                key.append(escaped)
                source = source.dropFirst()
            } else {
                key.append(character)
            }
        }
        return key.isEmpty ? nil : key
    }

    /// `[…]`: an index, `*`, a quoted key or a filter; consumes through the closing bracket.
    private static func bracket(_ source: inout Substring) -> Step? {
        source = source.dropFirst()
        var inside = ""
        var quote: Character?
        while let character = source.first {
            source = source.dropFirst()
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "]" {
                return step(inside.trimmingCharacters(in: .whitespaces))
            }
            inside.append(character)
        }
        return nil
    }

    private static func step(_ inside: String) -> Step? {
        if inside == "*" { return .wildcard }
        if let index = Int(inside) { return .index(index) }
        if let quoted = unquoted(inside) { return .field(quoted) }
        guard inside.hasPrefix("?("), inside.hasSuffix(")") else { return nil }
        let condition = inside.dropFirst(2).dropLast().trimmingCharacters(in: .whitespaces)
        for (op, negated) in [("==", false), ("!=", true)] {
            guard let range = condition.range(of: op) else { continue }
            guard let path = filterPath(String(condition[..<range.lowerBound])),
                let literal = literal(condition[range.upperBound...].trimmingCharacters(in: .whitespaces))
            else { return nil }
            return .filter(path: path, literal: literal, negated: negated)
        }
        return filterPath(condition).map { .filter(path: $0, literal: nil, negated: false) }
    }

    /// `@.status.type` → `["status", "type"]`.
    private static func filterPath(_ text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("@."), let relative = PrinterColumnPath(String(trimmed.dropFirst())) else { return nil }
        var keys: [String] = []
        for step in relative.steps {
            guard case .field(let key) = step else { return nil }
            keys.append(key)
        }
        return keys
    }

    private static func literal(_ text: String) -> JSONValue? {
        if let quoted = unquoted(text) { return .string(quoted) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let integer = Int64(text) { return .int(integer) }
        return Double(text).map(JSONValue.double)
    }

    private static func unquoted(_ text: String) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else { return nil }
        return String(text.dropFirst().dropLast())
    }
}
