import Foundation
import KubeObjects

/// Reads typed fields out of a parsed kubeconfig while remembering the file and the field path,
/// so that every error says where to look (`config:users[1].user.client-key-data: ...`).
///
/// The KubeClient-local counterpart of Placement's `FieldReader`. Absent and `null` fields read as
/// `nil`, as client-go treats them; a field of the wrong type is an error. Values are never quoted
/// in errors, because the field might hold a token or a key.
struct ConfigField {
    let file: String?
    let path: String
    let value: JSONValue?

    init(file: String?, path: String = "", value: JSONValue?) {
        self.file = file
        self.path = path
        self.value = value
    }

    func field(_ key: String) -> ConfigField {
        ConfigField(file: file, path: path.isEmpty ? key : "\(path).\(key)", value: value?[key])
    }

    func error(_ message: String, _ code: KubeConfigError.Code = .invalidField) -> KubeConfigError {
        KubeConfigError(code, message, file: file, field: path.isEmpty ? nil : path)
    }

    var isPresent: Bool {
        guard let value else { return false }
        return !value.isNull
    }

    private func typeError(_ expected: String) -> KubeConfigError {
        error("expected \(expected), got \(value?.typeName ?? "nothing")")
    }

    func string() throws(KubeConfigError) -> String? {
        guard isPresent, let value else { return nil }
        guard let string = value.stringValue else { throw typeError("a string") }
        return string
    }

    /// A string that is treated as unset when empty, as Go's zero value is.
    func nonEmptyString() throws(KubeConfigError) -> String? {
        guard let string = try string(), !string.isEmpty else { return nil }
        return string
    }

    func bool() throws(KubeConfigError) -> Bool? {
        guard isPresent, let value else { return nil }
        guard let bool = value.boolValue else { throw typeError("a boolean") }
        return bool
    }

    func object() throws(KubeConfigError) -> JSONObject? {
        guard isPresent, let value else { return nil }
        guard let object = value.objectValue else { throw typeError("an object") }
        return object
    }

    /// The elements of an array field, each with its index in the path.
    func array() throws(KubeConfigError) -> [ConfigField]? {
        guard isPresent, let value else { return nil }
        guard let elements = value.arrayValue else { throw typeError("an array") }
        return elements.enumerated().map { index, element in
            ConfigField(file: file, path: "\(path)[\(index)]", value: element)
        }
    }

    func strings() throws(KubeConfigError) -> [String]? {
        guard let elements = try array() else { return nil }
        var result: [String] = []
        for element in elements {
            guard let string = element.value?.stringValue else { throw element.typeError("a string") }
            result.append(string)
        }
        return result
    }

    /// A `[]byte` field (`certificate-authority-data`, `client-key-data`): standard base64, with
    /// line breaks ignored as Go's decoder ignores them. An empty string reads as unset.
    func base64() throws(KubeConfigError) -> [UInt8]? {
        guard let text = try nonEmptyString() else { return nil }
        let joined = text.filter { $0 != "\n" && $0 != "\r" }
        guard let data = Data(base64Encoded: joined) else {
            throw error("is not valid base64; it must hold the base64 encoding of a PEM file")
        }
        return [UInt8](data)
    }
}
