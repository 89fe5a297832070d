/// Paths outside the resource API (`/healthz`, `/readyz`, `/livez`), which answer plain text.
extension KubeAPI {
    /// GETs `path` (already escaped, starting with `/`) and returns the body of a 2xx answer as
    /// it came. Credentials, the 401 refresh and read retries apply as for every other call; any
    /// other status is thrown as a `KubeAPIError`, so `/healthz` answering 404 can be told apart
    /// from one answering something other than `ok`.
    public func getRaw(_ path: String) async throws(KubeAPIError) -> [UInt8] {
        try await perform(.get, path, isRead: true).body
    }
}
