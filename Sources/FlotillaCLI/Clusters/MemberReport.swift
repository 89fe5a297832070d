import Federation
import Foundation
import KubeClient
import KubeObjects
import Placement

/// What `flotilla clusters` tells about one member: the facts of one table row.
struct MemberReport: Sendable, Equatable {
    var name: String
    var apiEndpoint: String
    var created: Timestamp?
    /// `True`, `False` or `Unknown`, as the controller's Ready condition would say now.
    var ready: String
    /// `True` when the member accepted the credentials, `False` when they are unusable or refused,
    /// `Unknown` when the member did not answer.
    var joined: String
    var gpusAvailable: Int64?
    var gpusAllocatable: Int64?
    var schedulableNodes: Int64?
    /// Why the member is not ready, in one line; `nil` when it is.
    var reason: String?

    /// Checks one FederatedCluster: its credentials, then (when they resolve) a probe of the member.
    static func check(
        _ object: JSONValue, secrets: [String: JSONValue], namespace: String, timeout: Duration
    ) async
        -> MemberReport
    {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? "<unnamed>"
        var report = MemberReport(
            name: name, apiEndpoint: object[path: ["spec", "apiEndpoint"]]?.stringValue ?? "",
            created: object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
            ready: "False", joined: "False")
        let cluster: FederatedCluster
        do {
            var withoutStatus = object
            withoutStatus["status"] = nil
            cluster = try FederatedCluster.decode(withoutStatus)
        } catch {
            report.reason = "invalid FederatedCluster: \(error.field.isEmpty ? "" : "\(error.field): ")\(error.message)"
            return report
        }
        let credentials: MemberCredentials
        do {
            credentials = try MemberCredentials.resolve(
                cluster: cluster, secret: secrets[cluster.spec.secretName], namespace: namespace)
        } catch {
            report.reason = problem(error)
            return report
        }
        let api = KubeAPI(connection: credentials.connection, retryPolicy: .never)
        report.record(await ClusterProbe(timeout: timeout).probe(api), timeout: timeout)
        return report
    }

    private mutating func record(_ probe: ClusterProbeResult, timeout: Duration) {
        if let resources = probe.resources {
            gpusAvailable = resources.available.value(of: ResourceName.gpu) ?? 0
            gpusAllocatable = resources.allocatable.value(of: ResourceName.gpu) ?? 0
            schedulableNodes = resources.schedulableNodes
        }
        joined = "True"
        switch probe.health {
        case .ready:
            ready = "True"
        case .unreachable(let error):
            ready = "Unknown"
            joined = "Unknown"
            reason = Self.unreachable(error, timeout: timeout)
        case .rejected(let error):
            joined = "False"
            reason =
                error.code == .forbidden
                ? "forbidden (403): the credentials lack permission" : "invalid or expired token or certificate (401)"
        case .healthzNotOK(let message), .resourceCollectionFailed(let message), .apiDiscoveryFailed(let message):
            reason = message
        }
        reason = reason.map(Self.oneLine)
    }

    /// A credentials problem without the `FederatedCluster NAME: ` prefix the row already shows.
    private static func problem(_ error: MemberCredentialsError) -> String {
        let prefix = "FederatedCluster \(error.cluster): "
        let text = error.description
        return oneLine(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
    }

    private static func unreachable(_ error: KubeAPIError, timeout: Duration) -> String {
        switch error.transportError?.code {
        case .tls?: return "TLS handshake failed (wrong CA?): \(error)"
        case .timedOut?: return "unreachable: no answer within \(ClustersOutput.durationText(timeout))"
        default: return "unreachable: \(error)"
        }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
