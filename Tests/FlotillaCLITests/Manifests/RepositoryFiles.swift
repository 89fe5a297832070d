import Foundation
import KubeObjects

/// The checked-in files the manifest tests read: `manifests/` and the reference scenario.
enum RepositoryFiles {
    /// The repository's root, found from this source file's place in `Tests/FlotillaCLITests/Manifests/`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let manifests = root.appendingPathComponent("manifests")
    static let crdDirectory = manifests.appendingPathComponent("crds")
    static let scenario = root.appendingPathComponent("config/scenario")

    /// Every object in the YAML files of `directory`, file by file in name order, as
    /// `kubectl apply -f directory` reads them.
    static func objects(in directory: URL) throws -> [JSONValue] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.flatMap { name in try objects(inFile: directory.appendingPathComponent(name)) }
    }

    static func objects(inFile file: URL) throws -> [JSONValue] {
        try KubeDocuments.read(String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent)
    }

    /// The five CustomResourceDefinitions, keyed by kind.
    static func crds() throws -> [String: CRD] {
        var result: [String: CRD] = [:]
        for object in try objects(in: crdDirectory) {
            let crd = try CRD(object)
            result[crd.kind] = crd
        }
        return result
    }
}
