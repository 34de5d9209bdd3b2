package io.steward.engine.deployment;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.TenantTables;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes how many instances a node has, for the {@code scale} workflow. Growing adds {@code delta} instances per
 * host instance (a node contained in another scales within each of its hosts), each with the default number of
 * instances of the nodes contained in it; shrinking picks the newest instances (or the ones named) together with
 * what they contain. New instances start {@code uninitialized}; the workflow installs them.
 */
@Singleton
public class Scaling {
    private static final String CONTAINED_IN = "cloudify.relationships.contained_in";
    private static final String COMPUTE = "cloudify.nodes.Compute";

    private final DeploymentStore store;
    private final TenantTables tables;
    private final Clock clock;
    private final InstanceLimit limit;
    private final UniqueInstanceIds instanceIds;

    Scaling(DeploymentStore store, TenantTables tables, Clock clock, InstanceLimit limit,
            UniqueInstanceIds instanceIds) {
        this.store = store;
        this.limit = limit;
        this.instanceIds = instanceIds;
        this.tables = tables;
        this.clock = clock;
    }

    /**
     * Refuses, before anything is planned, a growth of {@code nodeId} (or of each root node of the scaling group of
     * that name) by {@code delta} that would take the deployment over the {@link InstanceLimit}. An unknown node
     * passes here: the scale itself refuses it.
     */
    public void checkGrowth(String deploymentId, String nodeId, long delta) {
        Map<String, Node> nodes = nodesOf(deploymentId);
        Map<String, Object> group = scalingGroups(deploymentId).get(nodeId) instanceof Map<?, ?> found
                ? cast(found) : null;
        if (group != null && delta > 0) {
            long existing = store.countInstances(deploymentId, null);
            long added = 0;
            for (Node root : roots(groupNodes(group, scalingGroups(deploymentId), nodes), nodes)) {
                String parentNode = containerOf(root);
                long hosts = parentNode == null ? 1 : store.countInstances(deploymentId, parentNode);
                added = InstanceLimit.plus(added, InstanceLimit.times(InstanceLimit.times(hosts, delta),
                        withContained(root, nodes)));
            }
            limit.check(deploymentId, InstanceLimit.plus(existing, added));
            return;
        }
        Node node = nodes.get(nodeId);
        if (node != null && delta > 0) {
            String parentNode = containerOf(node);
            long hosts = parentNode == null ? 1 : store.countInstances(deploymentId, parentNode);
            checkLimit(deploymentId, nodes, node, store.countInstances(deploymentId, null), hosts, delta);
        }
    }

    /** Whether {@code name} is one of the deployment's scaling groups (rather than a node). */
    public boolean isScalingGroup(String deploymentId, String name) {
        return scalingGroups(deploymentId).containsKey(name);
    }

    /**
     * Adds {@code delta} copies of scaling group {@code name}: each of its root nodes (members not contained in
     * another member) grows by {@code delta} per host, with what they contain. Refused beyond the group's bounds.
     */
    public List<NodeInstance> growGroup(String deploymentId, String name, int delta) {
        Map<String, Node> nodes = nodesOf(deploymentId);
        Map<String, Object> groups = scalingGroups(deploymentId);
        Map<String, Object> group = cast(groups.get(name));
        int planned = checkGroupBounds(name, group, delta);
        List<NodeInstance> created = new ArrayList<>();
        for (Node root : roots(groupNodes(group, groups, nodes), nodes)) {
            created.addAll(grow(deploymentId, root.id(), delta));
        }
        recordGroupCount(deploymentId, groups, name, planned);
        return created;
    }

    /** The instances removing {@code count} copies of scaling group {@code name} uninstalls, newest first. */
    public List<NodeInstance> shrinkGroupCandidates(String deploymentId, String name, int count, List<String> include,
                                                    List<String> exclude) {
        Map<String, Node> nodes = nodesOf(deploymentId);
        Map<String, Object> groups = scalingGroups(deploymentId);
        Map<String, Object> group = cast(groups.get(name));
        int planned = checkGroupBounds(name, group, -count);
        List<NodeInstance> doomed = new ArrayList<>();
        for (Node root : roots(groupNodes(group, groups, nodes), nodes)) {
            String parentNode = containerOf(root);
            long hosts = parentNode == null ? 1 : store.countInstances(deploymentId, parentNode);
            doomed.addAll(shrinkCandidates(deploymentId, root.id(), (int) (count * hosts), include, exclude));
        }
        recordGroupCount(deploymentId, groups, name, planned);
        return doomed;
    }

    private Map<String, Object> scalingGroups(String deploymentId) {
        return store.find(deploymentId).map(Deployment::scalingGroups).orElse(Map.of());
    }

