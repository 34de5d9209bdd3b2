package io.steward.engine.operation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The table of built-in operations by implementation name, and the small ones themselves. */
final class Builtins {

    private static final Set<String> LEVELS = Set.of("info", "warning", "error");

    /** The built-ins that run a process rather than a thread: {@link CommandOperation} runs them. */
    static final Set<String> SUBPROCESS = Set.of(CommandOperation.COMMAND, CommandOperation.DOCKER);

    /** The built-ins that finish at once without waiting on anything: they run on the caller's thread. */
    static final Set<String> INSTANT = Set.of("steward.noop", "steward.log", "steward.fail", "steward.digest");

    private final Map<String, Builtin> byName = new TreeMap<>();

    Builtins(HttpBuiltin http) {
        byName.put("steward.noop", (inputs, request, listener) -> null);
        byName.put("steward.log", Builtins::log);
        byName.put("steward.sleep", Builtins::sleep);
        byName.put("steward.fail", Builtins::fail);
        byName.put("steward.http", http);
        byName.put("steward.echo", Builtins::echo);
        byName.put("steward.digest", Builtins::digest);
    }

    Optional<Builtin> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    String unknown(String name) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(byName.keySet());
        names.addAll(SUBPROCESS);
        return "Unknown built-in operation '" + name + "'; the built-ins are " + String.join(", ", names);
    }

    private static Object log(BuiltinInputs inputs, OperationRequest request, OperationListener listener) {
        String message = inputs.requiredString("message");
        String level = inputs.string("level").orElse("info").toLowerCase(java.util.Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw inputs.invalid("level", "must be one of info, warning, error, not '" + level + "'");
        }
        listener.log(level, message);
        return null;
    }

    private static Object sleep(BuiltinInputs inputs, OperationRequest request, OperationListener listener)
            throws InterruptedException {
        BigDecimal seconds = inputs.number("seconds").orElseThrow(() -> inputs.invalid("seconds", "is required"));
        if (seconds.signum() < 0) {
            throw inputs.invalid("seconds", "must not be negative, not " + seconds);
        }
        Thread.sleep(seconds.movePointRight(3).longValue());
        return null;
    }

    private static Object fail(BuiltinInputs inputs, OperationRequest request, OperationListener listener) {
        throw new OperationFailure(inputs.string("message").orElse("Failed on purpose (steward.fail)"));
    }

    /** Returns its {@code values} input unchanged, after sleeping {@code pause} seconds (interruptible). */
    private static Object echo(BuiltinInputs inputs, OperationRequest request, OperationListener listener)
            throws InterruptedException {
        BigDecimal pause = inputs.number("pause").orElse(BigDecimal.ZERO);
        if (pause.signum() < 0) {
            throw inputs.invalid("pause", "must not be negative, not " + pause);
        }
        if (pause.signum() > 0) {
            Thread.sleep(pause.movePointRight(3).longValue());
        }
        return inputs.value("values").orElse(Map.of());
    }

    /** The SHA-256 digest of its {@code text} input (UTF-8), as lower-case hex. */
    private static Object digest(BuiltinInputs inputs, OperationRequest request, OperationListener listener) {
        String text = inputs.requiredString("text");
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
