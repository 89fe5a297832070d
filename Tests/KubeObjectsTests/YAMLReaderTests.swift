import Testing
@testable import KubeObjects

/// The error reading `text` as YAML, or `nil` if it reads.
func yamlError(_ text: String, file: String? = "test.yaml") -> SourceError? {
    do {
        _ = try JSONValue.yamlDocuments(text, file: file)
        return nil
    } catch {
        return error
    }
}

@Suite struct YAMLReaderTests {
    // MARK: Streams and styles

    @Test func readsEveryDocumentOfAStream() throws {
        let documents = try JSONValue.yamlDocuments("""
            kind: A
            ---
            kind: B
            ...
            --- 3
            --- [x]
            """)
        #expect(documents == [["kind": "A"], ["kind": "B"], 3, ["x"]])
    }

    @Test func emptyDocumentsReadAsNullAndAnEmptyStreamAsNothing() throws {
        #expect(try JSONValue.yamlDocuments("---\n---\n# just a comment\n") == [.null, .null])
        #expect(try JSONValue.yamlDocuments("") == [])
        #expect(try JSONValue.yamlDocuments("# nothing here\n\n") == [])
    }

    @Test func blockAndFlowStylesReadAlike() throws {
        let block = try JSONValue.yamlDocuments("""
            name: web
            ports:
            - port: 80
              protocol: TCP
            - port: 443
            labels:
              app: web
            """)
        let flow = try JSONValue.yamlDocuments(
            "{name: web, ports: [{port: 80, protocol: TCP}, {port: 443}], labels: {app: web}}")
        #expect(block == flow)
        #expect(block.first?["ports"]?.arrayValue?.count == 2)
    }

    @Test func keepsKeysInTheOrderWritten() throws {
        let document = try JSONValue.yamlDocuments("zeta: 1\nalpha: 2\nmid: 3\n")
        #expect(document.first?.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func readsUnicodeAndCommentsAsAPersonWouldExpect() throws {
        let document = try JSONValue.yamlDocuments("""
            # leading comment
            name: café # trailing comment
            note: "naïve \\u00e9 \\U0001F600"
            """)
        #expect(document == [["name": "café", "note": "naïve é 😀"]])
    }

    // MARK: Anchors, aliases and merge keys

    @Test func aliasesStandForCopiesOfTheAnchoredValue() throws {
        let document = try JSONValue.yamlDocuments("""
            defaults: &defaults {cpu: 500m, memory: 1Gi}
            first: *defaults
            names: [&n web, *n]
            """)
        #expect(document.first?["first"] == ["cpu": "500m", "memory": "1Gi"])
        #expect(document.first?["names"] == ["web", "web"])
    }

    @Test func mergeKeysCopyEntriesThatTheMappingDoesNotSetItself() throws {
        let document = try JSONValue.yamlDocuments("""
            base: &base {image: nginx, replicas: 1, tier: web}
            app:
              replicas: 3
              <<: *base
              name: app
            """)
        #expect(document.first?["app"] == ["replicas": 3, "image": "nginx", "tier": "web", "name": "app"])
    }

