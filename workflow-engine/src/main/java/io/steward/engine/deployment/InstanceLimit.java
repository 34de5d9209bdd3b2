package io.steward.engine.deployment;

import io.micronaut.context.annotation.Value;
import io.steward.engine.blueprint.BlueprintPlan;
import io.steward.engine.blueprint.NodeTemplate;
import io.steward.tenancy.error.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The most node instances one deployment may have ({@value #SETTING}): every instance is planned, written and walked
 * by each workflow, so one request must not be able to ask for hundreds of thousands of them. Checked before anything
 * is planned or written, on create and on scale.
 */
@Singleton
public class InstanceLimit {
    public static final String SETTING = "steward.deployments.max-node-instances";

    private final long max;

    InstanceLimit(@Value("${" + SETTING + ":10000}") long max) {
        this.max = max;
    }

    /** Refuses a deployment (or a scale of one) that would end with {@code count} instances, over the limit. */
    void check(String deploymentId, long count) {
        if (count > max) {
            throw new InvalidInputException("Deployment `" + deploymentId + "` would have " + count
                    + " node instances, over the limit of " + max + " per deployment (setting " + SETTING + ")");
        }
    }

    /**
     * How many instances the plan makes: a node's own count, times its host's when it is contained in one. Counts
     * saturate at {@link Long#MAX_VALUE} so that deeply nested large counts cannot wrap around below the limit.
     */
    static long plannedCount(BlueprintPlan plan) {
        Map<String, Long> perNode = new HashMap<>();
        long total = 0;
        for (NodeTemplate template : plan.topologicalOrder()) {
            long hosts = template.containedIn().map(perNode::get).orElse(1L);
            long count = times(hosts, template.defaultInstances());
            perNode.put(template.id(), count);
            total = plus(total, count);
        }
        return total;
    }

    static long times(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
