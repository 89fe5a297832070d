import KubeClient

/// Runs an API call and turns the errors in `codes` into `nil`: for writes whose conflict means
/// "already done" (a create that finds the object, a delete that does not).
func tolerating<T>(_ codes: Set<KubeAPIError.Code>, _ call: () async throws(KubeAPIError) -> T)
    async throws(KubeAPIError) -> T?
{
    do {
        return try await call()
    } catch {
        guard codes.contains(error.code) else { throw error }
        return nil
    }
}
