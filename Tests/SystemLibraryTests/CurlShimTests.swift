import CCurl
import CYaml
import Testing

/// The system-library targets link, and the typed wrappers around libcurl's variadic setters reach
/// libcurl with the right argument types (the API client of the next layer relies on them).
@Suite struct SystemLibraryTests {
    @Test func libcurlAcceptsOptionsThroughTheTypedShim() throws {
        #expect(curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK)
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        #expect(flotilla_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, 1500) == CURLE_OK)
        #expect(flotilla_easy_setopt_string(handle, CURLOPT_URL, "https://127.0.0.1:6443/healthz") == CURLE_OK)
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        headers = curl_slist_append(headers, "Accept: application/json")
        defer { curl_slist_free_all(headers) }
        #expect(flotilla_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) == CURLE_OK)
        // An option given a value of the wrong kind is refused by libcurl itself.
        #expect(flotilla_easy_setopt_long(handle, CURLOPT_SSLVERSION, 9999) != CURLE_OK)
        var code: Int = -1
        #expect(flotilla_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK)
        #expect(code == 0)
    }

    @Test func libcurlWasBuiltWithTLSAndHTTP2() throws {
        let info = try #require(flotilla_curl_version_info())
        #expect(info.pointee.ssl_version != nil)
        #expect(info.pointee.features & CURL_VERSION_HTTP2 != 0)
    }

    @Test func libyamlReportsItsVersion() {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        yaml_get_version(&major, &minor, &patch)
        #expect(major == 0 && minor >= 2)
    }
}
