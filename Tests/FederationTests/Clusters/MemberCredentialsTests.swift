import Federation
import Foundation
import KubeClient
import KubeObjects
import Placement
import Testing

/// Credentials from a FederatedCluster and its Secret, and every way they can be wrong.
@Suite struct MemberCredentialsTests {
    static let ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    static let token = "abcdef.0123456789abcdef"

    static func cluster(_ endpoint: String, insecure: Bool = false, useServiceAccount: Bool = false) -> FederatedCluster
    {
        FederatedCluster(
            reference: ObjectReference(kind: "FederatedCluster", name: "gpu-east"),
            metadata: ObjectMeta(name: "gpu-east"),
            spec: .init(
                apiEndpoint: endpoint, secretName: "gpu-east-creds", useServiceAccount: useServiceAccount,
                insecure: insecure),
            status: FederatedClusterStatus(), raw: .null)
    }

    static func secret(_ values: [String: String]) -> JSONValue {
        var data = JSONObject()
        for (key, value) in values { data[key] = .string(Data(value.utf8).base64EncodedString()) }
        return ["metadata": ["name": "gpu-east-creds", "namespace": "kube-admiral-system"], "data": .object(data)]
    }

    static let tokenAndCA = secret(["bootstrap-token-data": token, "certificate-authority-data": ca])

    static func resolve(
        _ cluster: FederatedCluster, _ secret: JSONValue?
    ) throws(MemberCredentialsError) -> MemberCredentials {
        try MemberCredentials.resolve(cluster: cluster, secret: secret, namespace: "kube-admiral-system")
    }

    @Test(arguments: [
        ("10.0.0.1", "https://10.0.0.1"), ("10.0.0.1:6443", "https://10.0.0.1:6443"),
        ("api.gpu-east.example", "https://api.gpu-east.example"),
        ("api.gpu-east.example:6443", "https://api.gpu-east.example:6443"),
        ("fd00::1", "https://[fd00::1]"), ("[fd00::1]:6443", "https://[fd00::1]:6443"),
        ("https://10.0.0.1:6443/k8s/clusters/c-1", "https://10.0.0.1:6443/k8s/clusters/c-1"),
    ])
    func everyEndpointFormBecomesAnHTTPSURL(_ endpoint: String, _ url: String) throws {
        #expect(try Self.resolve(Self.cluster(endpoint), Self.tokenAndCA).server.description == url)
    }

    @Test func aPlainHTTPEndpointNeedsNoCA() throws {
        let credentials = try Self.resolve(
            Self.cluster("http://127.0.0.1:8080"), Self.secret(["bootstrap-token-data": Self.token]))
        #expect(credentials.certificateAuthority == nil)
        #expect(credentials.connection.server.scheme == .http)
    }

    @Test func tokenAndCAMakeABearerConnectionThatTrustsTheCA() throws {
        let credentials = try Self.resolve(Self.cluster("10.0.0.1:6443"), Self.tokenAndCA)
        #expect(credentials.authentication == .bearerToken(Secret(Self.token), key: "bootstrap-token-data"))
        #expect(credentials.connection.tls.certificateAuthority == .pem(Array(Self.ca.utf8)))
        #expect(!credentials.description.contains(Self.token))
        #expect(!"\(credentials.connection)".contains(Self.token))
    }

    @Test func aTrailingNewlineIsDroppedFromTheToken() throws {
        let secret = Self.secret(["bootstrap-token-data": Self.token + "\n", "certificate-authority-data": Self.ca])
        #expect(
            try Self.resolve(Self.cluster("10.0.0.1"), secret).authentication
                == .bearerToken(Secret(Self.token), key: "bootstrap-token-data"))
    }

    @Test func insecureSkipsVerificationAndIgnoresTheCA() throws {
        let credentials = try Self.resolve(Self.cluster("10.0.0.1", insecure: true), Self.tokenAndCA)
        #expect(credentials.connection.tls == TLSSettings(insecureSkipVerify: true))
    }

    @Test func aServiceAccountClusterUsesTheServiceAccountToken() throws {
        let secret = Self.secret([
            "bootstrap-token-data": "bootstrap", "service-account-token-data": "sa-token",
            "certificate-authority-data": Self.ca,
        ])
        let credentials = try Self.resolve(Self.cluster("10.0.0.1", useServiceAccount: true), secret)
        #expect(credentials.authentication == .bearerToken(Secret("sa-token"), key: "service-account-token-data"))
    }

    @Test func aClientCertificateAndKeyAreUsedWhenBothAreThere() throws {
        let secret = Self.secret([
            "client-certificate-data": "CERT", "client-key-data": "KEY", "certificate-authority-data": Self.ca,
        ])
        let credentials = try Self.resolve(Self.cluster("10.0.0.1"), secret)
        #expect(credentials.authentication == .clientCertificate(certificate: Array("CERT".utf8), key: Secret("KEY")))
    }

    /// Each problem: the Secret, the error's code, and its whole message.
    @Test(
        arguments: [
            (
                nil, false, false, MemberCredentialsError.Code.secretNotFound,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: not found (spec.secretRef.name names it; it must be in namespace kube-admiral-system)"
            ),
            (
                secret(["bootstrap-token-data": token]), false, false, .missingKey,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: key certificate-authority-data: is missing or empty (required unless spec.insecure is true)"
            ),
            (
                secret(["certificate-authority-data": ca]), false, false, .missingKey,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: holds no credentials: set bootstrap-token-data, or client-certificate-data and client-key-data"
            ),
            (
                secret(["client-certificate-data": "CERT", "certificate-authority-data": ca]), false, false,
                .missingKey,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: key client-key-data: is missing or empty (required with client-certificate-data)"
            ),
            (
                secret(["bootstrap-token-data": token, "certificate-authority-data": ca]), false, true, .missingKey,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: key service-account-token-data: is missing or empty (required because spec.useServiceAccount is true)"
            ),
            (
                secret(["bootstrap-token-data": "two\nlines", "certificate-authority-data": ca]), false, false,
                .invalidValue,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: key bootstrap-token-data: is not a usable token (empty, or it contains a line break or control character)"
            ),
            (
                ["data": ["bootstrap-token-data": "%%%", "certificate-authority-data": "Q0E="]] as JSONValue, false,
                false, .invalidValue,
                "FederatedCluster gpu-east: Secret kube-admiral-system/gpu-east-creds: key bootstrap-token-data: is not valid base64"
            ),
        ] as [(JSONValue?, Bool, Bool, MemberCredentialsError.Code, String)])
    func eachProblemIsOneErrorNamingTheClusterSecretAndKey(
        _ secret: JSONValue?, _ insecure: Bool, _ useServiceAccount: Bool, _ code: MemberCredentialsError.Code,
        _ message: String
    ) {
        #expect {
            try Self.resolve(Self.cluster("10.0.0.1", insecure: insecure, useServiceAccount: useServiceAccount), secret)
        } throws: { error in
            let error = error as! MemberCredentialsError
            return error.code == code && error.description == message && error.cluster == "gpu-east"
        }
    }

    @Test func anInvalidEndpointNamesTheField() {
        #expect {
            try Self.resolve(Self.cluster("ftp://10.0.0.1"), Self.tokenAndCA)
        } throws: { error in
            let error = error as! MemberCredentialsError
            return error.code == .invalidEndpoint && error.conditionReason == "InvalidAPIEndpoint"
                && error.description.hasPrefix("FederatedCluster gpu-east: spec.apiEndpoint: \"ftp://10.0.0.1\" is not")
        }
    }
}
