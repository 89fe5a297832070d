import Testing

@testable import Placement

private let sha256 = "sha256:" + String(repeating: "ab", count: 32)

@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("nginx", ImageReference(repository: "nginx")),
        ("nginx:1.25", ImageReference(repository: "nginx", tag: "1.25")),
        ("ealen/echo-server", ImageReference(repository: "ealen/echo-server")),
        ("library/nginx:latest", ImageReference(repository: "library/nginx", tag: "latest")),
        ("localhost/app", ImageReference(registry: "localhost", repository: "app")),
        ("localhost:5000/app:1", ImageReference(registry: "localhost:5000", repository: "app", tag: "1")),
        ("myhost:5000/team/app", ImageReference(registry: "myhost:5000", repository: "team/app")),
        (
            "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7",
            ImageReference(registry: "dcp-pre-cn-beijing.cr.volces.com", repository: "dcp/auto-gpu-burn", tag: "0.7")
        ),
        ("reg.io/a/b:v1@\(sha256)", ImageReference(registry: "reg.io", repository: "a/b", tag: "v1", digest: sha256)),
        ("app@\(sha256)", ImageReference(repository: "app", digest: sha256)),
        ("[::1]:5000/app", ImageReference(registry: "[::1]:5000", repository: "app")),
        ("a__b/c--d/e.f_g", ImageReference(repository: "a__b/c--d/e.f_g")),
        // A first component without `.` or `:` is part of the repository, even in upper case.
        ("Example/app", ImageReference(repository: "Example/app")),
        ("app:V_1.0-rc", ImageReference(repository: "app", tag: "V_1.0-rc")),
    ])
    func parsesReferencesWithDockersRegistryRule(_ text: String, _ expected: ImageReference) throws {
        let reference = try ImageReference(parsing: text)
        #expect(reference == expected)
        #expect(reference.description == text)
    }

    @Test(arguments: [
        ("", "the image reference is empty"),
        ("team/App", #"invalid image reference "team/App": the repository name must be lowercase"#),
        ("app:", #"invalid image reference "app:""#),
        (":1.0", #"invalid image reference ":1.0""#),
        ("a//b", #"invalid image reference "a//b""#),
        ("a..b", #"invalid image reference "a..b""#),
        ("a___b", #"invalid image reference "a___b""#),
        ("-a", #"invalid image reference "-a""#),
        ("app:.tag", #"invalid image reference "app:.tag""#),
        ("app@sha256:abc", #"invalid image reference "app@sha256:abc""#),
        ("reg.io:port/app", #"invalid image reference "reg.io:port/app""#),
        (
            "app@md5:" + String(repeating: "0", count: 32),
            #"invalid image reference "app@md5:00000000000000000000000000000000": unsupported digest algorithm "md5": use sha256, sha384 or sha512"#
        ),
        (
            "app@sha256:" + String(repeating: "0", count: 63),
            "invalid image reference \"app@sha256:\(String(repeating: "0", count: 63))\": a sha256 digest has 64 hex digits, not 63"
        ),
        (
            "app@sha256:" + String(repeating: "A", count: 64),
            "invalid image reference \"app@sha256:\(String(repeating: "A", count: 64))\": digest hex digits must be lowercase"
        ),
        (
            String(repeating: "a", count: 256),
            "invalid image reference \"\(String(repeating: "a", count: 256))\": the name must be at most 255 characters"
        ),
    ])
    func rejectsWhatDockerRejects(_ text: String, _ message: String) {
        let error = #expect(throws: OverriderFailure.self) { try ImageReference(parsing: text) }
        #expect(error?.message == message)
    }

    @Test func aTagOf128CharactersIsTheLongestAllowed() throws {
        let longest = String(repeating: "t", count: 128)
        #expect(try ImageReference(parsing: "app:\(longest)").tag == longest)
        #expect(throws: OverriderFailure.self) { try ImageReference(parsing: "app:\(longest)t") }
    }

    @Test(arguments: [
        ("nginx", ImageOperation(imageComponent: .tag, operator: .addIfAbsent, value: "1.25"), "nginx:1.25"),
        ("nginx:1.25", ImageOperation(imageComponent: .tag, operator: .overwrite, value: "1.26"), "nginx:1.26"),
        ("nginx:1.25", ImageOperation(imageComponent: .tag, operator: .delete), "nginx"),
        ("nginx:1.25", ImageOperation(imageComponent: .tag, operator: .overwrite, value: ""), "nginx"),
        ("nginx", ImageOperation(imageComponent: .registry, operator: .addIfAbsent, value: "mirror.io"), "mirror.io/nginx"),
        ("reg.io/app:1", ImageOperation(imageComponent: .registry, operator: .delete), "app:1"),
        ("reg.io/app:1", ImageOperation(imageComponent: .registry, value: "other.io:5000"), "other.io:5000/app:1"),
        ("reg.io/app:1", ImageOperation(imageComponent: .repository, value: "team/app2"), "reg.io/team/app2:1"),
        ("app:1", ImageOperation(imageComponent: .digest, operator: .addIfAbsent, value: sha256), "app:1@\(sha256)"),
        ("app@\(sha256)", ImageOperation(imageComponent: .digest, operator: .delete), "app"),
        // The overrider checks only the digest's form; an unknown algorithm passes, as in KubeAdmiral.
        (
            "app", ImageOperation(imageComponent: .digest, value: "md5:" + String(repeating: "0", count: 32)),
            "app@md5:" + String(repeating: "0", count: 32)
        ),
    ])
    func operationsEditOneComponent(_ image: String, _ operation: ImageOperation, _ expected: String) throws {
        var reference = try ImageReference(parsing: image)
        try reference.apply(operation)
        #expect(reference.description == expected)
    }

    @Test(arguments: [
        ("nginx:1.25", ImageOperation(imageComponent: .tag, operator: .addIfAbsent, value: "2"),
         #"addIfAbsent cannot set the Tag, which is already "1.25""#),
        ("nginx", ImageOperation(imageComponent: .tag, operator: .addIfAbsent), "addIfAbsent needs a value"),
        ("reg.io/app", ImageOperation(imageComponent: .registry, operator: .addIfAbsent, value: "x.io"),
         #"addIfAbsent cannot set the Registry, which is already "reg.io""#),
        ("nginx", ImageOperation(imageComponent: .tag, value: ".bad"),
         #"invalid tag ".bad": use up to 128 letters, digits, _, . and -, not starting with . or -"#),
        ("nginx", ImageOperation(imageComponent: .tag, value: "a/b"),
         #"invalid tag "a/b": use up to 128 letters, digits, _, . and -, not starting with . or -"#),
        ("nginx", ImageOperation(imageComponent: .digest, value: "sha256:1234"),
         #"invalid digest "sha256:1234": use an algorithm, a colon and at least 32 hex digits (sha256:…)"#),
    ])
    func operationsRejectWhatKubeAdmiralRejects(_ image: String, _ operation: ImageOperation, _ message: String) throws {
        var reference = try ImageReference(parsing: image)
        let error = #expect(throws: OverriderFailure.self) { try reference.apply(operation) }
        #expect(error?.message == message)
        #expect(reference == (try ImageReference(parsing: image)))
    }
}
