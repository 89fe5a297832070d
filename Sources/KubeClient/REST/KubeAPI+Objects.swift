import KubeObjects

/// Reading and writing objects. Namespaced resources need a namespace for one object; `nil`
/// lists across all namespaces. Reads are retried as `RetryPolicy` allows; writes only after a
/// 429 or a failure to connect.
extension KubeAPI {
    public func get(_ resource: APIResource, namespace: String? = nil, name: String) async throws(KubeAPIError)
        -> JSONValue
    {
        try await performJSON(.get, resource.objectPath(namespace: namespace, name: name), isRead: true)
    }

    /// One page of a collection, with the list's resourceVersion and the next page's token.
    public func list(_ resource: APIResource, namespace: String? = nil, options: ListOptions = ListOptions())
        async throws(KubeAPIError) -> ListPage
    {
        let target = try resource.collectionPath(namespace: namespace) + PercentEncoding.query(options.queryItems)
        let json = try await performJSON(.get, target, isRead: true)
        guard let items = json["items"]?.arrayValue ?? (json["items"]?.isNull == true ? [] : nil) else {
            throw KubeAPIError(.malformedResponse, "GET \(Self.pathOnly(target)): the list has no items array")
        }
        let version = json[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        let token = json[path: ["metadata", "continue"]]?.stringValue
        return ListPage(
            items: Self.typed(items, asIn: json), resourceVersion: version,
            continueToken: token?.isEmpty == true ? nil : token)
    }

    /// A real API server leaves `apiVersion` and `kind` off the items of a built-in type's list
    /// (`DeploymentList` items are bare); watch events and GETs carry them. Items get them from
    /// the list (`kind` without its `List` suffix), as client-go's unstructured decoding does, so
    /// that an object from a list and the same object from a watch decode alike.
    static func typed(_ items: [JSONValue], asIn list: JSONValue) -> [JSONValue] {
        guard let listKind = list["kind"]?.stringValue, listKind.hasSuffix("List"), listKind.count > 4,
            let apiVersion = list["apiVersion"]?.stringValue,
            items.contains(where: { $0["kind"] == nil || $0["apiVersion"] == nil })
        else { return items }
        let kind = JSONValue.string(String(listKind.dropLast(4)))
        return items.map { item in
            var item = item
            if item["apiVersion"] == nil { item["apiVersion"] = .string(apiVersion) }
            if item["kind"] == nil { item["kind"] = kind }
            return item
        }
    }

    /// Creates `object` in `namespace`, or in its own `metadata.namespace` when `namespace` is
    /// `nil`; returns the object as stored.
    public func create(_ resource: APIResource, namespace: String? = nil, _ object: JSONValue)
        async throws(KubeAPIError) -> JSONValue
    {
        let namespace = resource.namespaced ? namespace ?? object[path: ["metadata", "namespace"]]?.stringValue : nil
        if resource.namespaced && namespace == nil {
            throw KubeAPIError(.invalidArgument, "\(resource) is namespaced; the new object needs a namespace")
        }
        return try await performJSON(.post, resource.collectionPath(namespace: namespace), body: object, isRead: false)
    }

    /// Replaces the object (PUT). It must carry `metadata.resourceVersion`: the server applies the
    /// update only if the object is still at that version and answers `conflict` otherwise, so
    /// a concurrent change is never overwritten blindly.
    public func update(_ resource: APIResource, _ object: JSONValue) async throws(KubeAPIError) -> JSONValue {
        try await updateSubresource(resource, object, subresource: nil)
    }

    /// Applies a patch to the object, or to one of its subresources; returns the patched object.
    public func patch(
        _ resource: APIResource, namespace: String? = nil, name: String, _ patch: JSONValue, type: PatchType = .merge,
        subresource: String? = nil
    ) async throws(KubeAPIError) -> JSONValue {
        let target = try resource.objectPath(namespace: namespace, name: name, subresource: subresource)
        return try await performJSON(.patch, target, body: patch, contentType: type.contentType, isRead: false)
    }

    /// Deletes the object. Returns what the server answers: the object (still present, when
    /// finalizers or foreground deletion keep it) or a `Status`.
    @discardableResult
    public func delete(
        _ resource: APIResource, namespace: String? = nil, name: String, options: DeleteOptions = DeleteOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        let target = try resource.objectPath(namespace: namespace, name: name)
        return try await performJSON(.delete, target, body: options.body, isRead: false)
    }

    /// Reads a subresource (`status`, `scale`).
    public func getSubresource(_ resource: APIResource, namespace: String? = nil, name: String, subresource: String)
        async throws(KubeAPIError) -> JSONValue
    {
        let target = try resource.objectPath(namespace: namespace, name: name, subresource: subresource)
        return try await performJSON(.get, target, isRead: true)
    }

    /// Creates a subresource (POST), such as a pod's `binding` or `eviction`; returns the server's
    /// answer (for a binding, a `Status`). Writes are retried only as `RetryPolicy` allows.
    public func createSubresource(
        _ resource: APIResource, namespace: String? = nil, name: String, subresource: String, _ body: JSONValue
    ) async throws(KubeAPIError) -> JSONValue {
        let target = try resource.objectPath(namespace: namespace, name: name, subresource: subresource)
        return try await performJSON(.post, target, body: body, isRead: false)
    }

    /// Replaces a subresource (PUT to `.../status` or `.../scale`), with the same resourceVersion
    /// precondition as `update`. The object's namespace and name say where it goes.
    public func updateSubresource(_ resource: APIResource, _ object: JSONValue, subresource: String?)
        async throws(KubeAPIError) -> JSONValue
    {
        guard let name = object[path: ["metadata", "name"]]?.stringValue else {
            throw KubeAPIError(.invalidArgument, "an update needs metadata.name")
        }
        guard let version = object[path: ["metadata", "resourceVersion"]]?.stringValue, !version.isEmpty else {
            throw KubeAPIError(.invalidArgument, "an update of \(name) needs metadata.resourceVersion as a precondition")
        }
        let namespace = resource.namespaced ? object[path: ["metadata", "namespace"]]?.stringValue : nil
        let target = try resource.objectPath(namespace: namespace, name: name, subresource: subresource)
        return try await performJSON(.put, target, body: object, isRead: false)
    }
}
