package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresOgcJobListApiTest extends AbstractOgcJobListApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
