/// Builds JSON values from a stream of YAML node events (scalars, aliases, collection starts and
/// ends), enforcing what Kubernetes needs that YAML itself allows: string keys, no duplicate keys,
/// and no values JSON cannot hold.
///
/// It keeps an explicit stack instead of recursing, so that depth is bounded by a check rather
/// than by the thread's stack. Aliases resolve to copies of the anchored value (cheap, since
/// `JSONValue` storage is copy-on-write); what is bounded is the size those copies add up to,
/// because a few lines of nested aliases can stand for billions of nodes that every later step
/// (diffing, printing, hashing) would walk.
struct YAMLComposer {
    /// A position in the source, 1-based.
    struct Mark {
        var line: Int
        var column: Int
    }

    /// A finished node on its way to its parent.
    struct Node {
        var value: JSONValue
        /// How many nodes the value stands for once every alias in it is expanded.
        var size: Int
        var mark: Mark
        /// A plain `<<` (or `!!merge`) scalar: a merge key if it lands in key position.
        var isMergeKey = false
        /// How to name the node in an error when it is used as a key: its text, or `*anchor`.
        var name: String?
    }

    /// The most nodes that aliases may add to one stream.
    static let maximumAliasExpansion = 10_000_000
    /// The JSON parser's bound, so that a document is accepted or refused alike in either syntax.
    static let maximumDepth = JSONParser.maximumDepth

    let file: String?
    private var stack: [Frame] = []
    private var anchors: [String: Node] = [:]
    private var root: Node?
    private var aliasExpansion = 0

    init(file: String?) {
        self.file = file
    }

    func error(_ message: String, at mark: Mark) -> SourceError {
        SourceError(file: file, line: mark.line, column: mark.column, message: message)
    }

    // MARK: - Documents

    /// Anchors are scoped to their document, as YAML specifies.
    mutating func beginDocument() {
        anchors.removeAll(keepingCapacity: true)
        stack.removeAll()
        root = nil
    }

    mutating func endDocument() -> JSONValue {
        defer { root = nil }
        return root?.value ?? .null
    }

    // MARK: - Nodes

    mutating func scalar(
        _ bytes: UnsafeBufferPointer<UInt8>, plain: Bool, tag: String?, anchor: String?, mark: Mark
    ) throws(SourceError) {
        let value: JSONValue
        do {
            value = try YAMLScalarResolver.resolve(bytes, plain: plain, tag: tag)
        } catch {
            throw self.error(error.message, at: mark)
        }
        var node = Node(value: value, size: 1, mark: mark)
        if bytes.count == 2, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "<") {
            node.isMergeKey = (plain && tag == nil) || tag == YAMLScalarResolver.mergeTag
        }
        if value.stringValue == nil, isExpectingKey {
            node.name = YAMLScalarResolver.text(bytes)
        }
        if let anchor { anchors[anchor] = node }
        try deliver(node)
    }

    mutating func alias(_ anchor: String, mark: Mark) throws(SourceError) {
        guard var node = anchors[anchor] else {
            if stack.contains(where: { $0.anchor == anchor }) {
                throw error("alias *\(anchor) refers to a node that contains it", at: mark)
            }
            throw error("alias *\(anchor) refers to no anchor", at: mark)
        }
        aliasExpansion += node.size
        guard aliasExpansion <= Self.maximumAliasExpansion else {
            throw error(
                "aliases expand to more than \(Self.maximumAliasExpansion) nodes; refusing a likely alias bomb",
                at: mark)
        }
        node.mark = mark
        node.isMergeKey = false
        node.name = "*" + anchor
        try deliver(node)
    }

    mutating func beginCollection(isMapping: Bool, anchor: String?, mark: Mark) throws(SourceError) {
        guard stack.count < Self.maximumDepth else {
            throw error("document nested deeper than \(Self.maximumDepth) levels", at: mark)
        }
        if isMapping {
            stack.append(.mapping(MappingFrame(anchor: anchor, mark: mark)))
        } else {
            stack.append(.sequence(SequenceFrame(anchor: anchor, mark: mark)))
        }
    }

    mutating func endCollection() throws(SourceError) {
        let node: Node
        let anchor: String?
        switch stack.removeLast() {
        case .sequence(let frame):
            node = Node(value: .array(frame.elements), size: frame.size, mark: frame.mark)
            anchor = frame.anchor
        case .mapping(let frame):
            node = Node(value: .object(frame.finish()), size: frame.size, mark: frame.mark)
            anchor = frame.anchor
        }
        if let anchor { anchors[anchor] = node }
        try deliver(node)
    }

    // MARK: - Delivering nodes to their parents

    private var isExpectingKey: Bool {
        if case .mapping(let frame)? = stack.last { return frame.pendingKey == nil }
        return false
    }

    private mutating func deliver(_ node: Node) throws(SourceError) {
        switch stack.last {
        case nil:
            root = node
        case .sequence(let frame)?:
            frame.size += node.size
            frame.elements.append(node.value)
        case .mapping(let frame)?:
            frame.size += node.size
            if frame.pendingKey == nil {
                try acceptKey(node, into: frame)
            } else {
                try acceptValue(node, into: frame)
            }
        }
    }

    private func acceptKey(_ node: Node, into mapping: MappingFrame) throws(SourceError) {
        let key: MappingFrame.Key
        if node.isMergeKey {
            key = .merge
        } else if case .string(let string) = node.value {
            key = .named(string)
        } else if let name = node.name {
            let shown = name.isEmpty ? "(empty)" : name
            throw error("mapping key \(shown) is \(node.value.typeName), not a string; quote it", at: node.mark)
        } else {
            var shown = node.value.jsonString
            if shown.count > 40 { shown = String(shown.prefix(40)) + "…" }
            throw error("mapping key \(shown) is \(node.value.typeName), not a string", at: node.mark)
        }
        if mapping.contains(key) {
            let shown = key.name.jsonString
            throw error("duplicate key \(shown)", at: node.mark)
        }
        mapping.pendingKey = key
    }

    private func acceptValue(_ node: Node, into mapping: MappingFrame) throws(SourceError) {
        guard let key = mapping.pendingKey else { return }
        mapping.pendingKey = nil
        switch key {
        case .named(let name):
            mapping.object[name] = node.value
        case .merge:
            let expected = "a merge key (<<) takes a mapping or a list of mappings"
            switch node.value {
            case .object(let object):
                mapping.setMerged([object])
            case .array(let elements):
                var objects: [JSONObject] = []
                for element in elements {
                    guard case .object(let object) = element else {
                        throw error("\(expected), got a list holding \(element.typeName)", at: node.mark)
                    }
                    objects.append(object)
                }
                mapping.setMerged(objects)
            default:
                throw error("\(expected), got \(node.value.typeName)", at: node.mark)
            }
        }
    }
}

