package io.steward.engine.deployment;

import io.steward.engine.blueprint.NodeTemplate;
import io.steward.engine.blueprint.Relationship;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which node instances a deployment gets, as Cloudify does: a node contained in another gets its count of
 * instances <em>per host instance</em>; other relationships connect each source instance to every instance of the
 * target. Ids are {@code <node>_<6 random [a-z0-9]>}.
 */
final class InstancePlanner {
    private static final String COMPUTE = "cloudify.nodes.Compute";

    private final InstanceIds ids;

    InstancePlanner(InstanceIds ids) {
        this.ids = ids;
    }

    /** A planned instance: which node, its host, its index among the node's instances, and its relationships. */
    record PlannedInstance(String id, String nodeId, String hostId, int index,
                           List<Map<String, Object>> relationships) {
    }

    /** Plans instances for templates given in dependency order (every relationship target before its source). */
    List<PlannedInstance> plan(List<NodeTemplate> orderedTemplates) {
        Map<String, List<PlannedInstance>> byNode = new LinkedHashMap<>();
        for (NodeTemplate template : orderedTemplates) {
            byNode.put(template.id(), instancesOf(template, byNode));
        }
        return byNode.values().stream().flatMap(List::stream).toList();
    }

    private List<PlannedInstance> instancesOf(NodeTemplate template, Map<String, List<PlannedInstance>> planned) {
        List<PlannedInstance> parents = template.containedIn().map(planned::get).orElse(null);
        List<PlannedInstance> result = new ArrayList<>();
        int index = 0;
        for (PlannedInstance parent : parents == null ? singleNullParent() : parents) {
            for (int i = 0; i < template.defaultInstances(); i++) {
                String id = ids.next(template.id());
                String hostId = template.isDerivedFrom(COMPUTE) ? id : parent == null ? null : parent.hostId();
                result.add(new PlannedInstance(id, template.id(), hostId, index++,
                        relationshipsOf(template, parent, planned)));
            }
        }
        return result;
    }

    private static List<PlannedInstance> singleNullParent() {
        List<PlannedInstance> none = new ArrayList<>();
        none.add(null);
        return none;
    }

    private static List<Map<String, Object>> relationshipsOf(NodeTemplate template, PlannedInstance parent,
                                                             Map<String, List<PlannedInstance>> planned) {
        List<Map<String, Object>> relationships = new ArrayList<>();
        for (Relationship relationship : template.relationships()) {
            List<PlannedInstance> targets = relationship.isContainedIn() && parent != null
                    ? List.of(parent) : planned.getOrDefault(relationship.targetId(), List.of());
            for (PlannedInstance target : targets) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("target_id", target.id());
                link.put("target_name", relationship.targetId());
                link.put("type", relationship.type());
                relationships.add(link);
            }
        }
        return relationships;
    }
}
