package io.steward.engine.blueprint;

import java.util.Optional;
import java.util.Set;

/**
 * How many instances a node template gets, from {@code capabilities.scalable.properties} (DSL 1.3 and later) or the
 * older {@code instances.deploy}. Writing both is refused because it is unclear which one the author meant.
 */
record InstanceCounts(int defaultInstances, int minInstances, int maxInstances) {
    private static final Set<String> SCALABLE_KEYS = Set.of("default_instances", "min_instances", "max_instances");

    static InstanceCounts of(YamlValue template) {
        Optional<YamlValue> instances = template.child("instances");
        Optional<YamlValue> capabilities = template.child("capabilities");
        if (instances.isPresent() && capabilities.isPresent()) {
            throw capabilities.get().error("write either instances.deploy or capabilities.scalable, not both");
        }
        if (instances.isPresent()) {
            instances.get().allowOnly(Set.of("deploy"));
            int deploy = instances.get().child("deploy").map(InstanceCounts::count).orElse(1);
            return new InstanceCounts(deploy, 0, NodeTemplate.UNBOUNDED);
        }
        return capabilities.map(InstanceCounts::scalable).orElse(new InstanceCounts(1, 0, NodeTemplate.UNBOUNDED));
    }

    private static InstanceCounts scalable(YamlValue capabilities) {
        capabilities.allowOnly(Set.of("scalable"));
        Optional<YamlValue> scalable = capabilities.child("scalable");
        if (scalable.isEmpty()) {
            return new InstanceCounts(1, 0, NodeTemplate.UNBOUNDED);
        }
        scalable.get().allowOnly(Set.of("properties"));
        return bounded(scalable.get().child("properties"), scalable.get(), SCALABLE_KEYS);
    }

    /**
     * The counts of a scaling policy's {@code properties} (or a node's {@code capabilities.scalable.properties}):
     * {@code keys} allowed, defaults 1, 0 and unbounded, checked to be in order.
     */
    static InstanceCounts bounded(Optional<YamlValue> properties, YamlValue owner, Set<String> keys) {
        properties.ifPresent(p -> p.allowOnly(keys));
        int defaults = properties.flatMap(p -> p.child("default_instances")).map(InstanceCounts::count).orElse(1);
        int min = properties.flatMap(p -> p.child("min_instances")).map(InstanceCounts::count).orElse(0);
        Optional<YamlValue> maxValue = properties.flatMap(p -> p.child("max_instances"));
        int max = maxValue.map(InstanceCounts::maximum).orElse(NodeTemplate.UNBOUNDED);
        YamlValue where = properties.orElse(owner);
        if (min > defaults) {
            throw where.error("min_instances " + min + " is above default_instances " + defaults);
        }
        if (max != NodeTemplate.UNBOUNDED && defaults > max) {
            throw where.error("default_instances " + defaults + " is above max_instances " + max);
        }
        return new InstanceCounts(defaults, min, max);
    }

    private static int count(YamlValue value) {
        int number = value.integer();
        if (number < 0) {
            throw value.error("must not be negative");
        }
        return number;
    }

    private static int maximum(YamlValue value) {
        if (value.plain() instanceof String text && text.equals("UNBOUNDED")) {
            return NodeTemplate.UNBOUNDED;
        }
        int number = value.integer();
        if (number < NodeTemplate.UNBOUNDED) {
            throw value.error("must be -1 or UNBOUNDED (no limit), or not negative");
        }
        return number;
    }
}
