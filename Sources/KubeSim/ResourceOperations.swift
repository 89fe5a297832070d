import KubeObjects

/// The verbs on resource URLs: get, list, watch, create, update, patch, delete, the `status`
/// and `scale` subresources, and pods' `binding`.
struct ResourceOperations: Sendable {
    let store: ObjectStore
    let configuration: KubeSimConfiguration

    func perform(_ request: APIRequest, on target: ResourceTarget) async throws(StatusError) -> APIResponse {
        let type = target.type
        let asTable = TableView.isRequested(by: request.headers["accept"])
        if type.namespaced, target.namespace == nil, target.name != nil {
            throw StatusError(.notFound, "the server could not find the requested resource")
        }
        guard let name = target.name else {
            switch request.method {
            case "GET":
                let labels = try LabelSelector(parsing: request.query["labelSelector"] ?? "")
                let fields = try FieldSelector(parsing: request.query["fieldSelector"] ?? "", kind: type.kind)
                if request.flag("watch") {
                    let filter = WatchFilter(
                        type: type, namespace: target.namespace, labels: labels, fields: fields,
                        encoding: asTable ? .table : .object)
                    return await watch(request, filter)
                }
                let limit = request.query["limit"].flatMap { Int($0) }
                let list = try await store.list(
                    type, namespace: target.namespace, labels: labels, fields: fields, limit: limit,
                    continueToken: request.query["continue"])
                return .json(asTable ? table(from: list, type: type) : list)
            case "POST":
                return .json(try await store.create(type, namespace: target.namespace, body: request.jsonBody()), status: 201)
            default:
                throw methodNotAllowed
            }
        }
        switch target.subresource {
        case nil: return try await item(request, type, target.namespace, name, asTable: asTable)
        case "status" where type.hasStatusSubresource:
            return try await subresource(request, type, target.namespace, name, target: .status)
        case "scale" where type.scale != nil:
            return try await scale(request, type, target.namespace, name)
        case "binding" where type.group.isEmpty && type.plural == "pods":
            guard request.method == "POST" else { throw methodNotAllowed }
            let binding = try await store.bind(type, namespace: target.namespace ?? "", name: name, binding: request.jsonBody())
            return .json(binding, status: 201)
        default:
            throw StatusError(.notFound, "the server could not find the requested resource")
        }
    }

    private var methodNotAllowed: StatusError {
        StatusError(.methodNotAllowed, "the server does not allow this method on the requested resource")
    }

    private func item(
        _ request: APIRequest, _ type: ResourceType, _ namespace: String?, _ name: String, asTable: Bool
    ) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET":
            let object = try await store.get(type, namespace: namespace, name: name)
            return .json(asTable ? TableView.table(for: [object], type: type, revision: object.resourceVersion) : object)
        case "PUT":
            return .json(try await store.update(type, namespace: namespace, name: name, body: request.jsonBody(), target: .main))
        case "PATCH":
            let format = try PatchFormat(contentType: request.headers["content-type"] ?? "")
            return .json(
                try await store.patch(
                    type, namespace: namespace, name: name, patch: request.jsonBody(), format: format, target: .main))
        case "DELETE":
            let options = request.body.isEmpty ? nil : try request.jsonBody()
            return .json(try await store.delete(type, namespace: namespace, name: name, options: options))
        default:
            throw methodNotAllowed
        }
    }

    private func subresource(
        _ request: APIRequest, _ type: ResourceType, _ namespace: String?, _ name: String, target: WriteTarget
    ) async throws(StatusError) -> APIResponse {
        switch request.method {
        case "GET": return .json(try await store.get(type, namespace: namespace, name: name))
        case "PUT":
            return .json(try await store.update(type, namespace: namespace, name: name, body: request.jsonBody(), target: target))
        case "PATCH":
            let format = try PatchFormat(contentType: request.headers["content-type"] ?? "")
            return .json(
                try await store.patch(
                    type, namespace: namespace, name: name, patch: request.jsonBody(), format: format, target: target))
        default: throw methodNotAllowed
        }
    }

    private func scale(_ request: APIRequest, _ type: ResourceType, _ namespace: String?, _ name: String)
        async throws(StatusError) -> APIResponse
    {
        switch request.method {
        case "GET": return .json(try await store.scale(type, namespace: namespace, name: name))
        case "PUT":
            return .json(try await store.updateScale(type, namespace: namespace, name: name, scale: request.jsonBody()))
        case "PATCH":
            let format = try PatchFormat(contentType: request.headers["content-type"] ?? "")
            return .json(
                try await store.patchScale(type, namespace: namespace, name: name, patch: request.jsonBody(), format: format))
        default: throw methodNotAllowed
        }
    }

    /// A watch response. A start the store refuses (410 on an old resourceVersion) is sent as a
    /// single ERROR event in a 200 response, which is how a real server reports it to watchers.
    private func watch(_ request: APIRequest, _ filter: WatchFilter) async -> APIResponse {
        let opened: (id: Int, events: AsyncStream<[UInt8]>)
        do {
            opened = try await store.openWatch(filter, resourceVersion: request.query["resourceVersion"])
        } catch {
            let (events, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            continuation.yield(ObjectStore.errorLine(error))
            continuation.finish()
            return .watch(events: events, companions: [])
        }
        let store = self.store
        let id = opened.id
        var companions: [Task<Void, Never>] = []
        if request.flag("allowWatchBookmarks") {
            let interval = configuration.bookmarkInterval
            companions.append(Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { return }
                    guard await store.sendBookmark(id) else { return }
                }
            })
        }
        if let seconds = request.query["timeoutSeconds"].flatMap({ Int($0) }), seconds > 0 {
            companions.append(Task {
                try? await Task.sleep(for: .seconds(seconds))
                if !Task.isCancelled { await store.closeWatch(id) }
            })
        }
        return .watch(events: opened.events, companions: companions)
    }

    private func table(from list: JSONValue, type: ResourceType) -> JSONValue {
        var table = TableView.table(
            for: list["items"]?.arrayValue ?? [], type: type, revision: list[path: ["metadata", "resourceVersion"]]?.stringValue)
        if let token = list[path: ["metadata", "continue"]] {
            var metadata = table["metadata"]?.objectValue ?? JSONObject()
            metadata["continue"] = token
            table["metadata"] = .object(metadata)
        }
        return table
    }
}
