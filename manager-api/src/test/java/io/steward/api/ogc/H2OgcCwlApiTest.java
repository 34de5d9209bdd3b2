package io.steward.api.ogc;

import io.steward.api.support.TestDatabase;

import java.util.Map;

class H2OgcCwlApiTest extends AbstractOgcCwlApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }
}
