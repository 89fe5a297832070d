import Foundation
import KubeObjects

/// What an exec credential plugin returned: a bearer token or a client certificate, and when it
/// stops being valid.
public struct ExecCredential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var token: Secret?
    /// PEM certificate and key; the key is a `Secret`.
    public var clientCertificate: ClientCertificate?
    /// `status.expirationTimestamp`; `nil` means valid until the server rejects it.
    public var expiration: Date?

    public init(token: Secret? = nil, clientCertificate: ClientCertificate? = nil, expiration: Date? = nil) {
        self.token = token
        self.clientCertificate = clientCertificate
        self.expiration = expiration
    }

    /// The credential a request presents. A plugin may return both; then the token is used for
    /// authentication, as client-go does when it sends the bearer header alongside the certificate.
    var asCredential: Credential {
        if let token { return .bearerToken(token) }
        if let clientCertificate { return .clientCertificate(clientCertificate) }
        return .none
    }

    public var description: String {
        var text = token != nil ? "bearer token <redacted>" : clientCertificate.map { "client \($0)" } ?? "nothing"
        if let expiration { text += " expiring \(expiration.formatted(.iso8601))" }
        return text
    }

    public var debugDescription: String { description }
}

/// The `ExecCredential` documents exchanged with a plugin (client.authentication.k8s.io v1 and
/// v1beta1 have the same shape for what Flotilla uses).
///
/// The request goes to the plugin in the `KUBERNETES_EXEC_INFO` environment variable; the reply
/// comes back on standard output. Errors about the reply never quote it, since it carries the
/// token.
enum ExecCredentialDocument {
    /// Builds the request: `spec.interactive` is always false (Flotilla never gives a plugin a
    /// terminal) and `spec.cluster` is present when the kubeconfig sets `provideClusterInfo`.
    static func request(apiVersion: ExecConfig.APIVersion, cluster: JSONValue?) -> String {
        var spec: JSONValue = ["interactive": false]
        if let cluster { spec["cluster"] = cluster }
        let document: JSONValue = ["apiVersion": .string(apiVersion.rawValue), "kind": "ExecCredential", "spec": spec]
        return document.jsonString
    }

    /// `spec.cluster` as client-go fills it: the server, TLS settings with the CA inline (in
    /// base64, read from the file if the kubeconfig names one), the proxy, and the cluster's
    /// `client.authentication.k8s.io/exec` extension as `config`.
    static func clusterInfo(_ cluster: Kubeconfig.Cluster, caData: [UInt8]?) -> JSONValue {
        var info: JSONValue = ["server": .string(cluster.server)]
        if let name = cluster.tlsServerName { info["tls-server-name"] = .string(name) }
        if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = true }
        if let caData { info["certificate-authority-data"] = .string(Data(caData).base64EncodedString()) }
        if let proxy = cluster.proxyURL { info["proxy-url"] = .string(proxy) }
        if let config = cluster.execExtension { info["config"] = config }
        return info
    }

    /// Reads a plugin's standard output. `invalid` builds the error for a given reason, so that
    /// every message names the plugin.
    static func response(
        _ output: [UInt8], apiVersion: ExecConfig.APIVersion, invalid: (String) -> KubeConfigError
    ) throws(KubeConfigError) -> ExecCredential {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: output)
        } catch {
            throw invalid("its output is not JSON (line \(error.line), column \(error.column))")
        }
        guard document["kind"]?.stringValue == "ExecCredential" else {
            let kind = document["kind"]?.stringValue.map { "\"\($0)\"" } ?? "missing"
            throw invalid("its output is not an ExecCredential (kind is \(kind))")
        }
        let returned = document["apiVersion"]?.stringValue ?? ""
        guard returned == apiVersion.rawValue else {
            throw invalid("it was asked for \(apiVersion.rawValue) but answered with apiVersion \"\(returned)\"")
        }
        guard let status = document["status"]?.objectValue else {
            throw invalid("its output has no status")
        }
        func string(_ key: String) throws(KubeConfigError) -> String? {
            guard let value = status[key], !value.isNull else { return nil }
            guard let string = value.stringValue else { throw invalid("status.\(key) is not a string") }
            return string.isEmpty ? nil : string
        }
        let token = try string("token")
        let certificate = try string("clientCertificateData")
        let key = try string("clientKeyData")
        if (certificate == nil) != (key == nil) {
            let (present, absent) = certificate == nil
                ? ("clientKeyData", "clientCertificateData") : ("clientCertificateData", "clientKeyData")
            throw invalid("it returned \(present) without \(absent)")
        }
        guard token != nil || certificate != nil else {
            throw invalid("it returned neither status.token nor status.clientCertificateData and clientKeyData")
        }
        var expiration: Date?
        if let text = try string("expirationTimestamp") {
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw invalid("status.expirationTimestamp \"\(text)\" is not an RFC 3339 time")
            }
            expiration = date
        }
        return ExecCredential(
            token: token.map { Secret($0) },
            clientCertificate: certificate.flatMap { certificate in
                key.map { ClientCertificate(certificate: .pem(Array(certificate.utf8)), key: .pem(Secret($0))) }
            },
            expiration: expiration)
    }
}
