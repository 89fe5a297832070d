import Foundation
import KubeClient
import KubeObjects
import Placement

/// How to reach one member cluster: its FederatedCluster's `spec` joined with its Secret
/// (kubeadmiral-api.md §5.1), checked and ready to become a `ClusterConnection`.
///
/// The rules, KubeAdmiral's where it has one:
/// - `useServiceAccount: true` authenticates with `service-account-token-data`, which must be set.
/// - Otherwise `client-certificate-data` with `client-key-data` (both or neither), else
///   `bootstrap-token-data`. One of the two must be there: Flotilla never connects anonymously.
/// - `insecure: true` skips TLS verification and ignores any CA. Otherwise an https endpoint needs
///   `certificate-authority-data`. A plain `http://` endpoint has no TLS, so it needs no CA.
/// - Values are read from the Secret's `data` (base64), which is what the API returns; a key that
///   is present but empty counts as missing. Surrounding whitespace (a trailing newline from
///   `kubectl create secret --from-file`) is dropped from tokens.
///
/// Equal credentials make equal connections: `MemberClients` compares them to decide whether a
/// client must be rebuilt. Printing shows the server and the kind of authentication, never a
/// token or key.
public struct MemberCredentials: Sendable, Hashable, CustomStringConvertible {
    public enum Authentication: Sendable, Hashable {
        /// `bootstrap-token-data` or `service-account-token-data`; `key` says which.
        case bearerToken(Secret, key: String)
        /// `client-certificate-data` and `client-key-data`, PEM.
        case clientCertificate(certificate: [UInt8], key: Secret)
    }

    public var cluster: String
    public var server: ServerURL
    /// The CA bundle (PEM); `nil` when `insecure` is set or the endpoint is plain http.
    public var certificateAuthority: [UInt8]?
    public var insecure: Bool
    public var authentication: Authentication

    public init(
        cluster: String, server: ServerURL, certificateAuthority: [UInt8]?, insecure: Bool,
        authentication: Authentication
    ) {
        self.cluster = cluster
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.insecure = insecure
        self.authentication = authentication
    }

    /// Resolves `cluster`'s credentials from `secret` (the Secret object, `nil` when it does not
    /// exist) found in `namespace`. Throws one error naming the cluster, the Secret and the key.
    public static func resolve(
        cluster: FederatedCluster, secret: JSONValue?, namespace: String
    )
        throws(MemberCredentialsError) -> MemberCredentials
    {
        let reader = SecretReader(
            cluster: cluster.name, secret: secret, reference: "\(namespace)/\(cluster.spec.secretName)")
        let server = try MemberEndpoint.serverURL(
            cluster.spec.apiEndpoint, cluster: cluster.name, secret: reader.reference)
        guard secret != nil else {
            throw MemberCredentialsError(
                .secretNotFound, cluster: cluster.name, secret: reader.reference,
                "not found (spec.secretRef.name names it; it must be in namespace \(namespace))")
        }
        let authentication = try authentication(of: cluster, reader)
        var authority: [UInt8]?
        if !cluster.spec.insecure, server.scheme == .https {
            authority = try reader.bytes(
                ClusterVocabulary.SecretKey.certificateAuthority, why: "required unless spec.insecure is true")
        }
        return MemberCredentials(
            cluster: cluster.name, server: server, certificateAuthority: authority, insecure: cluster.spec.insecure,
            authentication: authentication)
    }

    private static func authentication(
        of cluster: FederatedCluster, _ reader: SecretReader
    )
        throws(MemberCredentialsError) -> Authentication
    {
        typealias Key = ClusterVocabulary.SecretKey
        if cluster.spec.useServiceAccount {
            let token = try reader.token(
                Key.serviceAccountToken, why: "required because spec.useServiceAccount is true")
            return .bearerToken(token, key: Key.serviceAccountToken)
        }
        let certificate = try reader.optionalBytes(Key.clientCertificate)
        let key = try reader.optionalBytes(Key.clientKey)
        switch (certificate, key) {
        case (let certificate?, let key?):
            return .clientCertificate(certificate: certificate, key: Secret(bytes: key))
        case (.some, nil):
            _ = try reader.bytes(Key.clientKey, why: "required with \(Key.clientCertificate)")
        case (nil, .some):
            _ = try reader.bytes(Key.clientCertificate, why: "required with \(Key.clientKey)")
        case (nil, nil):
            break
        }
        guard reader.has(Key.bootstrapToken) else {
            throw MemberCredentialsError(
                .missingKey, cluster: cluster.name, secret: reader.reference,
                "holds no credentials: set \(Key.bootstrapToken), or \(Key.clientCertificate) and \(Key.clientKey)")
        }
        return .bearerToken(try reader.token(Key.bootstrapToken, why: ""), key: Key.bootstrapToken)
    }

    /// The connection the transport needs. The namespace is `default`; member clients name
    /// namespaces explicitly.
    public var connection: ClusterConnection {
        let tls = TLSSettings(certificateAuthority: certificateAuthority.map { .pem($0) }, insecureSkipVerify: insecure)
        let authenticator: Authenticator
        switch authentication {
        case .bearerToken(let token, _):
            authenticator = .token(token)
        case .clientCertificate(let certificate, let key):
            authenticator = .clientCertificate(ClientCertificate(certificate: .pem(certificate), key: .pem(key)))
        }
        return ClusterConnection(server: server, tls: tls, authenticator: authenticator)
    }

    public var description: String {
        let how: String
        switch authentication {
        case .bearerToken(_, let key): how = "bearer token from \(key)"
        case .clientCertificate: how = "client certificate"
        }
        let trust =
            insecure ? "without TLS verification" : (certificateAuthority == nil ? "plain http" : "CA from the Secret")
        return "member \(cluster) at \(server), \(how), \(trust)"
    }
}

/// Reads keys of one Secret's `data`, turning every problem into an error naming the key.
private struct SecretReader {
    let cluster: String
    let secret: JSONValue?
    let reference: String

    private func value(_ key: String) -> String? {
        guard let text = secret?[path: ["data", key]]?.stringValue, !text.isEmpty else { return nil }
        return text
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func optionalBytes(_ key: String) throws(MemberCredentialsError) -> [UInt8]? {
        guard let text = value(key) else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact), !data.isEmpty else {
            throw MemberCredentialsError(
                .invalidValue, cluster: cluster, secret: reference, key: key, "is not valid base64")
        }
        return Array(data)
    }

    func bytes(_ key: String, why: String) throws(MemberCredentialsError) -> [UInt8] {
        guard let bytes = try optionalBytes(key) else {
            let detail = why.isEmpty ? "" : " (\(why))"
            throw MemberCredentialsError(
                .missingKey, cluster: cluster, secret: reference, key: key, "is missing or empty\(detail)")
        }
        return bytes
    }

    /// A bearer token: whitespace around it dropped, and no control character inside, since it
    /// goes into an HTTP header.
    func token(_ key: String, why: String) throws(MemberCredentialsError) -> Secret {
        let text = String(decoding: try bytes(key, why: why), as: UTF8.self).trimmingWhitespace
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw MemberCredentialsError(
                .invalidValue, cluster: cluster, secret: reference, key: key,
                "is not a usable token (empty, or it contains a line break or control character)")
        }
        return Secret(text)
    }
}
