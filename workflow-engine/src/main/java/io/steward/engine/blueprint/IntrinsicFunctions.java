package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Cloudify's intrinsic functions in plain value trees. A map with exactly one key that is a function name
 * is a call:
 * <ul>
 *   <li>{@code {get_input: name}} or {@code {get_input: [name, key or index, …]}}
 *   <li>{@code {get_property: [SELF|SOURCE|TARGET|node, property, nested…]}}
 *   <li>{@code {get_attribute: [SELF|SOURCE|TARGET|node, attribute, nested…]}}
 *   <li>{@code {concat: [a, b, …]}}: each element evaluated, then joined as text ({@code null} joins as empty)
 *   <li>{@code {get_secret: name}} or {@code {get_secret: [name, key or index, …]}} (the value parsed as JSON):
 *       a context that stores what it evaluates ({@link FunctionContext#defersSecrets()}) leaves every call that
 *       reaches a secret as it is, to be evaluated when used
 * </ul>
 * Where a deployment is read ({@link FunctionContext#evaluatesRuntimeFunctions()}: its outputs and capabilities)
 * also {@code get_sys}, {@code get_label}, {@code get_capability}, {@code get_environment_capability},
 * {@code get_attributes_list} and {@code get_attributes_dict} ({@link #RUNTIME_NAMES}); other contexts leave them
 * as written. Function arguments are evaluated first, so calls may nest. Evaluation errors (a missing nested input key, a
 * malformed call) raise {@link Problem#INVALID_INPUT}; references are checked at parse time already.
 */
public final class IntrinsicFunctions {
    public static final String GET_INPUT = "get_input";
    public static final String GET_PROPERTY = "get_property";
    public static final String GET_ATTRIBUTE = "get_attribute";
    public static final String CONCAT = "concat";
    public static final String GET_SECRET = "get_secret";
    public static final Set<String> NAMES = Set.of(GET_INPUT, GET_PROPERTY, GET_ATTRIBUTE, CONCAT, GET_SECRET);
    public static final String GET_SYS = "get_sys";
    public static final String GET_LABEL = "get_label";
    public static final String GET_CAPABILITY = "get_capability";
    public static final String GET_ENVIRONMENT_CAPABILITY = "get_environment_capability";
    public static final String GET_ATTRIBUTES_LIST = "get_attributes_list";
    public static final String GET_ATTRIBUTES_DICT = "get_attributes_dict";
    public static final Set<String> RUNTIME_NAMES = Set.of(GET_SYS, GET_LABEL, GET_CAPABILITY,
            GET_ENVIRONMENT_CAPABILITY, GET_ATTRIBUTES_LIST, GET_ATTRIBUTES_DICT);

    private IntrinsicFunctions() {
    }

    public static boolean isFunctionCall(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && NAMES.contains(map.keySet().iterator().next());
    }

    /** A copy of {@code raw} with every function call replaced by its value; {@code raw} itself is not changed. */
    public static Object evaluate(Object raw, FunctionContext context) {
        if (context.evaluatesRuntimeFunctions() && raw instanceof Map<?, ?> call && call.size() == 1
                && RUNTIME_NAMES.contains(call.keySet().iterator().next())) {
            Map.Entry<?, ?> entry = call.entrySet().iterator().next();
            return applyRuntime((String) entry.getKey(), evaluate(entry.getValue(), context), context);
        }
        if (isFunctionCall(raw)) {
            if (context.defersSecrets() && callsSecret(raw)) {
                return raw;
            }
            Map.Entry<?, ?> call = ((Map<?, ?>) raw).entrySet().iterator().next();
            return apply((String) call.getKey(), evaluate(call.getValue(), context), context);
        }
        if (raw instanceof Map<?, ?> map) {
            Map<Object, Object> evaluated = new LinkedHashMap<>();
            map.forEach((key, value) -> evaluated.put(key, evaluate(value, context)));
            return Collections.unmodifiableMap(evaluated);
        }
        if (raw instanceof List<?> list) {
            List<Object> evaluated = new ArrayList<>(list.size());
            list.forEach(item -> evaluated.add(evaluate(item, context)));
            return Collections.unmodifiableList(evaluated);
        }
        return raw;
    }

    /**
     * Walks {@code path} (map keys, list indexes) into {@code root}. A missing key gives {@code null}, as Cloudify's
     * attributes do; walking into a scalar raises.
     */
    public static Object navigate(Object root, List<Object> path) {
        Object current = root;
        for (Object step : path) {
            if (current == null) {
                return null;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(String.valueOf(step));
            } else if (current instanceof List<?> list && step instanceof Integer index) {
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "cannot look up '" + step + "' in " + current + ": it is not a map or list");
            }
        }
        return current;
    }

    private static Object apply(String function, Object argument, FunctionContext context) {
        return switch (function) {
            case GET_INPUT -> getInput(argument, context);
            case GET_PROPERTY -> context.property(target(function, argument), rest(argument));
            case GET_ATTRIBUTE -> context.attribute(target(function, argument), rest(argument));
            case CONCAT -> concat(argument);
            case GET_SECRET -> getSecret(argument, context);
            default -> throw new IllegalStateException("not a function: " + function);
        };
    }

    private static Object applyRuntime(String function, Object argument, FunctionContext context) {
        return switch (function) {
            case GET_SYS -> {
                if (argument instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String entity
                        && pair.get(1) instanceof String field) {
                    yield context.system(entity, field);
                }
                throw malformed(function, argument);
            }
            case GET_LABEL -> getLabel(argument, context);
            case GET_CAPABILITY -> {
                if (argument instanceof List<?> path && path.size() >= 2 && path.get(0) instanceof String deployment
                        && path.get(1) instanceof String) {
                    yield capability(function, context.capabilitiesOf(deployment), path.subList(1, path.size()),
                            "deployment `" + deployment + "`");
                }
                throw malformed(function, argument);
            }
            case GET_ENVIRONMENT_CAPABILITY -> {
                List<?> path = argument instanceof String name ? List.of(name) : argument instanceof List<?> l ? l
                        : List.of();
                if (path.isEmpty() || !(path.get(0) instanceof String)) {
                    throw malformed(function, argument);
                }
                yield capability(function, context.environmentCapabilities(), path, "the environment");
            }
            case GET_ATTRIBUTES_LIST, GET_ATTRIBUTES_DICT -> {
                if (!(argument instanceof List<?> path) || path.size() < 2 || !(path.get(0) instanceof String node)) {
                    throw malformed(function, argument);
                }
                Map<String, Object> each = context.attributeOfEach(node, rest(argument));
                yield GET_ATTRIBUTES_LIST.equals(function)
                        ? Collections.unmodifiableList(new ArrayList<>(each.values()))
                        : Collections.unmodifiableMap(new LinkedHashMap<>(each));
            }
            default -> throw new IllegalStateException("not a runtime function: " + function);
        };
    }

    private static Object getLabel(Object argument, FunctionContext context) {
        if (argument instanceof String key) {
            return context.labelValues(key);
        }
        if (argument instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String key
                && pair.get(1) instanceof Integer index) {
            List<String> values = context.labelValues(key);
            if (index < 0 || index >= values.size()) {
                throw new InvalidInputException(Problem.INVALID_INPUT, "get_label " + pair + ": label `" + key
                        + "` has " + values.size() + " value(s)");
            }
            return values.get(index);
        }
        throw malformed(GET_LABEL, argument);
    }

    private static Object capability(String function, Map<String, Object> capabilities, List<?> path,
                                     String owner) {
        String name = (String) path.get(0);
        if (!capabilities.containsKey(name)) {
            throw new InvalidInputException(Problem.INVALID_INPUT, function + ": " + owner
                    + " has no capability `" + name + "`");
        }
        return navigate(capabilities.get(name), new ArrayList<>(path.subList(1, path.size())));
    }

    private static Object getInput(Object argument, FunctionContext context) {
        if (argument instanceof String name) {
            return context.input(name);
        }
        if (argument instanceof List<?> path && !path.isEmpty() && path.get(0) instanceof String name) {
            Object value = context.input(name);
            Object found = navigate(value, new ArrayList<>(path.subList(1, path.size())));
            if (found == null && path.size() > 1) {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "get_input " + path + ": input '" + name + "' has no such key or index");
            }
            return found;
        }
        throw malformed(GET_INPUT, argument);
    }

    /** Whether {@code raw} calls {@code get_secret} anywhere inside. */
    public static boolean callsSecret(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            return map.size() == 1 && GET_SECRET.equals(map.keySet().iterator().next())
                    || map.values().stream().anyMatch(IntrinsicFunctions::callsSecret);
        }
        return raw instanceof List<?> list && list.stream().anyMatch(IntrinsicFunctions::callsSecret);
    }

    /** The names of the secrets {@code raw} reads (plain names only; a computed name is known when evaluated). */
    public static Set<String> secretNames(Object raw) {
        Set<String> names = new java.util.TreeSet<>();
        collectSecretNames(raw, names);
        return names;
    }

    private static void collectSecretNames(Object raw, Set<String> names) {
        if (raw instanceof Map<?, ?> map) {
            Object argument = map.size() == 1 && GET_SECRET.equals(map.keySet().iterator().next())
                    ? map.values().iterator().next() : null;
            Object name = argument instanceof List<?> path && !path.isEmpty() ? path.get(0) : argument;
            if (name instanceof String plain) {
                names.add(plain);
            }
            map.values().forEach(value -> collectSecretNames(value, names));
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> collectSecretNames(item, names));
        }
    }

    private static Object getSecret(Object argument, FunctionContext context) {
        if (argument instanceof String name) {
            return context.secret(name);
        }
        if (argument instanceof List<?> path && !path.isEmpty() && path.get(0) instanceof String name) {
            if (path.size() == 1) {
                return context.secret(name);
            }
            Object found = navigate(context.secretDocument(name), new ArrayList<>(path.subList(1, path.size())));
            if (found == null) {
                throw new InvalidInputException(Problem.INVALID_INPUT,
                        "get_secret " + path.subList(1, path.size()) + ": secret '" + name
                                + "' has no such key or index");
            }
            return found;
        }
        throw malformed(GET_SECRET, argument);
    }

    private static String target(String function, Object argument) {
        if (argument instanceof List<?> list && list.size() >= 2 && list.get(0) instanceof String node) {
            return node;
        }
        throw malformed(function, argument);
    }

    private static List<Object> rest(Object argument) {
        List<?> list = (List<?>) argument;
        return Collections.unmodifiableList(new ArrayList<>(list.subList(1, list.size())));
    }

    private static String concat(Object argument) {
        if (!(argument instanceof List<?> parts)) {
            throw malformed(CONCAT, argument);
        }
        StringBuilder joined = new StringBuilder();
        parts.forEach(part -> joined.append(part == null ? "" : part));
        return joined.toString();
    }

    private static InvalidInputException malformed(String function, Object argument) {
        return new InvalidInputException(Problem.INVALID_INPUT, "malformed " + function + " call: " + argument);
    }
}
