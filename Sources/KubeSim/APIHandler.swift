import KubeObjects

/// Turns requests into store calls and answers: authentication, injected faults, routing.
struct APIHandler: Sendable {
    let store: ObjectStore
    let faults: FaultInjector
    let configuration: KubeSimConfiguration

    func handle(_ request: APIRequest) async -> APIResponse {
        let latency = await faults.latency
        if latency > .zero { try? await Task.sleep(for: latency) }
        if let token = configuration.bearerToken, !isPublicInfo(request.path),
            request.headers["authorization"] != "Bearer \(token)"
        {
            return .failure(StatusError(.unauthorized, "Unauthorized"))
        }
        if let fault = await faults.takeFault(for: request) { return .failure(fault.status) }
        do {
            return try await route(request)
        } catch {
            return .failure(error)
        }
    }

    /// Paths a real cluster's default RBAC (`system:public-info-viewer`) lets anyone read; the
    /// kubectl dispatcher asks `/version` without credentials before choosing a kubectl binary.
    private func isPublicInfo(_ path: String) -> Bool {
        ["/healthz", "/readyz", "/livez", "/version"].contains(path)
    }

    private func route(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        let registry = await store.resourceRegistry
        let route = APIRoute(path: request.path) { group, version, plural in
            registry.lookup(group: group, version: version, plural: plural)?.namespaced ?? false
        }
        let notFound = StatusError(.notFound, "the server could not find the requested resource")
        if case .resource = route {} else if request.method != "GET" {
            throw StatusError(.methodNotAllowed, "the server does not allow this method on the requested resource")
        }
        switch route {
        case .coreVersions: return .json(Discovery.coreVersions(serverAddress: request.serverAddress))
        case .groupList: return .json(Discovery.groupList(registry))
        case .group(let name):
            guard let entry = registry.groups.first(where: { $0.group == name && !name.isEmpty }) else { throw notFound }
            return .json(Discovery.group(name, versions: entry.versions))
        case let .resourceList(group, version):
            let types = registry.types(group: group, version: version)
            guard !types.isEmpty else { throw notFound }
            return .json(Discovery.resourceList(group: group, version: version, types: types))
        case .version: return .json(Discovery.version)
        case .health: return .text("ok")
        case .openAPI, .unknown: throw notFound
        case let .resource(group, version, plural, namespace, name, subresource):
            guard let type = registry.lookup(group: group, version: version, plural: plural) else { throw notFound }
            let target = ResourceTarget(type: type, namespace: namespace, name: name, subresource: subresource)
            return try await ResourceOperations(store: store, configuration: configuration).perform(request, on: target)
        }
    }
}

/// A resource URL resolved against the registry.
struct ResourceTarget: Sendable {
    var type: ResourceType
    var namespace: String?
    var name: String?
    var subresource: String?
}
