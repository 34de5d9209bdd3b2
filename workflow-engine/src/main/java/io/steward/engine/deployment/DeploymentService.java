package io.steward.engine.deployment;

import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.BlueprintPlan;
import io.steward.engine.blueprint.IntrinsicFunctions;
import io.steward.engine.secret.SecretService;
import io.steward.engine.site.Site;
import io.steward.engine.site.Sites;
import io.steward.engine.blueprint.BlueprintService;
import io.steward.engine.blueprint.InputResolver;
import io.steward.engine.blueprint.NodeTemplate;
import io.steward.engine.execution.Execution;
import io.steward.engine.execution.SystemExecutions;
import io.steward.engine.label.Label;
import io.steward.engine.label.LabelledKind;
import io.steward.engine.label.Labels;
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
    private final Labels labels;
    private final SecretService secrets;
    private final Sites sites;

    DeploymentService(DeploymentStore store, BlueprintService blueprints, InputResolver inputs, TenantTables tables,
                      Clock clock, List<DeploymentGuard> guards, InstanceLimit limit, UniqueInstanceIds instanceIds,
                      SystemExecutions systemExecutions, Labels labels, SecretService secrets, Sites sites) {
        this.labels = labels;
        this.sites = sites;
        this.store = store;
        this.secrets = secrets;
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
        return create(id, blueprintId, givenInputs, visibility, displayName, List.of());
    }

    /** As {@link #create(String, String, Map, Visibility, String)}, with labels (checked before anything is stored). */
    public Deployment create(String id, String blueprintId, Map<String, Object> givenInputs, Visibility visibility,
                             String displayName, List<Label.Wanted> wantedLabels) {
        return create(id, blueprintId, givenInputs, visibility, displayName, wantedLabels, null);
    }

    /**
     * As {@link #create(String, String, Map, Visibility, String, List)}, in site {@code siteName} (null: none), which
     * must be a site the caller sees, at least as wide as the deployment.
     */
    public Deployment create(String id, String blueprintId, Map<String, Object> givenInputs, Visibility visibility,
                             String displayName, List<Label.Wanted> wantedLabels, String siteName) {
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
        if (siteName != null) {
            requireSiteFor(id, visibility, siteName);
        }
        BlueprintPlan plan = blueprints.plan(blueprint);
        limit.check(id, InstanceLimit.plannedCount(plan));
        Map<String, Object> resolved = inputs.resolveDeploymentInputs(plan.inputs(), givenInputs);
        List<Label.Wanted> checkedLabels = labels.checked(LabelledKind.DEPLOYMENT, wantedLabels);
        // As Cloudify's create workflow: the plan's `labels` section, then the request's not already among them.
        List<Label.Wanted> fromPlan = new java.util.ArrayList<>();
        plan.labels().forEach((key, values) -> values.forEach(v -> fromPlan.add(new Label.Wanted(key, v))));
        List<Label.Wanted> allLabels = new java.util.ArrayList<>(labels.checked(LabelledKind.DEPLOYMENT, fromPlan));
        checkedLabels.stream().filter(l -> !allLabels.contains(l)).forEach(allLabels::add);
        Instant now = clock.instant();
        Map<String, Object> planMap = plan.toMap();
        refuseMissingSecrets(planMap);
        Deployment deployment = new Deployment(id, caller.tenant(), visibility, caller.username(), now, now,
                blueprintId, displayName == null || displayName.isBlank() ? id : displayName, plan.description(),
                resolved, asMap(planMap.get("workflows")), asMap(planMap.get("outputs")),
                asMap(planMap.get("capabilities")), Deployment.INACTIVE, siteName,
                asMap(planMap.get("scaling_groups")));
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
                labels.replace(LabelledKind.DEPLOYMENT, id, allLabels, visibility.wire());
                systemExecutions.recordSucceeded(SystemExecutions.CREATE_DEPLOYMENT_ENVIRONMENT, id, blueprintId,
                        visibility, createParameters(deployment, checkedLabels));
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
    private static Map<String, Object> createParameters(Deployment deployment, List<Label.Wanted> labels) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inputs", deployment.inputs());
        parameters.put("labels", labels.stream().map(l -> Map.of(l.key(), l.value())).toList());
        parameters.put("display_name", deployment.displayName());
        return parameters;
    }

    /**
     * Cloudify's {@code PATCH /deployments/{id}} outside a deployment update: {@code wantedLabels} (null: unchanged)
     * becomes the whole label list, {@code displayName} (null: unchanged) the new display name.
     */
    public Deployment update(String id, List<Label.Wanted> wantedLabels, String displayName) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_UPDATE);
        EngineLengths.DISPLAY_NAME.require(displayName);
        Deployment current = get(id);
        if (!current.tenantName().equals(caller.tenant())) {
            throw new io.steward.tenancy.error.AccessDeniedException(Problem.FORBIDDEN,
                    "Deployment " + id + " belongs to tenant " + current.tenantName() + " and cannot be changed");
        }
        if (displayName != null && displayName.isBlank()) {
            throw new io.steward.tenancy.error.InvalidInputException("display_name must not be empty");
        }
        List<Label.Wanted> checkedLabels = wantedLabels == null ? null
                : labels.checked(LabelledKind.DEPLOYMENT, wantedLabels);
        tables.inOneTransaction(() -> {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("updated_at", clock.instant());
            if (displayName != null) {
                changes.put("display_name", displayName);
            }
            store.update(id, changes);
            if (checkedLabels != null) {
                labels.replace(LabelledKind.DEPLOYMENT, id, checkedLabels, current.visibility().wire());
            }
        });
        return get(id);
    }

    /**
     * Cloudify's {@code set-visibility}: widens the deployment's visibility ({@code tenant} or {@code global}), with
     * its nodes, node instances and labels. Narrowing, or going wider than its blueprint, is an illegal action.
     */
    public Deployment setVisibility(String id, Visibility visibility) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_UPDATE);
        if (visibility == Visibility.PRIVATE) {
            throw new io.steward.tenancy.error.InvalidInputException("Invalid visibility: `private`. Valid"
                    + " visibility's values are: [tenant, global]");
        }
        Deployment current = get(id);
        if (!current.tenantName().equals(caller.tenant())) {
            throw new io.steward.tenancy.error.AccessDeniedException(Problem.FORBIDDEN,
                    "Deployment " + id + " belongs to tenant " + current.tenantName() + " and cannot be changed");
        }
        if (visibility == current.visibility()) {
            return current;
        }
        if (visibility.ordinal() < current.visibility().ordinal()) {
            throw new io.steward.tenancy.error.InvalidInputException(Problem.ILLEGAL_ACTION, "Can't set the"
                    + " visibility of deployment `" + id + "` to " + visibility.wire() + " because it already has"
                    + " wider visibility");
        }
        if (visibility == Visibility.GLOBAL) {
            caller.require(Permission.CREATE_GLOBAL_RESOURCE);
        }
        Blueprint blueprint = blueprints.withoutPlan(current.blueprintId());
        if (visibility.ordinal() > blueprint.visibility().ordinal()) {
            throw new io.steward.tenancy.error.InvalidInputException(Problem.ILLEGAL_ACTION, "The visibility of"
                    + " deployment `" + id + "` can't be wider than that of its blueprint `" + blueprint.id()
                    + "` (" + blueprint.visibility().wire() + ")");
        }
        tables.inOneTransaction(() -> {
            store.setVisibility(id, visibility.wire(), clock.instant());
            labels.setVisibility(LabelledKind.DEPLOYMENT, id, visibility.wire());
        });
        return get(id);
    }

    /**
     * Cloudify's {@code set-site}: puts the deployment in site {@code siteName}, or in none with {@code detach}
     * (exactly one of them). The site must be one the caller sees, at least as wide as the deployment.
     */
    public Deployment setSite(String id, String siteName, boolean detach) {
        Caller caller = CallerScope.current();
        caller.require(Permission.DEPLOYMENT_UPDATE);
        if (siteName != null) {
            Sites.requireName("site_name", siteName);
        }
        Deployment current = get(id);
        if (siteName != null) {
            requireSiteFor(id, current.visibility(), siteName);
        }
        if ((siteName != null) == detach) {
            throw new io.steward.tenancy.error.InvalidInputException("Must provide either a `site_name` of a valid"
                    + " site or `detach_site` with true value for detaching the current site of the given deployment");
        }
        if (!current.tenantName().equals(caller.tenant())) {
            throw new io.steward.tenancy.error.AccessDeniedException(Problem.FORBIDDEN,
                    "Deployment " + id + " belongs to tenant " + current.tenantName() + " and cannot be changed");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("site_name", siteName);
        changes.put("updated_at", clock.instant());
        store.update(id, changes);
        return get(id);
    }

    /** The site a deployment of that visibility may be in: 404 when the caller sees none of that name. */
    private Site requireSiteFor(String deploymentId, Visibility visibility, String siteName) {
        EngineLengths.DEPLOYMENT_SITE.require(Sites.requireName("site_name", siteName));
        Site site = sites.require(siteName);
        if (visibility.ordinal() > site.visibility().ordinal()) {
            throw new io.steward.tenancy.error.InvalidInputException(Problem.ILLEGAL_ACTION, "The visibility of"
                    + " deployment `" + deploymentId + "`: `" + visibility.wire() + "` can't be wider than the"
                    + " visibility of it's site `" + site.name() + "`: `" + site.visibility().wire() + "`");
        }
        return site;
    }

    /** Deployment id to its labels, for the given deployments the caller sees. */
    public Map<String, List<Label>> labelsOf(java.util.Collection<String> deploymentIds) {
        return labels.of(LabelledKind.DEPLOYMENT, deploymentIds);
    }

    /** The deployment's most recent execution, if the caller sees it. */
    public Optional<Execution> latestExecution(String deploymentId) {
        return systemExecutions.latestOfDeployment(deploymentId);
    }

    /**
     * Deployment id to its {@link DeploymentStatus}, for the given deployments (with their latest executions, as
     * {@link #latestExecution} gives). Children count only where the caller sees them; one label read finds all the
     * page's children, one more reads their labels.
     */
    public Map<String, DeploymentStatus> statusesOf(List<Deployment> page, Map<String, Execution> latest) {
        List<String> ids = page.stream().map(Deployment::id).toList();
        Map<String, List<String>> childrenByParent = labels.labelledWith(LabelledKind.DEPLOYMENT,
                DeploymentStatus.PARENT_LABEL, ids);
        List<String> childIds = childrenByParent.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, List<Label>> allLabels = labels.of(LabelledKind.DEPLOYMENT,
                java.util.stream.Stream.concat(ids.stream(), childIds.stream()).distinct().toList());
        Map<String, String> childStatus = new java.util.HashMap<>();
        for (String childId : childIds) {
            store.find(childId).ifPresent(child -> childStatus.put(childId, DeploymentStatus.own(
                    latestExecution(childId).map(Execution::status).orElse(null), child.installationStatus())));
        }
        Map<String, DeploymentStatus> out = new java.util.LinkedHashMap<>();
        for (Deployment d : page) {
            List<String> environments = new java.util.ArrayList<>();
            List<String> services = new java.util.ArrayList<>();
            for (String childId : childrenByParent.getOrDefault(d.id(), List.of())) {
                String status = childStatus.get(childId);
                if (status == null || childId.equals(d.id())) {
                    continue;
                }
                boolean environment = "environment".equals(typeOf(allLabels.get(childId)));
                (environment ? environments : services).add(status);
            }
            Execution last = latest.get(d.id());
            String subEnvironments = DeploymentStatus.worst(environments);
            String subServices = DeploymentStatus.worst(services);
            String own = DeploymentStatus.own(last == null ? null : last.status(), d.installationStatus());
            out.put(d.id(), new DeploymentStatus(DeploymentStatus.worst(List.of(own,
                    subEnvironments == null ? own : subEnvironments, subServices == null ? own : subServices)),
                    typeOf(allLabels.get(d.id())), environments.size(), subEnvironments, services.size(),
                    subServices));
        }
        return out;
    }

    private static String typeOf(List<Label> labels) {
        if (labels == null) {
            return "";
        }
        return labels.stream().filter(l -> l.key().equals(DeploymentStatus.TYPE_LABEL)).map(Label::value)
                .findFirst().orElse("");
    }

    public Page<Deployment> list(ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.list(query);
    }

    /**
     * The deployments matching Cloudify filter rules (checked here) and the query, with how many visible rows the
     * rules left out.
     */
    public io.steward.engine.label.Searched<Deployment> search(List<io.steward.tenancy.store.FilterRule> rules,
                                                              ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        var checked = io.steward.engine.label.Filters.checked(LabelledKind.DEPLOYMENT, rules);
        if (checked.isEmpty()) {
            return new io.steward.engine.label.Searched<>(store.list(query), null);
        }
        Page<Deployment> page = store.list(checked, query);
        long all = store.list(new ListQuery(query.filters(), query.searches(), List.of(), 0, 0, false)).total();
        return new io.steward.engine.label.Searched<>(page, all - page.total());
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

    /** The client's {@code node_instances.search(ids)}: attribute rules on a node instance's id, deployment, node or state. */
    public io.steward.engine.label.Searched<NodeInstance> searchInstances(
            List<io.steward.tenancy.store.FilterRule> rules, ListQuery query) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        for (var rule : rules) {
            if (rule.type() == io.steward.tenancy.store.FilterRule.Type.LABEL) {
                throw new io.steward.tenancy.error.InvalidInputException(Problem.INVALID_FILTER_RULE,
                        "filter_rules: node instances have no labels, so label rules do not apply to them");
            }
            io.steward.tenancy.store.FilterRules.check(rule, java.util.Set.of("id", "deployment_id", "node_id",
                    "state"));
        }
        if (rules.isEmpty()) {
            return new io.steward.engine.label.Searched<>(store.instances(query), null);
        }
        Page<NodeInstance> page = store.instances(rules, query);
        long all = store.instances(new ListQuery(query.filters(), query.searches(), List.of(), 0, 0, false)).total();
        return new io.steward.engine.label.Searched<>(page, all - page.total());
    }

    public NodeInstance instance(String id) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.instance(id).orElseThrow(() -> new NotFoundException("NodeInstance", id));
    }

    /**
     * Cloudify's {@code PATCH /node-instances/{id}}: replaces the instance's runtime properties and/or state. Refused
     * as a conflict when the stored version is newer than {@code sentVersion} (unless {@code force}); the stored
     * version then grows by one if anything changed. The sent version is never stored.
     *
     * @param runtimeProperties the whole new dict, or null to keep it
     * @param state             any text, or null to keep it
     */
    public NodeInstance updateInstance(String id, int sentVersion, Map<String, Object> runtimeProperties,
                                       String state, boolean force) {
        Caller caller = CallerScope.current();
        caller.require(Permission.NODE_INSTANCE_UPDATE);
        EngineLengths.INSTANCE_STATE.require(state);
        NodeInstance current = instance(id);
        if (!current.tenantName().equals(caller.tenant())) {
            throw new io.steward.tenancy.error.AccessDeniedException(Problem.FORBIDDEN,
                    "Node instance " + id + " belongs to tenant " + current.tenantName() + " and cannot be changed");
        }
        if (!force && current.version() > sentVersion) {
            throw new ConflictException(Problem.CONFLICT, "Node instance update conflict [current version="
                    + current.version() + ", update version=" + sentVersion + "]");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (runtimeProperties != null && !runtimeProperties.equals(current.runtimeProperties())) {
            changes.put("runtime_properties", runtimeProperties);
        }
        if (state != null && !state.equals(current.state())) {
            changes.put("state", state);
        }
        if (!changes.isEmpty() && !store.updateInstance(id, current.version(), changes)) {
            // Another write came between the read and this one: its caller saw a version this one did not.
            throw new ConflictException(Problem.CONFLICT, "Node instance update conflict [node instance " + id
                    + " changed while it was being updated]");
        }
        return instance(id);
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
            labels.deleteAll(LabelledKind.DEPLOYMENT, id);
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

    /** Cloudify's plan check: every secret the blueprint names by a plain name must exist when deploying. */
    private void refuseMissingSecrets(Map<String, Object> planMap) {
        List<String> missing = secrets.missing(IntrinsicFunctions.secretNames(planMap));
        if (!missing.isEmpty()) {
            throw new io.steward.tenancy.error.InvalidInputException(Problem.DEPLOYMENT_SECRETS_MISSING,
                    "Required secrets: [" + String.join(", ", missing) + "] don't exist in this tenant");
        }
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
