package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresAuthApiTest extends AbstractAuthApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
