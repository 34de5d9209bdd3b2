package io.steward.api.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine and image the API's docker tests use. The image is made locally (no registry is reachable), by
 * {@code .ci/run} from busybox-static; {@code STEWARD_TEST_DOCKER_IMAGE} names it. Where no engine or no such image
 * exists the tests are skipped, saying why, except when {@code STEWARD_TEST_DOCKER_REQUIRED=true} (CI): then they fail.
 */
public final class TestDocker {

    public static final String IMAGE = System.getenv().getOrDefault("STEWARD_TEST_DOCKER_IMAGE",
            "steward-test/busybox:1");
    private static final boolean REQUIRED = "true".equals(System.getenv("STEWARD_TEST_DOCKER_REQUIRED"));

    private TestDocker() {
    }

    /** Skips (or, where required, fails) the calling test unless an engine answers and holds {@link #IMAGE}. */
    public static void assumeEngineAndImage() {
        String version = docker("version", "--format", "{{.Server.Version}}");
        String missing = !version.matches("[0-9][0-9A-Za-z.+~-]*") ? "no Docker engine answers (" + version + ")"
                : docker("image", "inspect", "--format", "{{.Id}}", IMAGE).startsWith("sha256:") ? null
                : "the engine has no image " + IMAGE + " (.ci/run imports it from busybox-static)";
        if (missing == null) {
            return;
        }
        if (REQUIRED) {
            Assertions.fail("STEWARD_TEST_DOCKER_REQUIRED is set but " + missing);
        }
        Assumptions.abort(missing + "; the tests that run an image are skipped");
    }

    /**
     * Steward's containers, running or not, whose command line holds {@code marker}, one "name status" a line:
     * tests share the engine, so each finds its own by a marker it put in the command.
     */
    public static List<String> stewardContainersWith(String marker) {
        return docker("ps", "-a", "--no-trunc", "--filter", "name=^steward-", "--format",
                "{{.Names}} {{.State}} {{.Command}}").lines().filter(line -> line.contains(marker)).toList();
    }

    /** What the CLI printed (stdout and stderr), or why it could not run. */
    public static String docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) ? out : "docker " + String.join(" ", args) + " hung";
        } catch (IOException e) {
            return "docker cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
