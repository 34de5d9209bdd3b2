package io.steward.api.cloudify;

/** Both API versions Cloudify's clients use; every route is mapped under each, to the same method. */
final class ApiPaths {
    static final String V3 = "/api/v3";
    static final String V31 = "/api/v3.1";

    private ApiPaths() {
    }
}
