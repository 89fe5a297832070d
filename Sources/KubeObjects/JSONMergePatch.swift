/// RFC 7386 JSON Merge Patch: the patch is a partial document, merged member by member.
///
/// This is what `kubectl patch --type=merge` sends. It is simpler than a JSON patch and cannot
/// fail, at the price of two things it cannot say: set a member to `null` (a `null` in the patch
/// deletes the member) and change part of an array (an array in the patch replaces the whole
/// array).
extension JSONValue {
    /// The merge of `patch` into this value, per RFC 7386 section 2:
    /// - a patch that is not an object replaces the target whole;
    /// - an object patch turns a non-object target into `{}`, then for each member deletes it when
    ///   the patch's value is `null` and otherwise merges the patch's value into it.
    ///
    /// Members keep their position in the target; new members go after them, in the patch's order.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        var result = self
        result.applyMergePatch(patch)
        return result
    }

    /// In-place form of `applyingMergePatch(_:)`: each object on the merge path is moved out of
    /// its parent while it changes, so nested merges do not copy what they keep.
    public mutating func applyMergePatch(_ patch: JSONValue) {
        guard case .object(let patchMembers) = patch else {
            self = patch
            return
        }
        var target = takeObject() ?? JSONObject()
        for (key, value) in patchMembers {
            if value.isNull {
                target.removeValue(forKey: key)
                continue
            }
            var member = JSONValue.null  // a missing member merges like null: an object patch makes it {}
            if let existing = target[key] {
                member = existing
                target[key] = .null  // drop the object's reference so that `member` is unique
            }
            member.applyMergePatch(value)
            target[key] = member
        }
        self = .object(target)
    }
}
