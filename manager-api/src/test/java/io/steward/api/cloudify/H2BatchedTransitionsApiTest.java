package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2BatchedTransitionsApiTest extends AbstractBatchedTransitionsApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
