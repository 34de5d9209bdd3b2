package io.steward.api.cloudify;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class PostgresBlueprintLabelsApiTest extends AbstractBlueprintLabelsApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }
}