    /** The group's count after {@code delta}, refused outside {@code [min_instances, max_instances]}. */
    private static int checkGroupBounds(String name, Map<String, Object> group, int delta) {
        Map<String, Object> properties = cast(group.get("properties"));
        int current = ((Number) properties.get("current_instances")).intValue();
        int min = ((Number) properties.get("min_instances")).intValue();
        int max = ((Number) properties.get("max_instances")).intValue();
        long wanted = (long) current + delta;
        if (wanted < min || (max >= 0 && wanted > max)) {
            throw new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS, "Provided delta: " + delta
                    + " is illegal. current number of instances of entity " + name + " is " + current
                    + ", and its bounds are [" + min + ", " + (max < 0 ? "UNBOUNDED" : max) + "]");
        }
        return (int) wanted;
    }

    private void recordGroupCount(String deploymentId, Map<String, Object> groups, String name, int count) {
        Map<String, Object> changed = new LinkedHashMap<>(groups);
        Map<String, Object> group = new LinkedHashMap<>(cast(groups.get(name)));
        Map<String, Object> properties = new LinkedHashMap<>(cast(group.get("properties")));
        properties.put("current_instances", count);
        properties.put("planned_instances", count);
        group.put("properties", properties);
        changed.put(name, group);
        store.updateScalingGroups(deploymentId, changed);
    }

    /** The deployment's nodes a group holds: its node members, and those of the scaling groups among its members. */
    private static List<Node> groupNodes(Map<String, Object> group, Map<String, Object> groups,
                                         Map<String, Node> nodes) {
        List<Node> found = new ArrayList<>();
        for (Object member : (List<?>) group.get("members")) {
            Node node = nodes.get(String.valueOf(member));
            if (node != null) {
                found.add(node);
            } else if (groups.get(String.valueOf(member)) instanceof Map<?, ?> nested) {
                groupNodes(cast(nested), groups, nodes).forEach(n -> {
                    if (!found.contains(n)) {
                        found.add(n);
                    }
                });
            }
        }
        return found;
    }

    /** The members not contained (at any depth) in another member: they carry the others along. */
    private static List<Node> roots(List<Node> members, Map<String, Node> nodes) {
        List<String> ids = members.stream().map(Node::id).toList();
        return members.stream().filter(m -> {
            String host = containerOf(m);
            while (host != null) {
                if (ids.contains(host)) {
                    return false;
                }
                Node hostNode = nodes.get(host);
                host = hostNode == null ? null : containerOf(hostNode);
            }
            return true;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    /** Adds instances of {@code nodeId}; returns the new instances (and those of contained nodes), hosts first. */
    public List<NodeInstance> grow(String deploymentId, String nodeId, int delta) {
        Map<String, Node> nodes = nodesOf(deploymentId);
        Node node = requireNode(nodes, nodeId);
        List<NodeInstance> existing = store.instancesOf(deploymentId);
        String parentNode = containerOf(node);
        List<NodeInstance> parents = parentNode == null ? nullParent()
                : existing.stream().filter(i -> i.nodeId().equals(parentNode)).toList();
        checkBounds(node, count(existing, nodeId) + delta * parents.size());
        checkLimit(deploymentId, nodes, node, existing.size(), parentNode == null ? 1 : parents.size(), delta);
        List<String> existingIds = existing.stream().map(NodeInstance::id).toList();
        return instanceIds.write(() -> {
            List<NodeInstance> created = instanceIds.plan(existingIds, ids -> {
                List<NodeInstance> planned = new ArrayList<>();
                for (NodeInstance parent : parents) {
                    for (int i = 0; i < delta; i++) {
                        create(node, parent, nodes, existing, planned, ids,
                                (int) count(existing, nodeId) + planned.size());
                    }
                }
                return planned;
            }, NodeInstance::id);
            tables.inOneTransaction(() -> {
                store.insertAll(created);
                nodes.keySet().forEach(id -> store.updateNodeCount(deploymentId, id,
                        (int) (count(existing, id) + created.stream().filter(n -> n.nodeId().equals(id)).count())));
                return null;
            });
            return created;
        }, () -> {
        });
    }

    /** The instances a shrink by {@code count} removes: the named ones, else the newest, with what they contain. */
    public List<NodeInstance> shrinkCandidates(String deploymentId, String nodeId, int count, List<String> include,
                                               List<String> exclude) {
        Map<String, Node> nodes = nodesOf(deploymentId);
        Node node = requireNode(nodes, nodeId);
        List<NodeInstance> all = store.instancesOf(deploymentId);
        List<NodeInstance> ofNode = all.stream().filter(i -> i.nodeId().equals(nodeId))
                .filter(i -> !exclude.contains(i.id()))
                .sorted(Comparator.comparing((NodeInstance i) -> !include.contains(i.id()))
                        .thenComparing(NodeInstance::createdAt, Comparator.reverseOrder())
                        .thenComparing(NodeInstance::index, Comparator.reverseOrder()))
                .limit(count).toList();
        if (ofNode.size() < count) {
            throw new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS, "Cannot remove " + count
                    + " instances of `" + nodeId + "` beyond its bounds: only " + ofNode.size() + " can go");
        }
        checkBounds(node, count(all, nodeId) - ofNode.size());
        List<NodeInstance> doomed = new ArrayList<>();
        ofNode.forEach(i -> withContained(i, all, doomed));
        return doomed;
    }

    /** Removes a node instance that was uninstalled, and counts it out of its node. */
    public void remove(String deploymentId, String instanceId) {
        NodeInstance instance = store.instance(instanceId).orElse(null);
        if (instance == null) {
            return;
        }
        tables.inOneTransaction(() -> {
            store.deleteInstance(instanceId);
            long left = store.instancesOf(deploymentId).stream().filter(i -> i.nodeId().equals(instance.nodeId()))
                    .count();
            store.updateNodeCount(deploymentId, instance.nodeId(), (int) left);
        });
    }

    private void create(Node node, NodeInstance parent, Map<String, Node> nodes, List<NodeInstance> existing,
                        List<NodeInstance> created, InstanceIds ids, int index) {
        String id = ids.next(node.id());
        String hostId = node.typeHierarchy().contains(COMPUTE) ? id : parent == null ? null : parent.hostId();
        NodeInstance instance = new NodeInstance(id, node.id(), node.deploymentId(), node.tenantName(),
                node.visibility(), node.createdBy(), clock.instant(), NodeInstance.UNINITIALIZED, Map.of(),
                links(node, parent, existing, created), hostId, index, 1);
        created.add(instance);
        for (Node child : nodes.values()) {
            if (node.id().equals(containerOf(child))) {
                for (int i = 0; i < child.deployNumberOfInstances(); i++) {
                    create(child, instance, nodes, existing, created, ids, (int) count(existing, child.id()) + i);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> links(Node node, NodeInstance parent, List<NodeInstance> existing,
                                                   List<NodeInstance> created) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (Object raw : node.relationships()) {
            Map<String, Object> relationship = (Map<String, Object>) raw;
            String target = (String) relationship.get("target_id");
            boolean contained = ((List<String>) relationship.getOrDefault("type_hierarchy", List.of()))
                    .contains(CONTAINED_IN);
            List<NodeInstance> targets = contained && parent != null ? List.of(parent)
                    : existing.stream().filter(i -> i.nodeId().equals(target)).toList();
            for (NodeInstance t : targets) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("target_id", t.id());
                link.put("target_name", target);
                link.put("type", relationship.get("type"));
                links.add(link);
            }
        }
        return links;
    }

    @SuppressWarnings("unchecked")
    static String containerOf(Node node) {
        return node.relationships().stream().map(r -> (Map<String, Object>) r)
                .filter(r -> ((List<String>) r.getOrDefault("type_hierarchy", List.of())).contains(CONTAINED_IN))
                .map(r -> (String) r.get("target_id")).findFirst().orElse(null);
    }

    private static void withContained(NodeInstance instance, List<NodeInstance> all, List<NodeInstance> out) {
        for (NodeInstance other : all) {
            boolean inside = other.relationships().stream().anyMatch(l -> instance.id().equals(l.get("target_id"))
                    && CONTAINED_IN.equals(l.get("type")));
            if (inside) {
                withContained(other, all, out);
            }
        }
        out.add(instance);
    }

    private Map<String, Node> nodesOf(String deploymentId) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        store.nodesOf(deploymentId).forEach(n -> nodes.put(n.id(), n));
        return nodes;
    }

    private static Node requireNode(Map<String, Node> nodes, String nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null) {
            throw new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS,
                    "No node named `" + nodeId + "` to scale in this deployment");
        }
        return node;
    }

    private static void checkBounds(Node node, long wanted) {
        boolean tooMany = node.maxNumberOfInstances() >= 0 && wanted > node.maxNumberOfInstances();
        if (wanted < node.minNumberOfInstances() || tooMany) {
            throw new InvalidInputException(Problem.ILLEGAL_WORKFLOW_PARAMETERS, "Scaling `" + node.id() + "` to "
                    + wanted + " instances leaves its bounds [" + node.minNumberOfInstances() + ", "
                    + (node.maxNumberOfInstances() < 0 ? "unbounded" : node.maxNumberOfInstances()) + "]");
        }
    }

    /** {@code hosts} instances of the node's host each get {@code delta} more, with what they contain. */
    private void checkLimit(String deploymentId, Map<String, Node> nodes, Node node, long existing, long hosts,
                            long delta) {
        long added = InstanceLimit.times(InstanceLimit.times(hosts, delta), withContained(node, nodes));
        limit.check(deploymentId, InstanceLimit.plus(existing, added));
    }

    /** One instance of {@code node} and what its default contents add, recursively. */
    private static long withContained(Node node, Map<String, Node> nodes) {
        long total = 1;
        for (Node child : nodes.values()) {
            if (node.id().equals(containerOf(child))) {
                total = InstanceLimit.plus(total, InstanceLimit.times(child.deployNumberOfInstances(),
                        withContained(child, nodes)));
            }
        }
        return total;
    }

    private static long count(List<NodeInstance> instances, String nodeId) {
        return instances.stream().filter(i -> i.nodeId().equals(nodeId)).count();
    }

    private static List<NodeInstance> nullParent() {
        List<NodeInstance> none = new ArrayList<>();
        none.add(null);
        return none;
    }
}
