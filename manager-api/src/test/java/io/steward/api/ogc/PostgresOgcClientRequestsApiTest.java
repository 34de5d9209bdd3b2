package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresOgcClientRequestsApiTest extends AbstractOgcClientRequestsApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
