// swift-tools-version: 6.0
//
// Flotilla: a federated, multi-cloud GPU placement controller.
// Modules depend only downward; see docs/architecture.md.
import PackageDescription

let package = Package(
    name: "Flotilla",
    products: [
        .executable(name: "flotilla", targets: ["flotilla"]),
        .library(name: "KubeObjects", targets: ["KubeObjects"]),
        .library(name: "Placement", targets: ["Placement"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // 1.16: `LogHandler.log(event:)`, which our structured handler implements.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // System libraries. `make` installs the Debian packages when pkg-config cannot find them.
        .systemLibrary(
            name: "CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Compresses the controller's largest cache (host workloads, `CompressedJSON`).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // Layer 1: JSON values, YAML, JSON Pointer / Patch, quantities, selectors. No I/O.
        .target(name: "KubeObjects", dependencies: ["CYaml", "CZlib"], linkerSettings: [.linkedLibrary("m")]),

        // Layer 2: the pure placement engine (KubeAdmiral API types, selection, division, overrides).
        .target(name: "Placement", dependencies: ["KubeObjects"]),

        // A seeded generator: the benchmark's workloads, the tests' generated inputs, retry jitter.
        .target(name: "SeededRandom"),

        // Layer 2 (beside the engine): the Kubernetes client — kubeconfig, libcurl transport, REST,
        // watch, informers, work queues. The engine never depends on it.
        .target(name: "KubeClient", dependencies: ["KubeObjects", "CCurl", "SeededRandom"]),

        // Layer 2: a small HTTP/1.1 server on swift-nio with an async responder, under the in-process
        // API server and the controller's telemetry endpoints.
        .target(
            name: "HTTPServing",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // Layer 2 (test tier): an in-process Kubernetes API server on loopback, for controller tests
        // and the embedded demo. Production code never depends on it.
        .target(name: "KubeSim", dependencies: ["KubeObjects", "HTTPServing"]),

        // Layer 3: the federation's controllers (member clusters, workloads, status, auto-migration):
        // the engine's decisions carried out over the client.
        .target(name: "Federation", dependencies: ["KubeObjects", "Placement", "KubeClient"]),

        // Layer 3 (test tier and demo): what a real member cluster does with a Deployment (pods,
        // node pools, ResourcePolicy tiers, autoscaler), as a client of the member's API server.
        .target(name: "MemberSim", dependencies: ["KubeObjects", "KubeClient", "Placement", "SeededRandom"]),

        // Layer 3: the controller process's own endpoints: Prometheus metrics, /healthz, /readyz.
        .target(
            name: "Telemetry",
            dependencies: ["HTTPServing", .product(name: "Logging", package: "swift-log")]
        ),

        // Layer 4: the command-line interface, as a library so that tests can drive it.
        .target(
            name: "FlotillaCLI",
            dependencies: [
                "KubeObjects", "Placement", "KubeSim", "KubeClient", "Federation", "MemberSim", "Telemetry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "flotilla",
            dependencies: ["FlotillaCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Benchmarks (`make bench`): a malloc counter linked only into the bench binary.
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "FlotillaBench",
            dependencies: [
                "Placement", "KubeObjects", "KubeClient", "KubeSim", "Federation", "CMallocCounter", "SeededRandom",
            ]),

        .testTarget(
            name: "KubeObjectsTests", dependencies: ["KubeObjects", "SeededRandom"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "KubeObjects", "SeededRandom"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeObjects", "KubeSim"]),
        .testTarget(name: "KubeClientE2ETests", dependencies: ["KubeClient", "KubeObjects"]),
        .testTarget(name: "KubeSimTests", dependencies: ["KubeSim", "KubeObjects", "HTTPServing", "KubeClient"]),
        .testTarget(
            name: "FederationTests", dependencies: ["Federation", "Placement", "KubeClient", "KubeSim", "KubeObjects"]),
        .testTarget(name: "MemberSimTests", dependencies: ["MemberSim", "KubeClient", "KubeSim", "KubeObjects"]),
        .testTarget(
            name: "TelemetryTests",
            dependencies: ["Telemetry", "KubeClient", "KubeObjects", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CCurl", "CYaml"]),
        .testTarget(
            name: "FlotillaCLITests",
            dependencies: ["FlotillaCLI", "KubeObjects", "Placement", "KubeClient", "KubeSim", "MemberSim", "Federation"]),
    ]
)
