package io.steward.engine.group;

import java.util.List;
import java.util.Map;

/**
 * What a {@code PUT} sets: a null field leaves the group's value as it is (or empty for a new group);
 * {@code deploymentIds} non-null replaces the membership.
 */
public record DeploymentGroupChange(String description, String visibility, String defaultBlueprintId,
                                    Map<String, Object> defaultInputs, List<String> deploymentIds) {
}
