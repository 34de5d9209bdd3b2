package io.steward.engine.deployment;

import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.BlueprintPlan;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.blueprint.InputResolver;
import io.steward.engine.blueprint.NodeTemplate;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.SystemExecutions;
import io.steward.engine.storage.EngineLengths;
import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.Caller;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import io.steward.tenancy.scope.TenantTables;
import io.steward.tenancy.scope.Visibility;
import io.steward.tenancy.store.ListQuery;
import io.steward.tenancy.store.Page;
import io.steward.tenancy.tenant.Names;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Creating, reading and deleting deployments, with their nodes and node instances. */
@Singleton
public class DeploymentService {
    private final DeploymentStore store;
    private final BlueprintService blueprints;
    private final InputResolver inputs;
    private final TenantTables tables;
    private final Clock clock;
    private final List<DeploymentGuard> guards;
    private final InstanceLimit limit;
    private final UniqueInstanceIds instanceIds;
    private final SystemExecutions systemExecutions;

    DeploymentService(DeploymentStore store, BlueprintService blueprints, InputResolver inputs, TenantTables tables,
                      Clock clock, List<DeploymentGuard> guards, InstanceLimit limit, UniqueInstanceIds instanceIds,
                      SystemExecutions systemExecutions) {
        this.store = store;
        this.blueprints = blueprints;
        this.inputs = inputs;
        this.tables = tables;
        this.clock = clock;
        this.guards = guards;
        this.limit = limit;
        this.instanceIds = instanceIds;
        this.systemExecutions = systemExecutions;
    }

