package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2OgcDeployApiTest extends AbstractOgcDeployApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
