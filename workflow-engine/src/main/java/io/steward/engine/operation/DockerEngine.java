package io.steward.engine.operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Docker engine as {@code steward.docker} reaches it: through the {@code docker} CLI, which talks to the
 * engine's API (wherever {@code DOCKER_HOST} or the CLI's context points). Whether an engine answers is checked
 * with {@code docker version} when an operation starts, on the starting thread (at most 5 s), and remembered for a
 * few seconds, so that a burst of operations asks once.
 */
final class DockerEngine {

    static final String WORK_DIR = "/steward/work";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REMEMBER = Duration.ofSeconds(5);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(15);

    private final String program;
    private String lastReason; // guarded by this; null when the engine answered
    private long lastChecked; // System.nanoTime(), guarded by this
    private boolean checked; // guarded by this

    /** @param program the CLI: {@code docker} (looked up on PATH) or a path */
    DockerEngine(String program) {
        this.program = program;
    }

    /** Why no engine can be used, or empty when one answered (at most a few seconds ago). */
    synchronized Optional<String> unreachable() {
        long now = System.nanoTime();
        if (!checked || now - lastChecked >= REMEMBER.toNanos()) {
            lastReason = check();
            lastChecked = System.nanoTime();
            checked = true;
        }
        return Optional.ofNullable(lastReason);
    }

    /**
     * {@code docker run} for one operation: removed when it ends, stdin kept open (for the {@code stdin} input), the
     * work directory mounted at {@link #WORK_DIR}. Each variable is passed by name only, so its value travels in the
     * CLI's environment rather than on its command line, where any user of the host could read it.
     */
    List<String> run(String name, Path workDirectory, List<String> envNames, String image, List<String> command) {
        List<String> argv = new ArrayList<>(List.of(program, "run", "--rm", "-i", "--name", name,
                "-v", workDirectory + ":" + WORK_DIR, "-w", WORK_DIR));
        envNames.forEach(env -> argv.addAll(List.of("-e", env)));
        argv.add(image);
        argv.addAll(command);
        return argv;
    }

    /**
     * {@code docker rm -f}: kills the container and removes it. The container's processes are the engine's
     * children, not the CLI's, so signalling the CLI's tree alone would leave them running; and a container the CLI
     * had created but not yet started when it was stopped would stay behind, which {@code --rm} does not cover. An
     * error (no such container, or it is already gone) is of no interest.
     */
    void remove(String name) {
        try {
            Process remove = new ProcessBuilder(program, "rm", "-f", name)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            remove.getOutputStream().close();
            if (!remove.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                remove.destroyForcibly();
            }
        } catch (IOException e) {
            // No CLI: then no container was started by it either.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String check() {
        if (!available()) {
            return "no '" + program + "' program" + (program.contains("/") ? "" : " on PATH");
        }
        try {
            Process version = new ProcessBuilder(program, "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true)
                    .start();
            version.getOutputStream().close();
            if (!version.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                version.destroyForcibly();
                return "'docker version' did not answer within " + CHECK_TIMEOUT.toSeconds() + " s";
            }
            // The answer is a line or two, well within the pipe's buffer, so reading after the exit cannot block.
            String answer = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (version.exitValue() != 0 || answer.isEmpty()) {
                return answer.isEmpty() ? "'docker version' exited with status " + version.exitValue()
                        : answer.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(answer);
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + program + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the engine for its version";
        }
    }

    private boolean available() {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
