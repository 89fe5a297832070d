import KubeObjects
import Testing

@testable import Placement

@Suite struct ImageOverriderTests {
    @Test func withoutContainerNamesEveryContainerAndInitContainerIsEdited() throws {
        let result = try applying(
            #"{"image": [{"operations": [{"imageComponent": "Registry", "value": "mirror.local"}]}]}"#)
        #expect(result.container("init")?["image"] == "mirror.local/busybox:1.36")
        #expect(result.container("main")?["image"] == "mirror.local/team/app:1.0")
        #expect(result.container("sidecar")?["image"] == "mirror.local/envoyproxy/envoy:v1.29")
    }

    @Test func containerNamesSelectContainersAndInitContainersByName() throws {
        let result = try applying(
            #"{"image": [{"containerNames": ["init", "sidecar", "absent"], "operations": [{"imageComponent": "Tag", "value": "pinned"}]}]}"#)
        #expect(result.container("init")?["image"] == "busybox:pinned")
        #expect(result.container("main")?["image"] == "reg.example.com/team/app:1.0")
        #expect(result.container("sidecar")?["image"] == "envoyproxy/envoy:pinned")
    }

    @Test func anEmptyContainerNameSelectsNothing() throws {
        let result = try applying(
            #"{"image": [{"containerNames": [""], "operations": [{"imageComponent": "Tag", "value": "x"}]}]}"#)
        #expect(result == (try json(sampleDeployment)))
    }

    @Test func operationsRunInOrderAndLaterOverridersSeeEarlierResults() throws {
        let result = try applying(
            """
            {"image": [{"containerNames": ["main"], "operations": [
                         {"imageComponent": "Tag", "operator": "delete"},
                         {"imageComponent": "Tag", "operator": "addIfAbsent", "value": "2.0"}]},
                       {"containerNames": ["main"], "operations": [
                         {"imageComponent": "Registry", "operator": "delete"},
                         {"imageComponent": "Digest", "operator": "addIfAbsent", "value": "sha256:\(String(repeating: "0", count: 64))"}]}]}
            """)
        #expect(result.container("main")?["image"] == .string("team/app:2.0@sha256:\(String(repeating: "0", count: 64))"))
    }

    @Test func aFailingOperationNamesTheOverriderTheOperationAndTheContainer() throws {
        let error = try overrideError(
            """
            {"image": [{"containerNames": ["main"], "operations": [{"imageComponent": "Tag", "value": "1"}]},
                       {"containerNames": ["main"], "operations": [
                         {"imageComponent": "Repository", "value": "other"},
                         {"imageComponent": "Tag", "operator": "addIfAbsent", "value": "2"}]}]}
            """)
        #expect(error?.overrider == .image)
        #expect(error?.index == 1)
        #expect(error?.operation == 1)
        #expect(error?.field == "spec.overrideRules[0].overriders.image[1].operations[1]")
        #expect(
            error?.description
                == "OverridePolicy default/test: spec.overrideRules[0].overriders.image[1].operations[1]: cluster member-1: "
                + #"spec.template.spec.containers[0].image (container "main"): addIfAbsent cannot set the Tag, which is already "1""#)
    }

    @Test func anImageThatDoesNotParseIsAnErrorEvenWithNothingToChange() throws {
        let object = sampleDeployment.replacing("busybox:1.36", with: "BusyBox")
        let error = try overrideError(#"{"image": [{"operations": []}]}"#, to: object)
        #expect(error?.operation == nil)
        #expect(
            error?.message
                == #"spec.template.spec.initContainers[0].image (container "init"): invalid image reference "BusyBox": the repository name must be lowercase"#)
    }

    @Test(arguments: [
        (
            #"{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "app:1"}]}}}}}}"#,
            ["spec", "jobTemplate", "spec", "template", "spec", "containers"]
        ),
        (
            #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "app:1"}]}}"#,
            ["spec", "containers"]
        ),
        (
            #"{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "app:1"}]}}}}"#,
            ["spec", "template", "spec", "containers"]
        ),
        (
            #"{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "app:1"}]}}}}"#,
            ["spec", "template", "spec", "containers"]
        ),
        (
            #"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "app:1"}]}}}}"#,
            ["spec", "template", "spec", "containers"]
        ),
    ])
    func eachKnownKindHasItsPodSpecPath(_ object: String, _ containersPath: [String]) throws {
        let result = try applying(#"{"image": [{"operations": [{"imageComponent": "Tag", "value": "2"}]}]}"#, to: object)
        #expect(result[path: containersPath]?.arrayValue?.first?["image"] == "app:2")
    }

    @Test func imagePathEditsOneStringInAnyKindAndIgnoresContainerNames() throws {
        let custom = #"{"apiVersion": "example.com/v1", "kind": "Model", "metadata": {"name": "m"}, "spec": {"runtimes": [{"server": {"image": "triton:23.10"}}]}}"#
        let result = try applying(
            #"{"image": [{"imagePath": "/spec/runtimes/0/server/image", "containerNames": ["ignored"], "operations": [{"imageComponent": "Registry", "operator": "addIfAbsent", "value": "nvcr.io"}]}]}"#,
            to: custom)
        #expect(result[path: ["spec", "runtimes"]]?.arrayValue?.first?[path: ["server", "image"]] == "nvcr.io/triton:23.10")
        let onDeployment = try applying(
            #"{"image": [{"imagePath": "/spec/template/spec/containers/1/image", "operations": [{"imageComponent": "Tag", "value": "v2"}]}]}"#)
        #expect(onDeployment.container("sidecar")?["image"] == "envoyproxy/envoy:v2")
        #expect(onDeployment.container("main")?["image"] == "reg.example.com/team/app:1.0")
    }

    @Test(arguments: [
        ("/spec/template/spec/containers/5/image", "imagePath /spec/template/spec/containers/5/image does not exist in the object"),
        ("/spec/replicas", "imagePath /spec/replicas is an integer, not a string"),
        ("/metadata/name", #"imagePath /metadata/name: the image reference is empty"#),
    ])
    func imagePathMustNameAnImageString(_ path: String, _ message: String) throws {
        let object = sampleDeployment.replacing(#""name": "web""#, with: #""name": """#)
        let error = try overrideError(#"{"image": [{"imagePath": "\#(path)", "operations": []}]}"#, to: object)
        #expect(error?.message == message)
    }

    @Test(arguments: [
        (#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}"#, "cannot find containers in a ConfigMap (v1)"),
        // The group counts, not only the kind.
        (#"{"apiVersion": "example.com/v1", "kind": "Deployment", "metadata": {"name": "d"}}"#,
         "cannot find containers in a Deployment (example.com/v1)"),
        (#"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {}}"#,
         "the object has no pod spec at spec.template.spec"),
    ])
    func aKindWithoutAKnownPodSpecIsAnError(_ object: String, _ messagePrefix: String) throws {
        let error = try overrideError(#"{"image": [{"operations": [{"imageComponent": "Tag", "value": "2"}]}]}"#, to: object)
        #expect(error?.message.hasPrefix(messagePrefix) == true, "\(error?.message ?? "")")
    }
}
