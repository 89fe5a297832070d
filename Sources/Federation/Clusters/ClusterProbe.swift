import KubeClient
import KubeObjects
import Placement

/// One health check of a member cluster, as KubeAdmiral's cluster controller makes it
/// (kubeadmiral-api.md §5.2): `GET /healthz`, then, only when that says `ok`, the nodes and pods
/// for `status.resources` and discovery for `status.apiResourceTypes`.
///
/// Every request gets `timeout` and is made once (no retries: the next probe is the retry), so a
/// probe of a member that does not answer ends within a few timeouts and never holds up another
/// member's. `/readyz` is asked when `/healthz` answers 404 (servers that no longer serve it).
///
/// Flotilla tells two failures apart that KubeAdmiral reports alike: a member that gives no HTTP
/// answer is unreachable, while one that answers 401 or 403 is reachable but refuses the
/// credentials (`ClusterProbeResult.Health.rejected`), which a new Secret fixes and waiting does not.
public struct ClusterProbe: Sendable {
    /// Each request's total timeout.
    public var timeout: Duration
    /// `limit` of each page when listing nodes and pods.
    public var pageSize: Int

    public init(timeout: Duration, pageSize: Int = 500) {
        self.timeout = timeout
        self.pageSize = pageSize
    }

    /// Probes the member behind `api` (its retry policy and timeout are replaced for the probe).
    public func probe(_ api: KubeAPI) async -> ClusterProbeResult {
        var api = api
        api.retryPolicy = .never
        api.requestTimeout = timeout
        if let failure = await checkHealth(api) { return ClusterProbeResult(health: failure) }

        let resources: ClusterResources
        do {
            let nodes = try await listAll(api, .nodes)
            let pods = try await listAll(api, .pods)
            resources = ClusterCapacity.resources(nodes: nodes, pods: pods)
        } catch {
            return ClusterProbeResult(
                health: Self.refusal(error)
                    ?? .resourceCollectionFailed("failed to collect cluster resources: \(error)"))
        }
        do {
            let types = try await apiResourceTypes(api)
            return ClusterProbeResult(health: .ready, resources: resources, apiResourceTypes: types)
        } catch {
            return ClusterProbeResult(
                health: Self.refusal(error)
                    ?? .apiDiscoveryFailed("failed to discover cluster API resources: \(error)"),
                resources: resources)
        }
    }

    /// `nil` when `/healthz` (or `/readyz`) says `ok`; otherwise what is wrong.
    private func checkHealth(_ api: KubeAPI) async -> ClusterProbeResult.Health? {
        var path = "/healthz"
        do {
            let body: [UInt8]
            do {
                body = try await api.getRaw(path)
            } catch where error.code == .notFound {
                path = "/readyz"
                body = try await api.getRaw(path)
            }
            let text = String(decoding: body, as: UTF8.self)
            if text.lowercased() == "ok" { return nil }
            let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
            return .healthzNotOK("\(path) responded without ok: \(shown.trimmingWhitespace)")
        } catch {
            return Self.refusal(error) ?? .healthzNotOK("\(path) failed: \(error)")
        }
    }

    /// The failure that ends a probe whatever step it happens at: no answer, or credentials refused.
    private static func refusal(_ error: KubeAPIError) -> ClusterProbeResult.Health? {
        switch error.code {
        case .transport: return .unreachable(error)
        case .unauthorized, .forbidden: return .rejected(error)
        default: return nil
        }
    }

    private func listAll(_ api: KubeAPI, _ resource: KubeClient.APIResource) async throws(KubeAPIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await api.list(resource, options: ListOptions(limit: pageSize, continueToken: token))
            items += page.items
            token = page.hasMore ? page.continueToken : nil
        } while token != nil
        return items
    }

    /// Every resource of every served group version, subresources left out, sorted by kind (then
    /// group, version and plural, so that the order is stable).
    private func apiResourceTypes(_ api: KubeAPI) async throws(KubeAPIError) -> [Placement.APIResource] {
        var types: [Placement.APIResource] = []
        for group in try await api.apiGroups() {
            for version in group.versions {
                for resource in try await api.resources(group: group.name, version: version)
                where !resource.isSubresource {
                    types.append(
                        Placement.APIResource(
                            group: group.name, version: version, kind: resource.kind, pluralName: resource.name,
                            scope: resource.namespaced ? "Namespaced" : "Cluster"))
                }
            }
        }
        return types.sorted {
            ($0.kind, $0.group, $0.version, $0.pluralName) < ($1.kind, $1.group, $1.version, $1.pluralName)
        }
    }
}

/// What one probe found.
public struct ClusterProbeResult: Sendable, Equatable {
    public enum Health: Sendable, Equatable {
        /// `/healthz` said `ok` and resources and API types were collected.
        case ready
        /// No HTTP answer: refused, timed out, DNS, or a TLS failure (such as an untrusted certificate).
        case unreachable(KubeAPIError)
        /// The member answered 401 (credentials invalid or expired) or 403 (not allowed).
        case rejected(KubeAPIError)
        /// `/healthz` answered something other than `ok`, or an error status.
        case healthzNotOK(String)
        case resourceCollectionFailed(String)
        case apiDiscoveryFailed(String)
    }

    public var health: Health
    /// Collected when the member was healthy; `nil` otherwise (the last published figures stand).
    public var resources: ClusterResources?
    /// Collected when the member was healthy and discovery worked.
    public var apiResourceTypes: [Placement.APIResource]?

    public init(health: Health, resources: ClusterResources? = nil, apiResourceTypes: [Placement.APIResource]? = nil) {
        self.health = health
        self.resources = resources
        self.apiResourceTypes = apiResourceTypes
    }
}
