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

#endif
