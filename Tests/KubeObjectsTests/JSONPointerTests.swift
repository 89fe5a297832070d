import Testing
import KubeObjects

@Suite struct JSONPointerTests {
    /// The RFC 6901 section 5 example document.
    static let rfcDocument: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
        "k\"l": 6, " ": 7, "m~n": 8,
    ]

    @Test(arguments: [
        ("", JSONPointerTests.rfcDocument), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0),
        ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7),
        ("/m~0n", 8),
    ] as [(String, JSONValue)])
    func resolvesEveryExampleFromRFC6901(_ pointer: String, _ expected: JSONValue) throws {
        #expect(try JSONPointer(parsing: pointer).resolve(in: Self.rfcDocument) == expected)
    }

    @Test(arguments: [
        ("", [String]()), ("/", [""]), ("/a/b", ["a", "b"]), ("/a~1b", ["a/b"]), ("/m~0n", ["m~n"]),
        ("/~01", ["~1"]), ("/~10", ["/0"]), ("//", ["", ""]), ("/a/", ["a", ""]),
    ])
    func decodesEscapesInOnePassAndKeepsEmptyTokens(_ text: String, _ tokens: [String]) throws {
        let pointer = try JSONPointer(parsing: text)
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
    }

    @Test func escapesTildeBeforeSlashWhenPrinting() {
        #expect(JSONPointer(tokens: ["a/b", "~1", "plain"]).description == "/a~1b/~01/plain")
        #expect(JSONPointer(tokens: []).description == "")
    }

    @Test(arguments: ["foo", "a/b", "/~", "/a~2b", "/~a", "/ok/~"])
    func rejectsTextThatIsNotAPointer(_ text: String) {
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: text) }
    }

    @Test func errorSaysWhatIsWrongWithThePointer() {
        #expect(throws: JSONPointerError(pointer: "spec", message: #"must be empty or start with "/""#)) {
            try JSONPointer(parsing: "spec")
        }
        #expect(throws: JSONPointerError(pointer: "/a~2", message: #""~" must be followed by "0" or "1""#)) {
            try JSONPointer(parsing: "/a~2")
        }
    }

    @Test(arguments: [("0", 0), ("7", 7), ("10", 10), ("123456", 123456)])
    func readsDecimalArrayIndices(_ token: String, _ index: Int) {
        #expect(JSONPointer.arrayIndex(token) == index)
    }

    @Test(arguments: ["", "-", "01", "00", "+1", "-1", "1e0", " 1", "1 ", "0x1", "١", "99999999999999999999999"])
    func rejectsTokensThatAreNotPlainIndices(_ token: String) {
        #expect(JSONPointer.arrayIndex(token) == nil)
    }

    @Test func resolvesToNothingForMissingStepsDashAndScalars() throws {
        let document: JSONValue = ["items": [1, 2], "name": "x"]
        for text in ["/missing", "/items/2", "/items/-", "/items/01", "/name/0", "/items/0/deeper"] {
            #expect(try JSONPointer(parsing: text).resolve(in: document) == nil, "\(text)")
        }
    }

    @Test func treatsTheSameTokenAsMemberOrIndexDependingOnTheContainer() throws {
        let pointer = try JSONPointer(parsing: "/0")
        #expect(pointer.resolve(in: ["0": "member"]) == "member")
        #expect(pointer.resolve(in: ["element"]) == "element")
    }

    @Test func knowsParentsAndProperPrefixes() throws {
        let spec = try JSONPointer(parsing: "/spec")
        let replicas = try JSONPointer(parsing: "/spec/replicas")
        #expect(replicas.parent == spec)
        #expect(JSONPointer.root.parent == nil)
        #expect(spec.appending("replicas") == replicas)
        #expect(spec.isProperPrefix(of: replicas))
        #expect(JSONPointer.root.isProperPrefix(of: spec))
        #expect(!spec.isProperPrefix(of: spec))
        #expect(!replicas.isProperPrefix(of: spec))
        #expect(!(try JSONPointer(parsing: "/spe")).isProperPrefix(of: spec))
    }
}
