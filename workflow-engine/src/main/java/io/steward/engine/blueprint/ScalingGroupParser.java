package io.steward.engine.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DSL's {@code groups} and {@code policies} sections: groups name their {@code members} (node templates or other
 * groups); a policy of type {@code cloudify.policies.scaling} makes each group it {@code targets} a scaling group with
 * the policy's {@code properties}. Other policy types (Cloudify's monitoring policies) need a policy engine Steward
 * does not have, so they are refused rather than ignored.
 */
final class ScalingGroupParser {
    static final String SCALING_POLICY = "cloudify.policies.scaling";
    private static final Set<String> GROUP_KEYS = Set.of("members", "policies");
    private static final Set<String> POLICY_KEYS = Set.of("type", "properties", "targets");
    /** Cloudify also lets a plan carry current/planned counts; a blueprint may write them, and they must agree. */
    private static final Set<String> PROPERTY_KEYS = Set.of("default_instances", "min_instances", "max_instances",
            "current_instances", "planned_instances");

    private ScalingGroupParser() {
    }

    /** Group name to its members, in declaration order. */
    static Map<String, List<String>> groups(Map<String, YamlValue> declared, Map<String, NodeTemplate> templates) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        declared.forEach((name, group) -> {
            YamlValue where = group.withPath("groups." + name);
            if (templates.containsKey(name)) {
                throw where.error("a group cannot have the name of a node template");
            }
            group.allowOnly(GROUP_KEYS);
            if (group.child("policies").isPresent()) {
                throw group.child("policies").get().error("group policies (policy triggers) are not supported;"
                        + " use a cloudify.policies.scaling policy under policies");
            }
            YamlValue members = group.child("members").orElseThrow(() -> where.error("members is required"));
            Set<String> names = new LinkedHashSet<>();
            for (YamlValue member : members.items()) {
                String memberName = member.string();
                if (!templates.containsKey(memberName) && !declared.containsKey(memberName)) {
                    throw member.error("member '" + memberName + "' is neither a node template nor a group");
                }
                if (memberName.equals(name) || !names.add(memberName)) {
                    throw member.error("member '" + memberName + "' is listed twice or is the group itself");
                }
            }
            if (names.isEmpty()) {
                throw members.error("a group needs at least one member");
            }
            groups.put(name, List.copyOf(names));
        });
        groups.keySet().forEach(name -> refuseCycle(name, groups, new ArrayList<>(), declared.get(name)));
        return groups;
    }

    /** Scaling groups by name, from the policies that target groups. */
    static Map<String, ScalingGroup> scalingGroups(Map<String, YamlValue> policies, Map<String, List<String>> groups,
                                                   Map<String, NodeTemplate> templates) {
        Map<String, ScalingGroup> scaling = new LinkedHashMap<>();
        policies.forEach((name, policy) -> {
            policy.allowOnly(POLICY_KEYS);
            YamlValue where = policy.withPath("policies." + name);
            String type = policy.child("type").orElseThrow(() -> where.error("type is required")).string();
            if (!type.equals(SCALING_POLICY)) {
                throw policy.child("type").get().error("policy type '" + type + "' is not supported; only "
                        + SCALING_POLICY);
            }
            Optional<YamlValue> properties = policy.child("properties");
            InstanceCounts counts = InstanceCounts.bounded(properties, policy, PROPERTY_KEYS);
            for (String planned : List.of("current_instances", "planned_instances")) {
                properties.flatMap(p -> p.child(planned)).ifPresent(v -> {
                    if (v.integer() != counts.defaultInstances()) {
                        throw v.error(planned + " must equal default_instances in a blueprint");
                    }
                });
            }
            YamlValue targets = policy.child("targets").orElseThrow(() -> where.error("targets is required"));
            if (targets.items().isEmpty()) {
                throw targets.error("a scaling policy needs at least one target group");
            }
            for (YamlValue target : targets.items()) {
                String group = target.string();
                if (!groups.containsKey(group)) {
                    throw target.error("target '" + group + "' is not a group");
                }
                if (scaling.containsKey(group)) {
                    throw target.error("group '" + group + "' is already the target of a scaling policy");
                }
                scaling.put(group, new ScalingGroup(group, groups.get(group), counts.defaultInstances(),
                        counts.minInstances(), counts.maxInstances()));
            }
        });
        refuseSharedMembers(scaling, groups, templates, policies);
        return scaling;
    }

    /**
     * The node templates with their deployment counts multiplied by the default instances of every scaling group
     * they are (directly or through nested groups) a member of, unless they are contained in another node of that
     * group (they multiply through their host then).
     */
    static Map<String, NodeTemplate> multiplied(Map<String, NodeTemplate> templates,
                                                Map<String, ScalingGroup> scaling, Map<String, List<String>> groups) {
        Map<String, NodeTemplate> result = new LinkedHashMap<>();
        templates.forEach((id, t) -> {
            long factor = 1;
            for (ScalingGroup group : scaling.values()) {
                Set<String> nodes = nodesOf(group.name(), groups, templates);
                if (nodes.contains(id) && !containedInAny(t, nodes, templates)) {
                    factor *= group.defaultInstances();
                }
            }
            long count = factor * t.defaultInstances();
            // The planned total is checked against the instance limit later; an int overflow must not wrap first.
            int bounded = (int) Math.min(count, Integer.MAX_VALUE);
            result.put(id, bounded == t.defaultInstances() ? t : new NodeTemplate(t.id(), t.type(), t.typeHierarchy(),
                    t.properties(), t.operations(), t.relationships(), bounded, t.minInstances(), t.maxInstances()));
        });
        return result;
    }

    /** The node templates a group holds, through nested groups. */
    static Set<String> nodesOf(String group, Map<String, List<String>> groups, Map<String, NodeTemplate> templates) {
        Set<String> nodes = new LinkedHashSet<>();
        for (String member : groups.getOrDefault(group, List.of())) {
            if (templates.containsKey(member)) {
                nodes.add(member);
            } else {
                nodes.addAll(nodesOf(member, groups, templates));
            }
        }
        return nodes;
    }

    private static boolean containedInAny(NodeTemplate t, Set<String> nodes, Map<String, NodeTemplate> templates) {
        Optional<String> host = t.containedIn();
        while (host.isPresent()) {
            if (nodes.contains(host.get())) {
                return true;
            }
            host = Optional.ofNullable(templates.get(host.get())).flatMap(NodeTemplate::containedIn);
        }
        return false;
    }

    /** A node may be in two scaling groups only when one group is nested in the other (Cloudify's rule). */
    private static void refuseSharedMembers(Map<String, ScalingGroup> scaling, Map<String, List<String>> groups,
                                            Map<String, NodeTemplate> templates, Map<String, YamlValue> policies) {
        List<String> names = List.copyOf(scaling.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Set<String> shared = new LinkedHashSet<>(nodesOf(names.get(i), groups, templates));
                shared.retainAll(nodesOf(names.get(j), groups, templates));
                boolean nested = contains(names.get(i), names.get(j), groups)
                        || contains(names.get(j), names.get(i), groups);
                if (!shared.isEmpty() && !nested) {
                    YamlValue where = policies.values().iterator().next();
                    throw where.withPath("policies").error("node(s) " + shared + " are in scaling groups '"
                            + names.get(i) + "' and '" + names.get(j) + "', and neither group contains the other");
                }
            }
        }
    }

    private static boolean contains(String outer, String inner, Map<String, List<String>> groups) {
        for (String member : groups.getOrDefault(outer, List.of())) {
            if (member.equals(inner) || contains(member, inner, groups)) {
                return true;
            }
        }
        return false;
    }

    private static void refuseCycle(String group, Map<String, List<String>> groups, List<String> path,
                                    YamlValue where) {
        if (path.contains(group)) {
            throw where.error("groups contain each other: " + String.join(" -> ", path) + " -> " + group);
        }
        path.add(group);
        for (String member : groups.getOrDefault(group, List.of())) {
            if (groups.containsKey(member)) {
                refuseCycle(member, groups, path, where);
            }
        }
        path.remove(path.size() - 1);
    }
}
