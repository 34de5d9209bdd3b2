package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/** Builds blueprint archives from the YAML fixtures under {@code src/test/resources/blueprints/}. */
final class Fixtures {
    static final byte[] SCRIPT = "#!/bin/sh\necho ok\n".getBytes(StandardCharsets.UTF_8);

    private Fixtures() {
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/blueprints/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An archive with the YAML as {@code blueprint.yaml} and a small script at each of {@code scripts}. */
    static BlueprintArchive withScripts(String yaml, String... scripts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blueprint.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        for (String script : scripts) {
            files.put(script, SCRIPT);
        }
        return BlueprintArchive.fromFiles(files);
    }

    static BlueprintArchive threeNodes() {
        return withScripts(text("three-nodes.yaml"), "scripts/create.sh", "scripts/configure.sh",
                "scripts/link.sh", "scripts/backup.sh");
    }

    static BlueprintPlan parse(String yaml, String... scripts) {
        return new BlueprintParser().parse(withScripts(yaml, scripts), null);
    }

    /** Asserts that parsing fails as an invalid blueprint, and returns the message for further checks. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String yaml, String... scripts) {
        return assertThatThrownBy(() -> parse(yaml, scripts))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.problem()).isEqualTo(Problem.INVALID_BLUEPRINT));
    }
}
