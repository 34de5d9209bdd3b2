package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.engine.document.DocumentLimits;
import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A blueprint file is measured as expanded (aliases counted at every use) and refused over the limits. */
class BlueprintSizeLimitsTest {
    /** 24 levels of {@code xN: &xN [*xN-1, *xN-1]}: 48 aliases, 2^24 values once expanded. */
    static String aliasBomb(String use) {
        StringBuilder yaml = new StringBuilder("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [cloudify/types/types.yaml]
                dsl_definitions:
                  x0: &x0 [lol, lol]
                """);
        for (int i = 1; i <= 24; i++) {
            yaml.append("  x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
                    .append(i - 1).append("]\n");
        }
        return yaml.append(use).toString();
    }

    private static final String USED_AS_DEFAULT = "inputs:\n  payload: {default: *x24}\n";

    @Test
    void an_alias_bomb_is_refused_quickly_naming_the_node_limit() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> new BlueprintParser().parse(BlueprintArchive.fromYaml("blueprint.yaml",
                aliasBomb(USED_AS_DEFAULT)), null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_BLUEPRINT))
                .hasMessage("blueprint.yaml expands to a document that has more than 200000 values"
                        + " (limit steward.parse.max-nodes = 200000)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void an_unused_bomb_is_refused_too() {
        assertThatThrownBy(() -> new BlueprintParser().parse(BlueprintArchive.fromYaml("blueprint.yaml",
                aliasBomb("")), null)).hasMessageContaining("steward.parse.max-nodes");
    }

    @Test
    void a_bomb_in_an_imported_file_is_refused_naming_that_file() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blueprint.yaml", bytes("tosca_definitions_version: cloudify_dsl_1_4\nimports: [lib/bomb.yaml]\n"));
        files.put("lib/bomb.yaml", bytes(aliasBomb(USED_AS_DEFAULT)));
        assertThatThrownBy(() -> new BlueprintParser().parse(BlueprintArchive.fromFiles(files), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("lib/bomb.yaml expands to a document that has more than 200000 values");
    }

    @Test
    void a_long_string_aliased_many_times_is_refused_by_the_size_limit() {
        String yaml = "tosca_definitions_version: cloudify_dsl_1_4\ndsl_definitions:\n  s: &s " + "a".repeat(1000)
                + "\n  many: [" + "*s, ".repeat(40) + "*s]\n";
        assertThatThrownBy(() -> new BlueprintParser(new DocumentLimits(1000, 20_000))
                .parse(BlueprintArchive.fromYaml("blueprint.yaml", yaml), null))
                .hasMessage("blueprint.yaml expands to a document that is larger than 20000 characters"
                        + " (limit steward.parse.max-size = 20000)");
    }

    @Test
    void text_over_the_size_limit_is_refused_before_parsing() {
        String yaml = "tosca_definitions_version: cloudify_dsl_1_4\ndescription: " + "d".repeat(500) + "\n";
        assertThatThrownBy(() -> new BlueprintParser(new DocumentLimits(1000, 300))
                .parse(BlueprintArchive.fromYaml("blueprint.yaml", yaml), null))
                .hasMessage("blueprint.yaml is larger than 300 characters (limit steward.parse.max-size = 300)");
    }

    @Test
    void a_document_within_the_limits_parses() {
        String yaml = "tosca_definitions_version: cloudify_dsl_1_4\ndsl_definitions:\n  a: &a [x, y]\n"
                + "  b: [*a, *a]\n";
        // root, 2 top-level keys and the version, dsl_definitions' mapping, keys a and b, [x, y] (3) and
        // [*a, *a] (1 + 2 x 3): 17 values.
        assertThat(new BlueprintParser(new DocumentLimits(17, 1000))
                .parse(BlueprintArchive.fromYaml("blueprint.yaml", yaml), null)).isNotNull();
        assertThatThrownBy(() -> new BlueprintParser(new DocumentLimits(16, 1000))
                .parse(BlueprintArchive.fromYaml("blueprint.yaml", yaml), null))
                .hasMessageContaining("more than 16 values");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
