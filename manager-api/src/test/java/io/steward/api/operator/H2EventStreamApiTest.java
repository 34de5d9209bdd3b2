package io.steward.api.operator;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2EventStreamApiTest extends AbstractEventStreamApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
