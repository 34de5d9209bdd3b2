package io.steward.engine.deployment;

import io.steward.engine.blueprint.FunctionContext;
import io.steward.engine.blueprint.IntrinsicFunctions;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.NotFoundException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.scope.CallerScope;
import io.steward.tenancy.scope.Permission;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates a deployment's outputs and capabilities, or any payload, at run time as Cloudify's dsl_parser does:
 * {@code get_input} from the deployment's inputs, {@code get_property} from its nodes' evaluated properties,
 * {@code get_attribute} from the one instance of the named node (its runtime properties, then
 * {@code node_instance_id}/{@code node_instance_index}, then the node's properties), {@code concat}, nested.
 */
@Singleton
public class DeploymentFunctions {
    private final DeploymentStore store;

    DeploymentFunctions(DeploymentStore store) {
        this.store = store;
    }

    /**
     * Output name to its value. An attribute of a node with no instance or several becomes the text
     * {@code <ERROR: …>} in that output instead of failing the others; other errors fail the whole read.
     */
    public Map<String, Object> outputs(String deploymentId) {
        Deployment deployment = readable(deploymentId);
        return evaluateDefinitions(deployment, deployment.outputs(), true, Problem.OUTPUTS_EVALUATION_FAILED);
    }

    /** Capability name to its value; any evaluation error fails the read. */
    public Map<String, Object> capabilities(String deploymentId) {
        Deployment deployment = readable(deploymentId);
        return evaluateDefinitions(deployment, deployment.capabilities(), false,
                Problem.CAPABILITIES_EVALUATION_FAILED);
    }

    /**
     * {@code payload} with its function calls evaluated against the deployment. {@code self}, {@code source} and
     * {@code target} in {@code context} name node instances that {@code SELF}, {@code SOURCE} and {@code TARGET}
     * stand for.
     */
    public Object evaluate(String deploymentId, Map<String, Object> context, Object payload) {
        Deployment deployment = readable(io.steward.engine.storage.EngineLengths.DEPLOYMENT_ID.require(deploymentId));
        Evaluation evaluation = new Evaluation(deployment, context, false);
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
                                                    boolean errorsAsText, Problem problem) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (definitions.isEmpty()) {
            return values;
        }
        Evaluation evaluation = new Evaluation(deployment, Map.of(), errorsAsText);
        definitions.forEach((name, definition) -> {
            Object raw = definition instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("value") : null;
            try {
                values.put(name, IntrinsicFunctions.evaluate(raw, evaluation));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(problem, "Error evaluating " + name + ": " + e.getMessage());
            }
        });
        return values;
    }

    /** One evaluation: the deployment's nodes and instances are read once, when first needed. */
    private final class Evaluation implements FunctionContext {
        private final Deployment deployment;
        private final Map<String, Object> context;
        private final boolean errorsAsText;
        private Map<String, Node> nodes;
        private Map<String, List<NodeInstance>> instancesByNode;
        private Map<String, NodeInstance> instancesById;

        Evaluation(Deployment deployment, Map<String, Object> context, boolean errorsAsText) {
            this.deployment = deployment;
            this.context = context == null ? Map.of() : context;
            this.errorsAsText = errorsAsText;
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