    /**
     * Creates deployment {@code id} of blueprint {@code blueprintId}: inputs are checked against the blueprint (missing,
     * unknown, wrongly typed and constraint-violating inputs are refused), node properties are evaluated, and the
     * deployment, its nodes and its node instances (all {@code uninitialized}) are stored in one transaction.
     */
    public Deployment create(String id, String blueprintId, Map<String, Object> givenInputs, Visibility visibility,
                             String displayName) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_CREATE);
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Names.require("deployment_id", id);
        EngineLengths.DISPLAY_NAME.require(displayName);
        if (blueprintId == null) {
            throw new io.steward.tenancy.error.InvalidInputException("Missing blueprint_id in json request body");
        }
        Blueprint blueprint = blueprints.get(EngineLengths.BLUEPRINT_ID.require(blueprintId));
        if (!blueprint.isUploaded()) {
            throw new io.steward.tenancy.error.InvalidInputException(Problem.BLUEPRINT_NOT_UPLOADED, "Can't create "
                    + "deployment - blueprint state is " + blueprint.state() + ": " + blueprint.error());
        }
        if (store.find(id).isPresent()) {
            throw new ConflictException(Problem.ALREADY_EXISTS, "deployment with id `" + id + "` already exists");
        }
        BlueprintPlan plan = blueprints.plan(blueprint);
        limit.check(id, InstanceLimit.plannedCount(plan));
        Map<String, Object> resolved = inputs.resolveDeploymentInputs(plan.inputs(), givenInputs);
        Instant now = clock.instant();
        Map<String, Object> planMap = plan.toMap();
        Deployment deployment = new Deployment(id, caller.tenant(), visibility, caller.username(), now, now,
                blueprintId, displayName == null || displayName.isBlank() ? id : displayName, plan.description(),
                resolved, asMap(planMap.get("workflows")), asMap(planMap.get("outputs")), Deployment.INACTIVE);
        List<Node> nodes = new NodeBuilder(deployment, plan, resolved, planMap).nodes();
        instanceIds.write(() -> {
            List<InstancePlanner.PlannedInstance> planned = instanceIds.plan(List.of(),
                    ids -> new InstancePlanner(ids).plan(plan.topologicalOrder()), InstancePlanner.PlannedInstance::id);
            return tables.inOneTransaction(() -> {
                store.insert(deployment);
                nodes.forEach(store::insert);
                store.insertAll(planned.stream().map(p -> new NodeInstance(p.id(), p.nodeId(), id, caller.tenant(),
                        visibility.wire(), caller.username(), now, NodeInstance.UNINITIALIZED, Map.of(),
                        p.relationships(), p.hostId(), p.index(), 1)).toList());
                // A deployment of that id deleted earlier left its delete record; Cloudify's cascade leaves none.
                systemExecutions.deleteOfDeletedDeployment(id);
                systemExecutions.recordSucceeded(SystemExecutions.CREATE_DEPLOYMENT_ENVIRONMENT, id, blueprintId,
                        visibility, createParameters(deployment));
                return null;
            });
        }, () -> {
            // A concurrent create of the same deployment id is a conflict, not a clash of instance ids.
            if (store.deploymentIdTaken(id)) {
                throw new ConflictException(Problem.ALREADY_EXISTS, "deployment with id `" + id + "` already exists");
            }
        });
        return deployment;
    }

    /** What Cloudify's create_deployment_environment execution is given. */
    private static Map<String, Object> createParameters(Deployment deployment) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inputs", deployment.inputs());
        parameters.put("labels", List.of());
        parameters.put("display_name", deployment.displayName());
        return parameters;
    }

    /** The deployment's most recent execution, if the caller sees it. */
    public Optional<Execution> latestExecution(String deploymentId) {
        return systemExecutions.latestOfDeployment(deploymentId);
    }

    public Page<Deployment> list(ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.list(query);
    }

    public Deployment get(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.find(id).orElseThrow(() -> new NotFoundException("Deployment", id));
    }

    /** The deployment's owner and blueprint, cheaply: for starting executions on it. */
    public DeploymentRef ref(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.findRef(id).orElseThrow(() -> new NotFoundException("Deployment", id));
    }

    /**
     * The deployment's owner and its blueprint's record, in one read: what a start needs. Missing or hidden, it fails
     * as {@link #ref} and then {@link BlueprintService#withoutPlan} would, naming the one that is missing.
     */
    public DeploymentWithBlueprint refWithBlueprint(String id) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_LIST);
        var found = store.findRefWithBlueprint(id);
        if (found.isEmpty()) {
            DeploymentRef deployment = ref(id);
            return new DeploymentWithBlueprint(deployment, blueprints.withoutPlan(deployment.blueprintId()));
        }
        caller.require(Permission.BLUEPRINT_LIST);
        return found.get();
    }

    public Page<Node> nodes(ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.nodes(query);
    }

    public Page<NodeInstance> instances(ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.instances(query);
    }

    public NodeInstance instance(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.instance(id).orElseThrow(() -> new NotFoundException("NodeInstance", id));
    }

    /**
     * Deletes a deployment with its nodes, instances and executions, as Cloudify's {@code delete_deployment_environment}
     * does; that execution is recorded, terminated, in the same transaction, after the deployment's other executions
     * went with it, so a client that looks it up and waits on it finds it ended. Refused ({@code IN_USE}) while a
     * guard objects (for example active executions, even with {@code force}) or, unless {@code force}, while any node
     * instance is live.
     */
    public void delete(String id, boolean force, boolean deleteLogs, boolean recursive) {
        CallerScope.current().require(Permission.DEPLOYMENT_DELETE);
        Deployment deployment = get(id);
        guards.forEach(g -> g.checkDeletable(id));
        if (!force) {
            List<String> live = store.instancesOf(id).stream().filter(NodeInstance::isLive).map(NodeInstance::id)
                    .toList();
            if (!live.isEmpty()) {
                throw new ConflictException(Problem.IN_USE, "Can't delete deployment " + id + " - the following node"
                        + " instances are live: " + live + ". Uninstall it first, or delete with force=true");
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("delete_logs", deleteLogs);
        parameters.put("force", force);
        parameters.put("recursive", recursive);
        tables.inOneTransaction(() -> {
            store.delete(id);
            guards.forEach(g -> g.deleted(id));
            systemExecutions.recordSucceeded(SystemExecutions.DELETE_DEPLOYMENT_ENVIRONMENT, id,
                    deployment.blueprintId(), deployment.visibility(), parameters);
        });
    }

    /** Node instances of a deployment, for workflows. */
    public Map<String, NodeInstance> instancesOf(String deploymentId) {
        return store.instancesOf(deploymentId).stream()
                .collect(Collectors.toMap(NodeInstance::id, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** What a template's nodes look like once the deployment's inputs are applied. */
    private record NodeBuilder(Deployment deployment, BlueprintPlan plan, Map<String, Object> inputs,
                               Map<String, Object> planMap) {
        List<Node> nodes() {
            PropertyEvaluator evaluator = new PropertyEvaluator(plan, inputs);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> nodeMaps = ((List<Map<String, Object>>) planMap.get("nodes")).stream()
                    .collect(Collectors.toMap(m -> (String) m.get("id"), Function.identity()));
            return plan.nodeTemplates().stream().map(t -> node(t, evaluator, nodeMaps.get(t.id()))).toList();
        }

        @SuppressWarnings("unchecked")
        private Node node(NodeTemplate t, PropertyEvaluator evaluator, Map<String, Object> nodeMap) {
            int count = plannedCount(t);
            return new Node(t.id(), deployment.id(), deployment.blueprintId(), deployment.tenantName(),
                    deployment.visibility().wire(), deployment.createdBy(), deployment.createdAt(), t.type(),
                    t.typeHierarchy(), evaluator.propertiesOf(t.id()), asMap(nodeMap.get("operations")),
                    (List<Object>) nodeMap.get("relationships"), hostOf(t), count, t.defaultInstances(),
                    t.minInstances(), t.maxInstances());
        }

        private int plannedCount(NodeTemplate t) {
            return t.containedIn().flatMap(plan::nodeTemplate).map(this::plannedCount).orElse(1) * t.defaultInstances();
        }

        private String hostOf(NodeTemplate t) {
            if (t.isDerivedFrom("cloudify.nodes.Compute")) {
                return t.id();
            }
            return t.containedIn().flatMap(plan::nodeTemplate).map(this::hostOf).orElse(null);
        }
    }
}
