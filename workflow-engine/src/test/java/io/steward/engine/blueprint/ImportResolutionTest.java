package io.steward.engine.blueprint;

import static io.steward.engine.blueprint.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportResolutionTest {

    @Test
    void relative_imports_are_loaded_and_merged_and_cycles_are_harmless() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("main.yaml", bytes(Fixtures.text("imports/main.yaml")));
        files.put("types/app.yaml", bytes(Fixtures.text("imports/types/app.yaml")));
        files.put("types/common.yaml", bytes(Fixtures.text("imports/types/common.yaml")));
        files.put("scripts/create.sh", Fixtures.SCRIPT);

        BlueprintPlan plan = new BlueprintParser().parse(BlueprintArchive.fromFiles(files), "main.yaml");

        NodeTemplate app = plan.nodeTemplate("app").orElseThrow();
        assertThat(app.typeHierarchy()).containsExactly("imported.App", "imported.Base", "cloudify.nodes.Root");
        assertThat(app.properties()).containsEntry("flavour", "large");
        assertThat(app.operation("cloudify.interfaces.lifecycle.create").orElseThrow().implementation())
                .isEqualTo("scripts/create.sh");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cloudify/types/types.yaml",
            "http://www.getcloudify.org/spec/cloudify/4.5/types.yaml",
            "https://getcloudify.org/spec/cloudify/3.4/types.yaml",
            "https://cloudify.co/spec/cloudify/6.4.0/types.yaml",
            "http://www.getcloudify.org/spec/script-plugin/1.5/plugin.yaml",
            "plugin:cloudify-script-plugin"})
    void cloudify_types_and_the_script_plugin_resolve_without_network(String importLine) {
        BlueprintPlan plan = Fixtures.parse("""
                tosca_definitions_version: cloudify_dsl_1_3
                imports:
                  - %s
                node_templates:
                  vm: {type: cloudify.nodes.Compute}
                """.formatted(importLine));
        assertThat(plan.nodeTemplate("vm")).isPresent();
    }

    @Test
    void unknown_url_imports_are_refused() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports:
                  - cloudify/types/types.yaml
                  - http://example.com/types.yaml
                """).hasMessage("imports.1: cannot fetch 'http://example.com/types.yaml': Steward resolves only"
                + " Cloudify's types.yaml and files inside the archive (line 4)");
    }

    @Test
    void other_plugins_are_refused_by_name() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports:
                  - plugin:cloudify-openstack-plugin?version= >=3.0
                """).hasMessageStartingWith("imports.0: plugin 'cloudify-openstack-plugin' is not available")
                .hasMessageEndingWith("(line 3)");
    }

    @Test
    void imports_of_missing_files_are_refused() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports:
                  - types/missing.yaml
                """).hasMessage("imports.0: imported file 'types/missing.yaml' is not in the blueprint archive"
                + " (line 3)");
    }

    @Test
    void imports_leaving_the_archive_are_refused() {
        assertRejected("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports:
                  - ../../etc/types.yaml
                """).hasMessage("imports.0: import '../../etc/types.yaml' points outside the blueprint archive"
                + " (line 3)");
    }

    @Test
    void errors_in_an_imported_file_name_that_file() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blueprint.yaml", bytes("tosca_definitions_version: cloudify_dsl_1_4\nimports: [lib/types.yaml]\n"));
        files.put("lib/types.yaml", bytes("node_types:\n  my.Type:\n    derived_from: no.Such\n"));
        assertThatThrownBy(() -> new BlueprintParser().parse(BlueprintArchive.fromFiles(files), null))
                .hasMessage("node_types.my.Type.derived_from: unknown node type 'no.Such' (line 3 of lib/types.yaml)");
    }

    @Test
    void a_name_defined_in_two_files_is_refused() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blueprint.yaml", bytes("""
                tosca_definitions_version: cloudify_dsl_1_4
                imports: [more.yaml]
                inputs:
                  port: {default: 1}
                """));
        files.put("more.yaml", bytes("inputs:\n  port: {default: 2}\n"));
        assertThatThrownBy(() -> new BlueprintParser().parse(BlueprintArchive.fromFiles(files), null))
                .hasMessage("inputs.port: 'port' is already defined at line 4 of the main blueprint"
                        + " (line 2 of more.yaml)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
