package io.steward.api.security;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresBearerApiTest extends AbstractBearerApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
