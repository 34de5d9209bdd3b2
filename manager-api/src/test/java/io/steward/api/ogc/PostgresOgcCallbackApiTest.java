package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresOgcCallbackApiTest extends AbstractOgcCallbackApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
