/// In-place edits at a JSON pointer: the machinery under JSON Patch and JSON Merge Patch.
///
/// `JSONValue` is an enum whose arrays and objects are copy-on-write buffers. Editing a child
/// naively (read it out, change it, write it back) holds two references to the child's buffer at
/// the moment of the change, so every edit copies every container on the path: a patch of many
/// operations on a large document turns quadratic. These helpers move each container out of its
/// parent (leaving `.null` behind) before changing it, so the buffer is uniquely referenced and
/// Swift mutates it in place. Only the first edit of a container that is shared with the caller's
/// document copies it, once, which is also what keeps the caller's document untouched.
extension JSONValue {
    /// Moves the object out of `self`, leaving `.null`; `nil` (and `self` unchanged) otherwise.
    mutating func takeObject() -> JSONObject? {
        guard case .object(let object) = self else { return nil }
        self = .null
        return object
    }

    /// Moves the array out of `self`, leaving `.null`; `nil` (and `self` unchanged) otherwise.
    mutating func takeArray() -> [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        self = .null
        return elements
    }

    /// Runs `body` on the value at `pointer.tokens[..<end]`, in place. Errors name the first
    /// prefix of the pointer that could not be followed.
    mutating func modifyValue<R>(
        at pointer: JSONPointer,
        depth: Int = 0,
        end: Int,
        _ body: (inout JSONValue) throws(JSONPatchError) -> R
    ) throws(JSONPatchError) -> R {
        guard depth < end else { return try body(&self) }
        let token = pointer.tokens[depth]
        if var object = takeObject() {
            defer { self = .object(object) }
            guard var child = object[token] else {
                throw Self.missing(pointer, through: depth)
            }
            object[token] = .null  // drop the object's reference so that `child` is unique
            defer { object[token] = child }
            return try child.modifyValue(at: pointer, depth: depth + 1, end: end, body)
        }
        if var elements = takeArray() {
            defer { self = .array(elements) }
            let index = try Self.existingIndex(pointer, at: depth, count: elements.count)
            return try elements[index].modifyValue(at: pointer, depth: depth + 1, end: end, body)
        }
        throw JSONPatchError(
            message: "\(Self.prefix(pointer, through: depth)) does not exist: "
                + "\(Self.prefix(pointer, through: depth - 1).quotedIfRoot) is \(typeName), not an object or array"
        )
    }

    /// RFC 6902 `add`: sets an object member (replacing one that exists), inserts into an array at
    /// an index from 0 to its count, or appends for `-`. The root is replaced whole.
    mutating func addValue(_ value: JSONValue, at pointer: JSONPointer) throws(JSONPatchError) {
        guard let last = pointer.tokens.last else {
            self = value
            return
        }
        let depth = pointer.tokens.count - 1
        try modifyValue(at: pointer, end: depth) { (parent) throws(JSONPatchError) in
            if var object = parent.takeObject() {
                object[last] = value
                parent = .object(object)
                return
            }
            guard var elements = parent.takeArray() else {
                throw Self.notContainer(parent, pointer: pointer)
            }
            defer { parent = .array(elements) }
            if last == "-" {
                elements.append(value)
                return
            }
            guard let index = JSONPointer.arrayIndex(last) else {
                throw Self.badIndex(pointer, at: depth)
            }
            guard index <= elements.count else {
                throw JSONPatchError(
                    message: "index \(index) is out of range: the array at "
                        + "\(Self.prefix(pointer, through: depth - 1).quotedIfRoot) has \(elements.count) elements"
                )
            }
            elements.insert(value, at: index)
        }
    }

    /// RFC 6902 `remove`: the target must exist. Returns the removed value, for `move`. Removing
    /// the root leaves `null`, as the json-patch-tests suite expects.
    @discardableResult
    mutating func removeValue(at pointer: JSONPointer) throws(JSONPatchError) -> JSONValue {
        guard let last = pointer.tokens.last else {
            defer { self = .null }
            return self
        }
        let depth = pointer.tokens.count - 1
        return try modifyValue(at: pointer, end: depth) { (parent) throws(JSONPatchError) -> JSONValue in
            if var object = parent.takeObject() {
                defer { parent = .object(object) }
                guard let removed = object.removeValue(forKey: last) else {
                    throw Self.missing(pointer, through: depth)
                }
                return removed
            }
            guard var elements = parent.takeArray() else {
                throw Self.notContainer(parent, pointer: pointer)
            }
            defer { parent = .array(elements) }
            let index = try Self.existingIndex(pointer, at: depth, count: elements.count)
            return elements.remove(at: index)
        }
    }

    /// RFC 6902 `replace`: like `remove` then `add`, but the target must exist and keeps its place
    /// (an object member stays where it was in key order). Replacing the root replaces everything.
    mutating func replaceValue(at pointer: JSONPointer, with value: JSONValue) throws(JSONPatchError) {
        guard !pointer.isRoot else {
            self = value
            return
        }
        try modifyValue(at: pointer, end: pointer.tokens.count) { target in target = value }
    }

    // MARK: Errors

    /// The escaped form of the first `depth + 1` tokens of `pointer`.
    static func prefix(_ pointer: JSONPointer, through depth: Int) -> String {
        JSONPointer(tokens: Array(pointer.tokens.prefix(depth + 1))).description
    }

    static func missing(_ pointer: JSONPointer, through depth: Int) -> JSONPatchError {
        depth == pointer.tokens.count - 1
            ? JSONPatchError(message: "path does not exist")
            : JSONPatchError(message: "path does not exist: \(prefix(pointer, through: depth)) is missing")
    }

    static func notContainer(_ parent: JSONValue, pointer: JSONPointer) -> JSONPatchError {
        let parentText = prefix(pointer, through: pointer.tokens.count - 2).quotedIfRoot
        return JSONPatchError(message: "\(parentText) is \(parent.typeName), not an object or array")
    }

    static func badIndex(_ pointer: JSONPointer, at depth: Int) -> JSONPatchError {
        let token = pointer.tokens[depth]
        let array = prefix(pointer, through: depth - 1).quotedIfRoot
        if token == "-" {
            return JSONPatchError(message: #""-" (after the last element of \#(array)) only works as the path of add"#)
        }
        return JSONPatchError(message: "\"\(token)\" is not an index into the array at \(array)")
    }

    /// The index a token names in an array of `count` elements, which must exist.
    static func existingIndex(_ pointer: JSONPointer, at depth: Int, count: Int) throws(JSONPatchError) -> Int {
        guard let index = JSONPointer.arrayIndex(pointer.tokens[depth]) else {
            throw badIndex(pointer, at: depth)
        }
        guard index < count else {
            let array = prefix(pointer, through: depth - 1).quotedIfRoot
            throw JSONPatchError(
                message: "path does not exist: index \(index) is out of range, the array at \(array) has \(count) elements"
            )
        }
        return index
    }
}

extension String {
    /// An escaped pointer for a message: the root (an empty string) would read as nothing at all.
    fileprivate var quotedIfRoot: String { isEmpty ? "the root" : self }
}