    @Test func earlierMergedMappingsWinOverLaterOnes() throws {
        let document = try JSONValue.yamlDocuments("""
            a: &a {p: 1, q: 1}
            b: &b {q: 2, r: 2}
            merged:
              <<: [*a, *b, {r: 3, s: 3}]
              s: 0
            """)
        #expect(document.first?["merged"] == ["p": 1, "q": 1, "r": 2, "s": 0])
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() throws {
        #expect(try JSONValue.yamlDocuments("'<<': {a: 1}") == [["<<": ["a": 1]]])
    }

    @Test(arguments: ["<<: 1", "<<: [1]", "<<: ~", "a: &x [1]\n<<: *x"])
    func mergingSomethingOtherThanMappingsIsAnError(_ text: String) {
        #expect(yamlError(text)?.message.contains("merge key (<<) takes a mapping") == true)
    }

    @Test func anAliasToAnUnknownAnchorIsAnError() {
        #expect(yamlError("a: 1\nb: *nowhere\n") == SourceError(
            file: "test.yaml", line: 2, column: 4, message: "alias *nowhere refers to no anchor"))
    }

    @Test func anchorsDoNotCarryOverToTheNextDocument() {
        #expect(yamlError("a: &x 1\n---\nb: *x\n")?.line == 3)
    }

    @Test func anAliasInsideItsOwnAnchorIsAnError() {
        #expect(yamlError("a: &x [1, *x]\n")?.message == "alias *x refers to a node that contains it")
    }

    @Test func aliasBombsAreRefusedQuickly() {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(aliases)]\n"
        }
        let error = yamlError(text)
        #expect(error?.message.contains("alias bomb") == true)
        #expect(error?.line == 7)  // level 6, where the copies pass ten million nodes
    }

    // MARK: Keys

    @Test func aDuplicateKeyIsAnErrorAtItsSecondOccurrence() {
        let text = """
            metadata:
              name: web
              labels: {app: web}
              name: api
            """
        #expect(yamlError(text) == SourceError(file: "test.yaml", line: 4, column: 3, message: #"duplicate key "name""#))
        #expect(yamlError("{a: 1, b: 2, a: 3}")?.column == 14)
    }

    @Test(arguments: [
        ("1: one", "mapping key 1 is an integer, not a string; quote it", 1),
        ("true: yes", "mapping key true is a boolean, not a string; quote it", 1),
        ("on: push", "mapping key on is a boolean, not a string; quote it", 1),
        ("1.5: x", "mapping key 1.5 is a number, not a string; quote it", 1),
        ("~: x", "mapping key ~ is null, not a string; quote it", 1),
        ("? \n: x", "mapping key (empty) is null, not a string; quote it", 2),
        ("? [a, b]\n: x", #"mapping key ["a","b"] is an array, not a string"#, 3),
        ("? {a: 1}\n: x", #"mapping key {"a":1} is an object, not a string"#, 3),
    ] as [(String, String, Int)])
    func keysMustBeStrings(_ text: String, _ message: String, _ column: Int) {
        #expect(yamlError("ok: 1\n" + text) == SourceError(file: "test.yaml", line: 2, column: column, message: message))
    }

    @Test func quotedAndTaggedKeysThatLookLikeOtherTypesAreFine() throws {
        #expect(try JSONValue.yamlDocuments("'1': a\n\"true\": b\n!!str on: c\n") == [["1": "a", "true": "b", "on": "c"]])
    }

    @Test func anAliasUsedAsAKeyMustStandForAString() throws {
        #expect(try JSONValue.yamlDocuments("a: &k name\n*k : b\n") == [["a": "name", "name": "b"]])
        #expect(yamlError("a: &k [1]\n*k : b\n")?.message == "mapping key *k is an array, not a string; quote it")
    }

    // MARK: Syntax errors

    @Test func aKeyLessIndentedThanItsSiblingsIsAnErrorOnItsLine() {
        let error = yamlError("""
            spec:
              replicas: 1
             selector: x
            """)
        #expect(error?.file == "test.yaml")
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.message.hasPrefix("did not find expected key") == true)
    }

    @Test func aKeyMoreIndentedThanItsSiblingsIsAnErrorOnItsLine() {
        let error = yamlError("spec:\n  replicas: 1\n    selector: x\n")
        #expect(error?.line == 3)
        #expect(error?.column == 13)
        #expect(error?.message == "mapping values are not allowed in this context")
    }

    @Test(arguments: [
        ("a: 'unterminated\n", 2, 1), ("a: [1, 2\n", 2, 1), ("- a\nb: 1\n", 2, 1), ("a: b: c\n", 1, 5),
        ("key: @x\n", 1, 6), ("a:\n\t- b\n", 2, 1),
    ] as [(String, Int, Int)])
    func libyamlSyntaxErrorsReportLineAndColumn(_ text: String, _ line: Int, _ column: Int) {
        let error = yamlError(text, file: "bad.yaml")
        #expect(error?.file == "bad.yaml")
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.message.isEmpty == false)
    }

    @Test func controlCharactersAreAnErrorAtTheirPosition() {
        let error = yamlError("a: 1\nb: x\u{1}y\n")
        #expect(error?.line == 2)
        #expect(error?.column == 5)
    }

    @Test func nestingDeeperThanTheJSONParserAllowsIsAnError() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(yamlError(deep)?.message == "document nested deeper than 512 levels")
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(yamlError(fine) == nil)
    }

    @Test func errorsWithoutAFileNameSayInput() {
        #expect(yamlError("a: 1\na: 2\n", file: nil)?.description == #"<input>:2:1: duplicate key "a""#)
    }

    // MARK: Performance

    @Test func aOneMegabyteManifestOfManyDocumentsReadsCompletely() throws {
        var text = ""
        var index = 0
        while text.utf8.count < 1_000_000 {
            text += """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app-\(index), labels: {app: web, index: "\(index)"}}
                spec:
                  replicas: \(index % 7)
                  template:
                    spec:
                      containers:
                      - name: main
                        image: nginx:1.25
                        args: [--port, "8080", -v]
                        resources:
                          limits: {cpu: 500m, memory: 1Gi, nvidia.com/gpu: "1"}

                """
            index += 1
        }
        let documents = try JSONValue.yamlDocuments(text)
        #expect(documents.count == index)
        #expect(documents.last?[path: ["metadata", "labels", "index"]] == .string(String(index - 1)))
    }
}
