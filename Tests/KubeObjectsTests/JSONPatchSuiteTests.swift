import Foundation
import Testing
import KubeObjects

/// One entry of the json-patch-tests conformance suite (see Fixtures/json-patch-tests/README.md).
struct JSONPatchSuiteCase: Sendable, CustomTestStringConvertible {
    var file: String
    var index: Int
    var comment: String?
    var document: JSONValue
    /// The patch, or why its text is not valid strict JSON (the suite has a patch with two
    /// `op` members; Flotilla's reader rejects duplicate keys, so that patch never applies).
    var patch: Result<JSONValue, SourceError>
    var expected: JSONValue?
    var expectsError: Bool
    var disabled: Bool

    var testDescription: String { "\(file)[\(index)] \(comment ?? "")" }
}

/// Reads the suite's files. The files are read entry by entry, and each entry member by member,
/// so that the one patch that is not strict JSON fails alone instead of taking its file with it.
enum JSONPatchSuite {
    static let files = ["tests.json", "spec_tests.json"]

    /// Every entry of both files, disabled ones included; empty if the fixtures are missing,
    /// which `theSuiteHasTheExpectedNumberOfCases` reports.
    static let allCases: [JSONPatchSuiteCase] = files.flatMap { (try? load($0)) ?? [] }

    static var runnableCases: [JSONPatchSuiteCase] { allCases.filter { !$0.disabled } }

    static func load(_ file: String) throws -> [JSONPatchSuiteCase] {
        guard let url = Bundle.module.url(
            forResource: file, withExtension: nil, subdirectory: "Fixtures/json-patch-tests")
        else { throw CocoaError(.fileNoSuchFile) }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try topLevelParts(text[...]).enumerated().map { index, entry in
            var members: [String: Substring] = [:]
            for part in topLevelParts(entry) {
                let (key, value) = try member(part)
                members[key] = value
            }
            func value(_ name: String) throws -> JSONValue? {
                try members[name].map { try JSONValue(parsing: String($0)) }
            }
            let patchText = String(members["patch"] ?? "")
            return JSONPatchSuiteCase(
                file: file, index: index,
                comment: try value("comment")?.stringValue,
                document: try value("doc") ?? .null,
                patch: Result { () throws(SourceError) in try JSONValue(parsing: patchText) },
                expected: try value("expected"),
                expectsError: members["error"] != nil,
                disabled: try value("disabled") == .bool(true)
            )
        }
    }

    /// The raw text of each element (of an array) or member (of an object) at the top level of
    /// `text`: commas split only outside strings and nested containers.
    static func topLevelParts(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = text.startIndex
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
            case "[", "{":
                depth += 1
                if depth == 1 { start = text.index(after: index) }
            case "]", "}":
                if depth == 1, !text[start..<index].allSatisfy(\.isWhitespace) { parts.append(text[start..<index]) }
                depth -= 1
            case "," where depth == 1:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default:
                break
            }
        }
        return parts
    }

    /// Splits `"key": value` at the colon after the key.
    static func member(_ part: Substring) throws -> (String, Substring) {
        let trimmed = part.drop(while: \.isWhitespace)
        var escaped = false
        for index in trimmed.indices.dropFirst() {
            let character = trimmed[index]
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            guard character == "\"" else { continue }
            let keyEnd = trimmed.index(after: index)
            guard let key = try JSONValue(parsing: String(trimmed[..<keyEnd])).stringValue,
                let colon = trimmed[keyEnd...].firstIndex(of: ":")
            else { break }
            return (key, trimmed[trimmed.index(after: colon)...])
        }
        throw SourceError(line: 1, column: 1, message: "not an object member: \(part)")
    }
}

@Suite struct JSONPatchSuiteTests {
    @Test func theSuiteHasTheExpectedNumberOfCases() {
        let byFile = Dictionary(grouping: JSONPatchSuite.allCases, by: \.file)
        #expect(byFile["tests.json"]?.count == 96)
        #expect(byFile["spec_tests.json"]?.count == 13)
        #expect(JSONPatchSuite.runnableCases.count == 106)
    }

    @Test(arguments: JSONPatchSuite.runnableCases)
    func everyRunnableCaseGivesTheExpectedResultOrError(_ suiteCase: JSONPatchSuiteCase) throws {
        let outcome: Result<JSONValue, JSONPatchError>
        switch suiteCase.patch {
        case .failure(let error):
            // A patch that is not strict JSON is rejected before anything is applied.
            #expect(suiteCase.expectsError, "patch text rejected: \(error)")
            return
        case .success(let patch):
            outcome = Result { () throws(JSONPatchError) in try JSONPatch(document: patch).apply(to: suiteCase.document) }
        }
        if let expected = suiteCase.expected {
            #expect(try outcome.get() == expected)
        } else if suiteCase.expectsError {
            #expect(throws: JSONPatchError.self) { try outcome.get() }
        } else if case .failure(let error) = outcome {
            Issue.record("expected the patch to apply, got: \(error)")
        }
    }
}
