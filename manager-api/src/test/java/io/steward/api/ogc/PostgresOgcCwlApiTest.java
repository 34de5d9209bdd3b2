package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresOgcCwlApiTest extends AbstractOgcCwlApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
