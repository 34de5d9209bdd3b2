package io.steward.engine.deployment;

import io.micronaut.json.JsonMapper;
import io.steward.engine.blueprint.FunctionContext;
import io.steward.engine.blueprint.IntrinsicFunctions;
import io.steward.engine.label.Label;
import io.steward.engine.label.LabelledKind;
import io.steward.engine.label.Labels;
import io.steward.engine.secret.SecretService;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates a deployment's outputs and capabilities, or any payload, at run time as Cloudify's dsl_parser does:
 * {@code get_input} from the deployment's inputs, {@code get_property} from its nodes' evaluated properties,
 * {@code get_attribute} from the one instance of the named node (its runtime properties, then
 * {@code node_instance_id}/{@code node_instance_index}, then the node's properties), {@code concat}, nested.
 * Outputs and capabilities also evaluate {@code get_secret} (a hidden value only for who may read it; an output that
 * is directly a call naming a missing secret is left out, as Cloudify does), {@code get_sys}, {@code get_label},
 * {@code get_capability} and {@code get_environment_capability} (another visible deployment's capabilities; the
 * environment is the deployment named by label {@code csys-obj-parent}), {@code get_attributes_list|dict}.
 */
@Singleton
public class DeploymentFunctions {
    /** How deep capabilities of other deployments may refer on (a cycle ends here too). */
    static final int MAX_CAPABILITY_DEPTH = 8;
    private static final String PARENT_LABEL = "csys-obj-parent";

    private final DeploymentStore store;
    private final SecretService secrets;
    private final Labels labels;
    private final JsonMapper json;

    DeploymentFunctions(DeploymentStore store, SecretService secrets, Labels labels, JsonMapper json) {
        this.store = store;
        this.secrets = secrets;
        this.labels = labels;
        this.json = json;
    }

    /**
     * Output name to its value. An attribute of a node with no instance or several becomes the text
     * {@code <ERROR: …>} in that output instead of failing the others; other errors fail the whole read.
     */
    public Map<String, Object> outputs(String deploymentId) {
        Deployment deployment = readable(deploymentId);
        return evaluateDefinitions(deployment, deployment.outputs(), true, Problem.OUTPUTS_EVALUATION_FAILED, 0);
    }

    /** Capability name to its value; any evaluation error fails the read. */
    public Map<String, Object> capabilities(String deploymentId) {
        Deployment deployment = readable(deploymentId);
        return evaluateDefinitions(deployment, deployment.capabilities(), false,
                Problem.CAPABILITIES_EVALUATION_FAILED, 0);
    }

    /**
     * {@code payload} with its function calls evaluated against the deployment. {@code self}, {@code source} and
     * {@code target} in {@code context} name node instances that {@code SELF}, {@code SOURCE} and {@code TARGET}
     * stand for.
     */
    public Object evaluate(String deploymentId, Map<String, Object> context, Object payload) {
        Deployment deployment = readable(io.steward.engine.storage.EngineLengths.DEPLOYMENT_ID.require(deploymentId));
        Evaluation evaluation = new Evaluation(deployment, context, false, -1);
        try {
            return IntrinsicFunctions.evaluate(payload, evaluation);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(Problem.FUNCTIONS_EVALUATION_FAILED, e.getMessage());
        }
    }

    private Deployment readable(String deploymentId) {
        CallerScope.current().require(Permission.DEPLOYMENT_LIST);
        return store.find(deploymentId).orElseThrow(() -> new NotFoundException("Deployment", deploymentId));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> evaluateDefinitions(Deployment deployment, Map<String, Object> definitions,
                                                    boolean errorsAsText, Problem problem, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (definitions.isEmpty()) {
            return values;
        }
        Evaluation evaluation = new Evaluation(deployment, Map.of(), errorsAsText, depth);
        definitions.forEach((name, definition) -> {
            Object raw = definition instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("value") : null;
            if (namesMissingSecret(raw)) {
                return;
            }
            try {
                values.put(name, IntrinsicFunctions.evaluate(raw, evaluation));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(problem, "Error evaluating " + name + ": " + e.getMessage());
            }
        });
        return values;
    }

    /** A value that is directly {@code {get_secret: name}} (or {@code [name, …]}) whose secret does not exist. */
    private boolean namesMissingSecret(Object raw) {
        if (!(raw instanceof Map<?, ?> call) || call.size() != 1
                || !IntrinsicFunctions.GET_SECRET.equals(call.keySet().iterator().next())) {
            return false;
        }
        Object argument = call.values().iterator().next();
        Object name = argument instanceof List<?> path && !path.isEmpty() ? path.get(0) : argument;
        return name instanceof String key && !secrets.missing(List.of(key)).isEmpty();
    }

    /**
     * One evaluation: the deployment's nodes and instances are read once, when first needed. {@code depth} counts
     * the {@code get_capability} hops that led here; -1 is a payload evaluation, where only the first five functions
     * apply.
     */
    private final class Evaluation implements FunctionContext {
        private final Deployment deployment;
        private final Map<String, Object> context;
        private final boolean errorsAsText;
        private final int depth;
        private Map<String, Node> nodes;
        private Map<String, List<NodeInstance>> instancesByNode;
        private Map<String, NodeInstance> instancesById;
        private List<Label> deploymentLabels;

        Evaluation(Deployment deployment, Map<String, Object> context, boolean errorsAsText, int depth) {
            this.deployment = deployment;
            this.context = context == null ? Map.of() : context;
            this.errorsAsText = errorsAsText;
            this.depth = depth;
        }

        @Override
        public boolean evaluatesRuntimeFunctions() {
            return depth >= 0;
        }

        @Override
        public String secret(String name) {
            if (depth < 0) {
                return FunctionContext.super.secret(name);
            }
            return secrets.valueForReader(name);
        }

        @Override
        public Object secretDocument(String name) {
            String value = secret(name);
            try {
                return json.readValue(value, Object.class);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "get_secret: secret `" + name + "` is not valid JSON, so it cannot be indexed");
            }
        }

        @Override
        public Object system(String entity, String field) {
            Object value = switch (entity + "." + field) {
                case "tenant.name" -> deployment.tenantName();
                case "deployment.id" -> deployment.id();
                case "deployment.name" -> deployment.displayName();
                case "deployment.blueprint" -> deployment.blueprintId();
                case "deployment.owner" -> deployment.createdBy();
                default -> null;
            };
            if (value == null) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "get_sys [" + entity + ", " + field
                        + "]: known are [tenant, name] and [deployment, id|name|blueprint|owner]");
            }
            return value;
        }

        @Override
        public List<String> labelValues(String key) {
            String lowered = key.toLowerCase(Locale.ROOT);
            return labels().stream().filter(l -> l.key().equals(lowered)).map(Label::value).toList();
        }

        @Override
        public Map<String, Object> capabilitiesOf(String deploymentId) {
            if (depth + 1 > MAX_CAPABILITY_DEPTH) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "get_capability: capabilities refer on through"
                        + " more than " + MAX_CAPABILITY_DEPTH + " deployments (a cycle?)");
            }
            Deployment other = store.find(deploymentId).orElseThrow(() -> new InvalidInputException(
                    Problem.INVALID_INPUT, "get_capability: deployment `" + deploymentId + "` does not exist"));
            return evaluateDefinitions(other, other.capabilities(), false, Problem.CAPABILITIES_EVALUATION_FAILED,
                    depth + 1);
        }

        @Override
        public Map<String, Object> environmentCapabilities() {
            List<String> parents = labelValues(PARENT_LABEL);
            if (parents.size() != 1) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "get_environment_capability: deployment `"
                        + deployment.id() + "` has " + parents.size() + " environments (label " + PARENT_LABEL
                        + "), not one");
            }
            return capabilitiesOf(parents.get(0));
        }

        @Override
        public Map<String, Object> attributeOfEach(String node, List<Object> path) {
            if (node(node) == null) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "node `" + node + "` does not exist");
            }
            Map<String, Object> each = new java.util.TreeMap<>();
            for (NodeInstance instance : instancesOf(node)) {
                each.put(instance.id(), attributeOf(instance, path));
            }
            return each;
        }

        private List<Label> labels() {
            if (deploymentLabels == null) {
                deploymentLabels = labels.of(LabelledKind.DEPLOYMENT, deployment.id());
            }
            return deploymentLabels;
        }

        @Override
        public Object input(String name) {
            if (!deployment.inputs().containsKey(name)) {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "Unable to evaluate get_input function: input `" + name + "` does not exist");
            }
            return deployment.inputs().get(name);
        }

        @Override
        public Object property(String node, List<Object> path) {
            Node target = contextInstance(node) != null ? node(contextInstance(node).nodeId()) : node(node);
            if (target == null) {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "Unable to evaluate get_property function: node `" + node + "` does not exist");
            }
            return IntrinsicFunctions.navigate(target.properties(), path);
        }

        @Override
        public Object attribute(String node, List<Object> path) {
            NodeInstance instance = contextInstance(node);
            if (instance == null) {
                List<NodeInstance> candidates = instancesOf(node);
                String problem = candidates.isEmpty() ? "Node " + node + " has no instances."
                        : candidates.size() > 1 ? "More than one node instance found for node \"" + node
                        + "\". Cannot resolve a node instance unambiguously." : null;
                if (problem != null) {
                    String message = "Unable to evaluate get_attribute function: " + problem;
                    if (errorsAsText) {
                        return "<ERROR: " + message + ">";
                    }
                    throw new InvalidInputException(Problem.INVALID_INPUT, message);
                }
                instance = candidates.get(0);
            }
            return attributeOf(instance, path);
        }

        private Object attributeOf(NodeInstance instance, List<Object> path) {
            Object value = IntrinsicFunctions.navigate(instance.runtimeProperties(), path);
            if (value == null && path.size() == 1 && "node_instance_id".equals(path.get(0))) {
                value = instance.id();
            } else if (value == null && path.size() == 1 && "node_instance_index".equals(path.get(0))) {
                value = instance.index();
            }
            Node owner = node(instance.nodeId());
            if (value == null && owner != null) {
                value = IntrinsicFunctions.navigate(owner.properties(), path);
            }
            return value;
        }

        /** The instance the context names for SELF, SOURCE or TARGET; null for a node name or an unnamed one. */
        private NodeInstance contextInstance(String node) {
            if (!List.of("SELF", "SOURCE", "TARGET").contains(node)) {
                return null;
            }
            Object id = context.get(node.toLowerCase(java.util.Locale.ROOT));
            if (!(id instanceof String instanceId)) {
                throw new InvalidInputException(Problem.INVALID_INPUT, node + " is not defined in the context");
            }
            loadInstances();
            NodeInstance instance = instancesById.get(instanceId);
            if (instance == null) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "Node instance " + instanceId
                        + " (" + node + ") is not an instance of deployment " + deployment.id());
            }
            return instance;
        }

        private Node node(String id) {
            if (nodes == null) {
                nodes = store.nodesOf(deployment.id()).stream()
                        .collect(Collectors.toMap(Node::id, Function.identity()));
            }
            return nodes.get(id);
        }

        private List<NodeInstance> instancesOf(String nodeId) {
            loadInstances();
            return instancesByNode.getOrDefault(nodeId, List.of());
        }

        private void loadInstances() {
            if (instancesById == null) {
                List<NodeInstance> all = store.instancesOf(deployment.id());
                instancesById = all.stream().collect(Collectors.toMap(NodeInstance::id, Function.identity()));
                instancesByNode = all.stream().collect(Collectors.groupingBy(NodeInstance::nodeId));
            }
        }
    }
}
