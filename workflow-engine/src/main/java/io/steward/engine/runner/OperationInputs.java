package io.steward.engine.runner;

import io.steward.engine.blueprint.FunctionContext;
import io.steward.engine.blueprint.IntrinsicFunctions;
import io.steward.engine.deployment.Deployment;
import io.steward.engine.deployment.Node;
import io.steward.engine.deployment.NodeInstance;
import io.steward.engine.secret.SecretValues;
import io.steward.engine.workflow.DeploymentView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an operation's inputs when it is about to run: {@code get_input} from the deployment,
 * {@code get_property} from node properties, {@code get_attribute} from runtime properties (falling back to the
 * node's properties, as Cloudify does). SELF is the instance the operation runs on; SOURCE and TARGET are the ends of
 * the relationship for relationship operations. {@code get_secret} reads the secret now, through {@code secrets},
 * which masks its value in what the operation then reports.
 */
final class OperationInputs implements FunctionContext {
    private final Deployment deployment;
    private final DeploymentView view;
    private final NodeInstance self;
    private final NodeInstance source;
    private final NodeInstance target;
    private final SecretValues secrets;

    OperationInputs(Deployment deployment, DeploymentView view, NodeInstance self, NodeInstance source,
                    NodeInstance target, SecretValues secrets) {
        this.deployment = deployment;
        this.view = view;
        this.self = self;
        this.source = source;
        this.target = target;
        this.secrets = secrets;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> evaluate(Map<String, Object> raw) {
        Map<String, Object> evaluated = new LinkedHashMap<>();
        raw.forEach((name, value) -> evaluated.put(name, IntrinsicFunctions.evaluate(value, this)));
        return evaluated;
    }

    @Override
    public Object input(String name) {
        return deployment.inputs().get(name);
    }

    @Override
    public Object property(String node, List<Object> path) {
        Node resolved = nodeNamed(node);
        // Properties keep their get_secret calls unevaluated (see PropertyEvaluator): evaluated here, when used.
        if (resolved == null || path.isEmpty()) {
            return resolved == null ? null : resolved.properties();
        }
        Object property = IntrinsicFunctions.evaluate(resolved.properties().get(String.valueOf(path.get(0))), this);
        return IntrinsicFunctions.navigate(property, path.subList(1, path.size()));
    }

    @Override
    public String secret(String name) {
        return secrets.value(name);
    }

    @Override
    public Object secretDocument(String name) {
        return secrets.document(name);
    }

    @Override
    public Object attribute(String node, List<Object> path) {
        NodeInstance instance = instanceNamed(node);
        if (instance == null) {
            return property(node, path);
        }
        Object value = IntrinsicFunctions.navigate(instance.runtimeProperties(), path);
        return value != null ? value : property(node, path);
    }

    private Node nodeNamed(String name) {
        NodeInstance instance = switch (name) {
            case "SELF" -> self;
            case "SOURCE" -> source;
            case "TARGET" -> target;
            default -> null;
        };
        return instance != null ? view.nodeOf(instance) : view.nodes().get(name);
    }

    private NodeInstance instanceNamed(String name) {
        return switch (name) {
            case "SELF" -> self;
            case "SOURCE" -> source;
            case "TARGET" -> target;
            default -> view.instances().values().stream().filter(i -> i.nodeId().equals(name)).findFirst()
                    .orElse(null);
        };
    }
}