// MARK: - Collections under construction

/// A sequence or mapping whose end event has not arrived yet. The frames are classes so that
/// appending to the innermost one mutates it in place instead of copying it out of the stack.
private enum Frame {
    case sequence(SequenceFrame)
    case mapping(MappingFrame)

    var anchor: String? {
        switch self {
        case .sequence(let frame): frame.anchor
        case .mapping(let frame): frame.anchor
        }
    }
}

private final class SequenceFrame {
    let anchor: String?
    let mark: YAMLComposer.Mark
    var size = 1
    var elements: [JSONValue] = []

    init(anchor: String?, mark: YAMLComposer.Mark) {
        self.anchor = anchor
        self.mark = mark
    }
}

private final class MappingFrame {
    enum Key {
        case named(String)
        case merge

        var name: JSONValue { if case .named(let name) = self { .string(name) } else { .string("<<") } }
    }

    let anchor: String?
    let mark: YAMLComposer.Mark
    var size = 1
    /// The keys written in this mapping.
    var object = JSONObject()
    var pendingKey: Key?
    /// Mappings merged in by `<<`, earliest first; and how many explicit keys came before `<<`,
    /// so that merged keys are printed where the user wrote the merge.
    private var merged: [JSONObject]?
    private var mergePosition = 0

    init(anchor: String?, mark: YAMLComposer.Mark) {
        self.anchor = anchor
        self.mark = mark
    }

    func contains(_ key: Key) -> Bool {
        switch key {
        case .named(let name): return object.contains(name)
        case .merge: return merged != nil
        }
    }

    func setMerged(_ objects: [JSONObject]) {
        merged = objects
        mergePosition = object.count
    }

    /// Applies the merge: keys written in the mapping win over merged ones, and among merged
    /// mappings the earlier one wins (the YAML merge-key rule, which go-yaml follows).
    func finish() -> JSONObject {
        guard let merged else { return object }
        let explicit = object.entries
        var result = JSONObject()
        for (key, value) in explicit[..<mergePosition] { result[key] = value }
        for source in merged {
            for (key, value) in source where !object.contains(key) && !result.contains(key) {
                result[key] = value
            }
        }
        for (key, value) in explicit[mergePosition...] { result[key] = value }
        return result
    }
}
