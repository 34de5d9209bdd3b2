package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2DeploymentLabelsApiTest extends AbstractDeploymentLabelsApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
