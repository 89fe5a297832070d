import KubeObjects
import Testing

@testable import Federation

/// The annotation part of the one metadata patch a reconcile sends.
@Suite("Annotation writes")
struct AnnotationWritesTests {
    @Test("only changed keys become operations (set, replace, remove; by key), with escaped paths")
    func operations() {
        var writes = AnnotationWrites(current: ["flotilla.io/placement": "{\"a\":1}", "keep": "x", "gone": "y"])
        writes.set("flotilla.io/placement", "{\"a\":2}")
        writes.set("keep", "x")
        writes.set("gone", nil)
        writes.set("absent", nil)
        writes.set("new", "z")
        #expect(writes.patchOperations(hasAnnotations: true) == [
            ["op": "add", "path": "/metadata/annotations/flotilla.io~1placement", "value": "{\"a\":2}"],
            ["op": "remove", "path": "/metadata/annotations/gone"],
            ["op": "add", "path": "/metadata/annotations/new", "value": "z"],
        ])
    }

    @Test("without an annotations map, one is added with the keys set; nothing to set is no operation")
    func noMap() {
        var writes = AnnotationWrites(current: [:])
        writes.set("b", "2")
        writes.set("a", "1")
        #expect(writes.patchOperations(hasAnnotations: false) == [
            ["op": "add", "path": "/metadata/annotations", "value": ["a": "1", "b": "2"]]
        ])
        var removals = AnnotationWrites(current: [:])
        removals.set("a", nil)
        #expect(removals.patchOperations(hasAnnotations: false).isEmpty)
        #expect(AnnotationWrites(current: ["a": "1"]).patchOperations(hasAnnotations: true).isEmpty)
    }

    @Test("a patch built from the operations applies to the workload as intended")
    func applies() throws {
        var writes = AnnotationWrites(current: ["gone": "y"])
        writes.set("gone", nil)
        writes.set("flotilla.io/placement", "{}")
        let workload: JSONValue = ["metadata": ["name": "web", "annotations": ["gone": "y", "user": "u"]]]
        let patched = try JSONPatch(document: .array(writes.patchOperations(hasAnnotations: true))).apply(to: workload)
        #expect(patched[path: ["metadata", "annotations"]] == ["user": "u", "flotilla.io/placement": "{}"])
        #expect(writes.applied(to: workload) == patched, "the prediction the reconcile memo keeps is what the patch makes")
    }

    @Test("the prediction matches the patch without an annotations map too, as far as the reconcile reads")
    func predictsWithoutMap() throws {
        var writes = AnnotationWrites(current: [:])
        writes.set("flotilla.io/placement", "{\"a\":1}")
        writes.set("absent", nil)
        let workload: JSONValue = ["metadata": ["name": "web"], "spec": ["replicas": 1]]
        let patched = try JSONPatch(document: .array(writes.patchOperations(hasAnnotations: false))).apply(to: workload)
        #expect(CachedWorkload.inputsDigest(of: writes.applied(to: workload)) == CachedWorkload.inputsDigest(of: patched))
        let untouched = AnnotationWrites(current: [:])
        #expect(CachedWorkload.inputsDigest(of: untouched.applied(to: workload)) == CachedWorkload.inputsDigest(of: workload))
    }
}
