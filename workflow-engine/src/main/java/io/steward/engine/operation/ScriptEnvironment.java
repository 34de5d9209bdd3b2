package io.steward.engine.operation;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The environment a script sees: the runner's own, each scalar input under its own name (as Cloudify's script plugin
 * does), and the {@code STEWARD_*} variables, which are set last so that an input cannot hide them.
 */
final class ScriptEnvironment {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ScriptEnvironment() {
    }

    static void apply(Map<String, String> env, OperationRequest request, ScriptFiles files, JsonCodec json) {
        request.inputs().forEach((name, value) -> {
            if (ENV_NAME.matcher(name).matches() && isScalar(value)) {
                env.put(name, String.valueOf(value));
            }
        });
        env.put("STEWARD_INPUTS", json.write(request.inputs()));
        env.put("STEWARD_EXECUTION_ID", nullToEmpty(request.executionId()));
        env.put("STEWARD_DEPLOYMENT_ID", nullToEmpty(request.deploymentId()));
        env.put("STEWARD_NODE_ID", nullToEmpty(request.nodeId()));
        env.put("STEWARD_NODE_INSTANCE_ID", nullToEmpty(request.nodeInstanceId()));
        env.put("STEWARD_OPERATION", request.operation());
        env.put("STEWARD_RUNTIME_PROPERTIES", json.write(request.runtimeProperties()));
        env.put("STEWARD_RUNTIME_PROPERTIES_OUT", files.runtimePropertiesOut().toString());
        env.put("STEWARD_OUTPUT", files.output().toString());
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
