import Testing

@testable import KubeObjects

@Suite("Compressed JSON")
struct CompressedJSONTests {
    /// A Deployment-like object with the repetition real ones have.
    static let deployment: JSONValue = {
        var clusters = JSONObject()
        for index in 0..<10 { clusters["member-\(index)"] = .int(Int64(index)) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "trainer", "namespace": "ml", "labels": ["app": "trainer"],
                "annotations": ["flotilla.io/placement": .string(JSONValue.object(clusters).jsonString)],
            ],
            "spec": ["replicas": 10, "template": ["spec": ["containers": [["name": "t", "image": "gpu-burn:1"]]]]],
            "status": ["replicas": 0, "conditions": [["type": "Placed", "status": "True", "message": "é 😀"]]],
        ]
    }()

    @Test("the value comes back as it went in, in fewer bytes than its text")
    func roundTrip() throws {
        let compressed = CompressedJSON(Self.deployment)
        #expect(try compressed.value() == Self.deployment)
        #expect(try compressed.text() == Self.deployment.jsonBytes)
        #expect(compressed.storedCount < Self.deployment.jsonBytes.count)
    }

    @Test("text too short to gain from deflate is kept as it is")
    func shortText() throws {
        let compressed = CompressedJSON(.int(7))
        #expect(compressed.storedCount == 1)
        #expect(try compressed.value() == .int(7))
    }

    @Test("equal values compress equally; different ones do not compare equal")
    func equality() {
        #expect(CompressedJSON(Self.deployment) == CompressedJSON(Self.deployment))
        var other = Self.deployment
        other["spec"]?["replicas"] = 11
        #expect(CompressedJSON(Self.deployment) != CompressedJSON(other))
    }
}
