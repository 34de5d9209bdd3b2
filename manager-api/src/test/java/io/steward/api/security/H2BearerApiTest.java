package io.steward.api.security;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2BearerApiTest extends AbstractBearerApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
