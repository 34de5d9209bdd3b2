package io.steward.engine.blueprint;

import java.util.List;

/**
 * A group of node templates that a {@code cloudify.policies.scaling} policy scales together: {@code members} (node
 * templates or other groups) get {@code defaultInstances} copies at deployment, and the {@code scale} workflow adds
 * or removes whole copies within {@code [minInstances, maxInstances]} ({@link NodeTemplate#UNBOUNDED}: no limit).
 */
public record ScalingGroup(String name, List<String> members, int defaultInstances, int minInstances,
                           int maxInstances) {
    public ScalingGroup {
        members = List.copyOf(members);
    }
}
