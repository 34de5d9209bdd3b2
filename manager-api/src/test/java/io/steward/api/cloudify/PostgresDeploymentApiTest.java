package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresDeploymentApiTest extends AbstractDeploymentApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
