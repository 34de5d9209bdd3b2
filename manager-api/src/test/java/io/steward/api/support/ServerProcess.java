package io.steward.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Steward server in its own JVM, started from the test JVM's classpath (no jar needed), over the given database:
 * a cluster node that a test can stop cleanly or kill with SIGKILL. Its output goes to
 * {@code target/server-processes/<node>-<pid>.log}.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Set<String> CONNECTION_KEYS = Set.of("datasources.default.url",
            "datasources.default.username", "datasources.default.password");

    private final String nodeId;
    private final Process process;
    private final Path log;
    private final String base;

    private ServerProcess(String nodeId, Process process, Path log, String base) {
        this.nodeId = nodeId;
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts node {@code nodeId} on a free port and waits until it answers; {@code settings} are Steward
     * configuration keys ({@code steward.engine.takeover-after}), passed as system properties.
     */
    public static ServerProcess start(String nodeId, Map<String, Object> database, Map<String, String> settings) {
        return start(nodeId, database, settings, List.of());
    }

    /** As {@link #start(String, Map, Map)}, with JVM options added after the defaults (a later -Xmx wins). */
    public static ServerProcess start(String nodeId, Map<String, Object> database, Map<String, String> settings,
                                      List<String> jvmOptions) {
        ServerProcess server = launch(nodeId, database, settings, jvmOptions);
        server.awaitReady();
        return server;
    }

    /**
     * Starts the nodes {@code nodeIds} side by side with the same settings, and waits until each answers: a test
     * of two nodes waits for one start, not two in a row.
     */
    public static List<ServerProcess> startTogether(List<String> nodeIds, Map<String, Object> database,
                                                    Map<String, String> settings) {
        List<ServerProcess> launched = new ArrayList<>();
        try {
            for (String nodeId : nodeIds) {
                launched.add(launch(nodeId, database, settings, List.of()));
            }
            launched.forEach(ServerProcess::awaitReady);
            return launched;
        } catch (RuntimeException | AssertionError e) {
            launched.forEach(ServerProcess::close);
            throw e;
        }
    }

    /** Starts the process and returns at once; {@link #awaitReady} waits until it answers. */
    private static ServerProcess launch(String nodeId, Map<String, Object> database, Map<String, String> settings,
                                        List<String> jvmOptions) {
        int port = freePort();
        // C1 only, as the test JVMs (root pom): a test's server lives seconds, and C2 compiles cost it a core.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=" + System.getProperty("user.timezone"),
                // The servers run in the tests' locale too (Turkish under the root pom's argLine).
                "-Duser.language=" + java.util.Locale.getDefault().getLanguage(),
                "-Duser.country=" + java.util.Locale.getDefault().getCountry(), "-Dsteward.auth.bcrypt-cost=4",
                // Servers of one test run share one secrets key, outside the worktree, like in-process ones.
                "-Dsteward.secrets.key-file=" + StewardServer.SECRETS_KEY_FILE));
        command.addAll(jvmOptions);
        // The connection goes in the environment below, as an operator sets it; the pool's other settings of the
        // database's properties (minimum-idle) as system properties.
        database.forEach((key, value) -> {
            if (!CONNECTION_KEYS.contains(key)) {
                command.add("-D" + key + "=" + value);
            }
        });
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.steward.api.Application"));
        try {
            Path logs = Files.createDirectories(Path.of("target", "server-processes"));
            Path log = logs.resolve(nodeId + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("STEWARD_PORT", String.valueOf(port));
            env.put("STEWARD_DB_URL", (String) database.get("datasources.default.url"));
            env.put("STEWARD_DB_USER", (String) database.get("datasources.default.username"));
            env.put("STEWARD_DB_PASSWORD", (String) database.get("datasources.default.password"));
            env.put("STEWARD_ADMIN_PASSWORD", StewardServer.ADMIN_PASSWORD);
            env.put("STEWARD_ENGINE_NODE_ID", nodeId);
            return new ServerProcess(nodeId, builder.start(), log, "http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("Node " + nodeId + " exited with " + process.exitValue()
                        + " before it was ready; its log: " + tail());
            }
            try {
                if (admin().get("/api/v3.1/tenants").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // Still starting.
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError("Node " + nodeId + " did not answer within " + READY + "; its log: "
                        + tail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while node " + nodeId + " started");
            }
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public long pid() {
        return process.pid();
    }

    public Api admin() {
        return Api.at(base).basic("admin", StewardServer.ADMIN_PASSWORD).tenant("default_tenant");
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is cleaned up. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGSTOP: the process freezes (as in a long GC pause or a VM stall) until {@link #unfreeze}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process carries on where it stopped. */
    public void unfreeze() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start()
                    .waitFor();
            if (exit != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while signalling node " + nodeId);
        }
    }

    /** Every line the node has written (stdout and stderr) so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the node's log has a line containing {@code text}. */
    public boolean logged(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit status once the process has ended within {@code timeout}, or null while it still runs. */
    public Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGTERM: the server stops cleanly, as a service manager stops it. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The end of the node's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs: for cleanup after a failed test. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
