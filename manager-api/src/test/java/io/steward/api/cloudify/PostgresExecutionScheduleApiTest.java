package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresExecutionScheduleApiTest extends AbstractExecutionScheduleApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
