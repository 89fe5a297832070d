#ifndef FLOTILLA_CCURL_SHIM_H
#define FLOTILLA_CCURL_SHIM_H

// Swift cannot call C variadic functions such as curl_easy_setopt. These typed inline
// wrappers give each argument kind its own entry point, so every call site is type-checked.
#include <curl/curl.h>

static inline CURLcode flotilla_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode flotilla_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode flotilla_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode flotilla_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode flotilla_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*flotilla_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode flotilla_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                          flotilla_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode flotilla_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode flotilla_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode flotilla_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

// CURLVERSION_NOW is a macro naming an enum constant, which Swift does not import.
static inline curl_version_info_data *flotilla_curl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}

// `struct curl_blob` options (CURLOPT_CAINFO_BLOB, CURLOPT_SSLCERT_BLOB, CURLOPT_SSLKEY_BLOB).
// CURL_BLOB_COPY makes libcurl keep its own copy, so the caller's bytes need only live for the
// duration of this call.
static inline CURLcode flotilla_easy_setopt_blob_copy(CURL *handle, CURLoption option,
                                                      const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

static inline CURLcode flotilla_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

// CURLMsg keeps its result in a union; reading it here keeps the union out of Swift.
static inline CURLcode flotilla_multi_message_result(const CURLMsg *message) {
    return message->data.result;
}

// CURL_ERROR_SIZE is a macro that Swift imports, but keeping the buffer size next to the
// option it belongs to documents the contract.
static inline size_t flotilla_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

#endif
