package io.steward.engine.operation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine and image the docker tests use. The image is made locally (no registry is reachable), by
 * {@code .ci/run} from busybox-static; {@code STEWARD_TEST_DOCKER_IMAGE} names it. Where no engine or no such image
 * exists the tests are skipped, saying why, except when {@code STEWARD_TEST_DOCKER_REQUIRED=true} (CI): then they fail.
 */
final class TestDocker {

    static final String IMAGE = System.getenv().getOrDefault("STEWARD_TEST_DOCKER_IMAGE", "steward-test/busybox:1");
    private static final boolean REQUIRED = "true".equals(System.getenv("STEWARD_TEST_DOCKER_REQUIRED"));

    private TestDocker() {
    }

    /** Skips (or, where required, fails) the calling test unless an engine answers and holds {@link #IMAGE}. */
    static void assumeEngineAndImage() {
        String missing = new DockerEngine("docker").unreachable().map(reason -> "no Docker engine answers (" + reason
                + ")").orElseGet(() -> docker("image", "inspect", "--format", "{{.Id}}", IMAGE).startsWith("sha256:")
                        ? null : "the engine has no image " + IMAGE + " (.ci/run imports it from busybox-static)");
        if (missing == null) {
            return;
        }
        if (REQUIRED) {
            Assertions.fail("STEWARD_TEST_DOCKER_REQUIRED is set but " + missing);
        }
        Assumptions.abort(missing + "; the tests that run an image are skipped");
    }

    /** The ids of the containers, running or not, whose name is exactly this one. */
    static String containersNamed(String name) {
        return docker("ps", "-a", "-q", "--filter", "name=^" + name + "$");
    }

    static String docker(String... args) {
        try {
            Process process = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) ? out : "docker " + String.join(" ", args) + " hung";
        } catch (IOException e) {
            return "docker failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static List<String> concat(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return argv;
    }
}
