package io.steward.api.support;

import java.util.Map;

/** An API test whose server reads time from a {@link SettableClock} the test moves, instead of waiting. */
public abstract class SettableClockApiTestBase extends ApiTestBase {

    @Override
    protected Map<String, Object> serverProperties() {
        return SettableClock.ENABLE;
    }

    protected SettableClock clock() {
        return server.context().getBean(SettableClock.class);
    }
}
