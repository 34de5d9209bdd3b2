package io.steward.engine.blueprint;

import java.util.List;

/** Answers which deployments still use a blueprint, so one in use is not deleted. Implemented by deployments. */
public interface BlueprintUsage {
    List<String> deploymentsOf(String blueprintId);
}
