import Testing
@testable import KubeObjects

@Suite struct YAMLWriterTests {
    @Test func printsBlockYAMLLaidOutLikeKubectl() throws {
        let deployment = try JSONValue(parsing: """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "labels": {"app": "web"}, "annotations": {}},
             "spec": {"replicas": 3, "paused": false, "ratio": 0.5, "owner": null,
                      "template": {"spec": {"containers": [
                        {"name": "main", "args": ["--port", "8080"], "ports": [{"containerPort": 80}], "env": []}
                      ]}},
                      "matrix": [[1, 2], [], {}]}}
            """)
        #expect(deployment.yamlString == """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
              annotations: {}
            spec:
              replicas: 3
              paused: false
              ratio: 0.5
              owner: null
              template:
                spec:
                  containers:
                  - name: main
                    args:
                    - --port
                    - '8080'
                    ports:
                    - containerPort: 80
                    env: []
              matrix:
              - - 1
                - 2
              - []
              - {}

            """)
    }

    @Test(arguments: [
        ("true", "'true'"), ("on", "'on'"), ("No", "'No'"), ("y", "'y'"), ("null", "'null'"), ("~", "'~'"),
        ("", "''"), ("1", "'1'"), ("1.5", "'1.5'"), ("0x1F", "'0x1F'"), ("1_000", "'1_000'"), (".inf", "'.inf'"),
        ("2024-01-02", "'2024-01-02'"), ("1:30", "'1:30'"), ("a: b", "'a: b'"), ("a:", "'a:'"),
        ("x #y", "'x #y'"), (" lead", "' lead'"), ("trail ", "'trail '"), ("- item", "'- item'"), ("-", "'-'"),
        ("---", "'---'"), ("...", "'...'"), ("<<", "'<<'"), ("it's", "it's"), ("'quoted'", "'''quoted'''"),
        ("#tag", "'#tag'"), ("&a", "'&a'"), ("*a", "'*a'"), ("!a", "'!a'"), ("|", "'|'"), (">", "'>'"),
        ("%a", "'%a'"), ("@a", "'@a'"), ("`a`", "'`a`'"), ("[a]", "'[a]'"), ("{a}", "'{a}'"), (",a", "',a'"),
        ("?a", "'?a'"), (":a", "':a'"), ("\"a\"", "'\"a\"'"),
    ] as [(String, String)])
    func quotesStringsThatPlainStyleWouldReadAsSomethingElse(_ string: String, _ written: String) {
        #expect(JSONValue.string(string).yamlString == written + "\n")
    }

    @Test(arguments: [
        "web", "nginx:1.25", "-Xmx1g", "http://example.com:8080/a?b=c#d", "a:b", "a#b", "café", "500m",
        "nvidia.com/gpu", "/spec/template/metadata/annotations/vci.vke.volcengine.com~1preferred-instance-types",
        "yES", "1.2.3", "./gpu_burn 3000", "a, b", "a [b]",
    ])
    func leavesOrdinaryStringsPlain(_ string: String) {
        #expect(JSONValue.string(string).yamlString == string + "\n")
    }

    @Test func escapesWhatCannotBeWrittenRaw() {
        #expect(JSONValue.string("tab\there").yamlString == "\"tab\\there\"\n")
        #expect(JSONValue.string("a\u{0}b\u{1B}c\u{7F}").yamlString == "\"a\\0b\\x1Bc\\x7F\"\n")
        #expect(JSONValue.string("nel\u{85} ls\u{2028} bom\u{FEFF}").yamlString == "\"nel\\x85 ls\\u2028 bom\\uFEFF\"\n")
        #expect(JSONValue.string("cr\r\nlf").yamlString == "\"cr\\r\\nlf\"\n")
        #expect(JSONValue.string("say \"hi\" \\ bye\u{1}").yamlString == "\"say \\\"hi\\\" \\\\ bye\\x01\"\n")
    }

    @Test func writesMultiLineTextAsALiteralBlock() {
        let script: JSONValue = ["run": "set -e\nmake test\n", "note": "first\n\n  indented", "list": ["a\nb"]]
        #expect(script.yamlString == """
            run: |
              set -e
              make test
            note: |-
              first

                indented
            list:
            - |-
              a
              b

            """)
    }

    @Test(arguments: ["a\n\n", " lead\nx", "trailing \nx", "\n", "a\nb\n\n\n"])
    func multiLineTextALiteralBlockCannotHoldIsDoubleQuoted(_ string: String) {
        #expect(JSONValue.string(string).yamlString.hasPrefix("\""))
    }

    @Test func quotesKeysByTheSameRules() {
        let object: JSONValue = ["true": 1, "a: b": 2, "plain": 3, "multi\nline": 4]
        #expect(object.yamlString == "'true': 1\n'a: b': 2\nplain: 3\n\"multi\\nline\": 4\n")
    }

    @Test func writesVeryLongKeysInExplicitForm() throws {
        let key = String(repeating: "k", count: 1200)
        let value: JSONValue = .object(JSONObject([(key, ["a"]), ("b", 1)]))
        #expect(value.yamlString == "? \(key)\n:\n  - a\nb: 1\n")
        #expect(try JSONValue.yamlDocuments(value.yamlString) == [value])
    }

    @Test func writesScalarDocumentsOnOneLine() {
        #expect(JSONValue.null.yamlString == "null\n")
        #expect(JSONValue.int(-7).yamlString == "-7\n")
        #expect(JSONValue.double(1).yamlString == "1.0\n")
        #expect(JSONValue.double(1e-5).yamlString == "1e-05\n")
        #expect(JSONValue.object(JSONObject()).yamlString == "{}\n")
        #expect(JSONValue.array([]).yamlString == "[]\n")
    }

    @Test func joinsSeveralDocumentsWithSeparatorLines() throws {
        let values: [JSONValue] = [["kind": "A"], ["kind": "B", "items": [1]], "x"]
        let stream = JSONValue.yamlStream(values)
        #expect(stream == "kind: A\n---\nkind: B\nitems:\n- 1\n---\nx\n")
        #expect(try JSONValue.yamlDocuments(stream) == values)
        #expect(JSONValue.yamlStream([]) == "")
    }

    // MARK: Round trip

    @Test(arguments: YAMLRoundTripSamples.trickyStrings)
    func everyTrickyStringReadsBackAsItselfWhereverItIsWritten(_ string: String) throws {
        let placements: [JSONValue] = [
            .string(string), [.string(string)], [[.string(string)]],
            .object(JSONObject([(string, .string(string))])),
            ["outer": .object(JSONObject([(string, [.string(string), ["k": .string(string)]])]))],
        ]
        for value in placements {
            let yaml = value.yamlString
            #expect(try JSONValue.yamlDocuments(yaml) == [value], "written as:\n\(yaml)")
        }
    }

    @Test func generatedDocumentsReadBackAsThemselves() throws {
        var generator = YAMLRoundTripSamples.Generator(seed: 0x5EED)
        for _ in 0..<400 {
            let value = generator.value(depth: 4)
            let yaml = value.yamlString
            let back = try JSONValue.yamlDocuments(yaml)
            #expect(back == [value], "written as:\n\(yaml)")
            if back != [value] { break }
        }
    }

    @Test func integersStayIntegersAndFloatsStayFloatsAfterARoundTrip() throws {
        let value: JSONValue = [
            .int(3), .double(3), .int(.min), .int(.max), .double(-0.0), .double(1e300), .double(.leastNonzeroMagnitude),
        ]
        let back = try JSONValue.yamlDocuments(value.yamlString).first?.arrayValue ?? []
        #expect(back.map(isInt) == [true, false, true, true, false, false, false])
        #expect(JSONValue.array(back) == value)
    }
}
