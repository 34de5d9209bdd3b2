package io.steward.engine.runner;

import io.steward.engine.execution.Execution;
import jakarta.inject.Singleton;

/**
 * Points inside the engine where a test can hold it, to play a race out in one exact order instead of hoping for it.
 * A server's probe does nothing; tests replace the bean.
 */
@Singleton
public class EngineProbe {

    /** An execution's claim has committed; the engine has not yet registered or started its run. */
    public void claimed(Execution execution) {
    }

    /** An execution's task graph has ended (its outcome is known) and its end is not yet recorded. */
    public void ending(Execution execution) {
    }
}
