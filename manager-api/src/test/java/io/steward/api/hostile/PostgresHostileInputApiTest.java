package io.steward.api.hostile;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresHostileInputApiTest extends AbstractHostileInputApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
