package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2MaintenanceApiTest extends AbstractMaintenanceApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
