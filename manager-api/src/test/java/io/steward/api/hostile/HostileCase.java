package io.steward.api.hostile;

/**
 * One hostile request and the exact answer it must get. {@code route} is the served route it aims at ("GET
 * /api/v3.1/executions/{id}"), so a test can check that every route of the server has cases. {@code headers}
 * replace the caller's (a hostile {@code Tenant}); a {@code path} that is not a valid URI is sent as raw bytes.
 */
record HostileCase(String route, String name, Caller caller, String method, String path, String contentType,
                   byte[] body, java.util.Map<String, String> headers, Expected expected) {

    /** Who sends the request: a manager of the fixture's tenant, or the system administrator. */
    enum Caller { MANAGER, ADMIN }

    /**
     * The answer: the status, and the error code (Cloudify's {@code error_code}, or the OGC exception {@code type}
     * URI); {@code mentions} is a text the error message must contain (the field a refusal names); {@code empty}
     * asks a 200 list answer to hold no items (an injection in a filter value matches nothing).
     */
    record Expected(int status, String code, String mentions, boolean empty) {
        static Expected error(int status, String code) {
            return new Expected(status, code, null, false);
        }

        static Expected emptyList() {
            return new Expected(200, null, null, true);
        }

        static Expected ok() {
            return new Expected(200, null, null, false);
        }

        Expected mentioning(String text) {
            return new Expected(status, code, text, empty);
        }

        @Override
        public String toString() {
            return status + (code == null ? "" : " " + code.substring(code.lastIndexOf('/') + 1))
                    + (mentions == null ? "" : " naming " + abbreviate(mentions));
        }

        private static String abbreviate(String text) {
            return text.length() > 20 ? text.substring(0, 20) + "…" : text;
        }
    }

    @Override
    public String toString() {
        return method + " " + name + " → " + expected;
    }
}
