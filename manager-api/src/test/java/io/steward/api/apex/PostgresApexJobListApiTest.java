package io.steward.api.apex;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresApexJobListApiTest extends AbstractApexJobListApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
