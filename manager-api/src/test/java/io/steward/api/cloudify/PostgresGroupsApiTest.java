package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresGroupsApiTest extends AbstractGroupsApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
