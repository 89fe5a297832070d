import KubeObjects
import SeededRandom

/// The names and hashes the Deployment and ReplicaSet controllers give their objects.
///
/// Kubernetes names a ReplicaSet `<deployment>-<pod-template-hash>` and its pods
/// `<replicaset>-<5 random characters>`, both from the alphabet of consonants and digits that
/// cannot spell words. Here the randomness is seeded by the ReplicaSet's name, so the same
/// ReplicaSet always names its pods the same way: runs and tests are reproducible.
enum PodNaming {
    /// Kubernetes' safe alphabet for generated names.
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// The `pod-template-hash` of a pod template: FNV-1a (32 bits) of the template's canonical
    /// JSON, written in decimal and mapped onto the safe alphabet, as the Deployment controller
    /// encodes its hash. A `pod-template-hash` label already in the template is ignored.
    static func templateHash(_ template: JSONValue) -> String {
        var hashed = template
        var labels = hashed[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
        if labels.removeValue(forKey: WellKnown.podTemplateHash) != nil {
            hashed["metadata"]?["labels"] = .object(labels)
        }
        let hash = FNV1a.hash32(hashed.canonicalJSONBytes)
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// `<deployment>-<hash>`.
    static func replicaSetName(deployment: String, hash: String) -> String { "\(deployment)-\(hash)" }

    /// The first `count` pod names of `replicaSet` not in `taken`, in the ReplicaSet's fixed
    /// sequence: deleting a pod frees its name for the next scale-up.
    static func podNames(replicaSet: String, count: Int, taken: Set<String>) -> [String] {
        var generator = SplitMix64(seed: seed(replicaSet))
        var names: [String] = []
        var seen = taken
        while names.count < count {
            let suffix = String((0..<5).map { _ in alphabet[Int(generator.below(UInt64(alphabet.count)))] })
            let name = "\(replicaSet)-\(suffix)"
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// FNV-1a (64 bits) of the name: the seed of its pod-name sequence.
    private static func seed(_ name: String) -> UInt64 { FNV1a.hash64(name.utf8) }
}
