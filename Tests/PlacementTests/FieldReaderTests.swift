import KubeObjects
import Testing

@testable import Placement

@Suite("FieldReader: typed fields with their paths")
struct FieldReaderTests {
    static let object = ObjectReference(kind: "PropagationPolicy", namespace: "default", name: "p")

    static func reader(_ json: String) throws -> FieldReader {
        FieldReader(object: object, value: try JSONValue(parsing: json))
    }

    @Test func pathsNameFieldsArrayIndexesAndMapEntriesAsKubectlExplainDoes() throws {
        let root = try Self.reader(#"{"spec": {"placement": [{"cluster": "a"}, {"cluster": 1}]}}"#)
        let elements = try #require(try root.field(path: "spec", "placement").array())
        #expect(elements[1].field("cluster").path == "spec.placement[1].cluster")
        #expect(root.field("metadata").field("labels").entry("kubeadmiral.io/x").path == "metadata.labels[kubeadmiral.io/x]")
        #expect(
            Fixtures.message { _ = try elements[1].field("cluster").string() }
                == "PropagationPolicy default/p: spec.placement[1].cluster: expected a string, got an integer")
    }

    @Test func absentAndNullFieldsReadAsNil() throws {
        let root = try Self.reader(#"{"a": null}"#)
        #expect(try root.field("a").string() == nil)
        #expect(try root.field("b").int() == nil)
        #expect(try root.field("a").array() == nil)
        #expect(!root.field("a").isPresent)
    }

    @Test func requiredStringsMustBePresentAndNonEmpty() throws {
        let root = try Self.reader(#"{"empty": ""}"#)
        #expect(Fixtures.message { _ = try root.field("empty").requiredString() } == "PropagationPolicy default/p: empty: must not be empty")
        #expect(Fixtures.message { _ = try root.field("gone").requiredString() } == "PropagationPolicy default/p: gone: required field is missing")
    }

    @Test func integersAcceptWholeNumbersAndRejectFractionsAndNegativesWhereAsked() throws {
        let root = try Self.reader(#"{"whole": 2.0, "half": 2.5, "negative": -1}"#)
        #expect(try root.field("whole").int() == 2)
        #expect(Fixtures.message { _ = try root.field("half").int() } == "PropagationPolicy default/p: half: expected an integer, got a number")
        #expect(
            Fixtures.message { _ = try root.field("negative").nonNegativeInt() }
                == "PropagationPolicy default/p: negative: must be greater than or equal to 0, got -1")
    }

    @Test func oneOfNamesTheAllowedValues() throws {
        let root = try Self.reader(#"{"mode": "Split"}"#)
        #expect(
            Fixtures.message { _ = try root.field("mode").oneOf(["Duplicate", "Divide"]) }
                == #"PropagationPolicy default/p: mode: unsupported value "Split": must be one of Duplicate, Divide"#)
    }

    @Test func mapsAreCheckedEntryByEntry() throws {
        let root = try Self.reader(#"{"labels": {"a": "x", "b": true}, "counts": {"a": 1, "b": "2"}}"#)
        #expect(Fixtures.message { _ = try root.field("labels").stringMap() } == "PropagationPolicy default/p: labels[b]: expected a string, got a boolean")
        #expect(Fixtures.message { _ = try root.field("counts").intMap() } == "PropagationPolicy default/p: counts[b]: expected an integer, got a string")
        #expect(Fixtures.message { _ = try root.field("labels").strings() } == "PropagationPolicy default/p: labels: expected an array, got an object")
    }

    @Test func embeddedJSONIsParsedUnderTheSamePath() throws {
        let root = try Self.reader(#"{"annotations": {"k": "[1, 2]", "bad": "{"}}"#)
        let parsed = try #require(try root.field("annotations").entry("k").parsedJSON())
        #expect(parsed.path == "annotations[k]")
        #expect(parsed.value == [1, 2])
        #expect(
            Fixtures.message { _ = try root.field("annotations").entry("bad").parsedJSON() }
                == "PropagationPolicy default/p: annotations[bad]: invalid JSON at column 2: expected a string key")
    }

    @Test func timesAreRFC3339() throws {
        let root = try Self.reader(#"{"t": "2026-11-23T10:00:00Z", "bad": "23/11/2026"}"#)
        #expect(try root.field("t").timestamp() == Timestamp(rfc3339: "2026-11-23T10:00:00Z"))
        #expect(Fixtures.message { _ = try root.field("bad").timestamp() }?.contains("invalid time \"23/11/2026\"") == true)
    }
}

@Suite("Go durations")
struct GoDurationTests {
    static let valid: [(text: String, duration: Duration)] = [
        ("2m", .seconds(120)), ("1m30s", .seconds(90)), ("1h30m", .seconds(5_400)), ("500ms", .milliseconds(500)),
        ("1.5h", .seconds(5_400)), (".5s", .milliseconds(500)), ("1.s", .seconds(1)), ("0", .zero), ("-1m", .seconds(-60)),
        ("+5s", .seconds(5)), ("1us", .microseconds(1)), ("1µs", .microseconds(1)), ("300ns", .nanoseconds(300)),
        ("2h45m30.5s", .milliseconds(9_930_500)),
    ]

    @Test(arguments: valid)
    func goDurationSyntaxParses(_ example: (text: String, duration: Duration)) {
        #expect(GoDuration.parse(example.text) == example.duration)
    }

    @Test(arguments: ["", "5", "1d", "m", "1.2.3s", "--1s", "1m ", "+", ".s", "1 m"])
    func malformedDurationsDoNotParse(_ text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    static let formatted: [(duration: Duration, text: String)] = [
        (.seconds(120), "2m0s"), (.seconds(5_400), "1h30m0s"), (.milliseconds(500), "500ms"), (.milliseconds(1_500), "1.5s"),
        (.zero, "0s"), (.microseconds(1), "1µs"), (.nanoseconds(1_500), "1.5µs"), (.seconds(-120), "-2m0s"),
        (.nanoseconds(7), "7ns"), (.seconds(60), "1m0s"),
    ]

    @Test(arguments: formatted)
    func durationsPrintAsGoPrintsThem(_ example: (duration: Duration, text: String)) {
        #expect(GoDuration.format(example.duration) == example.text)
    }
}
