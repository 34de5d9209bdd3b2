package io.steward.engine.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BlueprintArchiveTest {
    private static final String BLUEPRINT = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports: [http://www.getcloudify.org/spec/cloudify/6.4/types.yaml]
            node_templates:
              vm:
                type: cloudify.nodes.Compute
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: scripts/create.sh
            """;

    @Test
    void tar_gz_with_a_top_directory_resolves_a_script_in_the_archive() {
        byte[] archive = new ArchiveBuilder().directory("hello/").file("hello/blueprint.yaml", BLUEPRINT)
                .directory("hello/scripts/").file("hello/scripts/create.sh", "#!/bin/sh\n").tarGz();

        BlueprintArchive unpacked = BlueprintArchive.fromTarGz(archive);
        BlueprintPlan plan = new BlueprintParser().parse(unpacked, "blueprint.yaml");

        assertThat(unpacked.files()).containsOnlyKeys("blueprint.yaml", "scripts/create.sh");
        Operation create = plan.nodeTemplate("vm").orElseThrow()
                .operation("cloudify.interfaces.lifecycle.create").orElseThrow();
        assertThat(create.kind()).isEqualTo(OperationKind.SCRIPT);
        assertThat(create.implementation()).isEqualTo("scripts/create.sh");
    }

    @Test
    void archives_without_a_top_directory_are_accepted_as_they_are() {
        byte[] archive = new ArchiveBuilder().file("blueprint.yaml", BLUEPRINT).file("scripts/create.sh", "x")
                .tarGz();
        assertThat(BlueprintArchive.fromTarGz(archive).files()).containsOnlyKeys("blueprint.yaml",
                "scripts/create.sh");
    }

    @Test
    void zip_archives_are_read_and_the_top_directory_stripped() {
        byte[] archive = new ArchiveBuilder().file("bp/blueprint.yaml", BLUEPRINT).file("bp/scripts/create.sh", "x")
                .zip();
        BlueprintArchive unpacked = BlueprintArchive.fromZip(archive);
        assertThat(unpacked.mainYaml(null)).isEqualTo(BLUEPRINT);
        assertThat(unpacked.file("scripts/create.sh")).hasValueSatisfying(
                content -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("x"));
    }

    @Test
    void symlinks_inside_the_archive_are_followed() {
        byte[] archive = new ArchiveBuilder().file("bp/blueprint.yaml", BLUEPRINT).file("bp/real.sh", "x")
                .symlink("bp/scripts/create.sh", "../real.sh").tarGz();
        assertThat(BlueprintArchive.fromTarGz(archive).file("scripts/create.sh")).isPresent();
    }

    @Test
    void repacking_to_tar_gz_gives_back_the_same_files() {
        BlueprintArchive original = BlueprintArchive.fromTarGz(new ArchiveBuilder()
                .file("sub/only.yaml", "a: 1").tarGz());
        BlueprintArchive repacked = BlueprintArchive.fromTarGz(original.toTarGz());
        assertThat(repacked.files()).containsOnlyKeys("only.yaml");
        assertThat(BlueprintArchive.fromTarGz(BlueprintArchive.fromFiles(java.util.Map.of(
                "blueprint.yaml", new byte[] {1}, "scripts/a.sh", new byte[] {2})).toTarGz()).files())
                .containsOnlyKeys("blueprint.yaml", "scripts/a.sh");
    }

    @Test
    void parent_directory_segments_are_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().file("bp/blueprint.yaml", BLUEPRINT)
                .file("bp/../evil", "x").tarGz()))
                .hasMessage("blueprint archive entry 'bp/../evil' refused: '..' path segments are not allowed");
    }

    @Test
    void absolute_paths_are_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().file("/etc/passwd", "root").tarGz()))
                .hasMessage("blueprint archive entry '/etc/passwd' refused: absolute paths are not allowed");
    }

    @Test
    void symlink_to_an_absolute_path_is_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().file("bp/blueprint.yaml", BLUEPRINT)
                .symlink("bp/etc", "/etc").tarGz()))
                .hasMessage("blueprint archive entry 'bp/etc' refused: symbolic link to '/etc' points outside the"
                        + " archive");
    }

    @Test
    void symlink_climbing_out_of_the_archive_is_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().symlink("bp/x", "../../x").tarGz()))
                .hasMessage("blueprint archive entry 'bp/x' refused: symbolic link to '../../x' points outside the"
                        + " archive");
    }

    @Test
    void hard_link_out_of_the_archive_is_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().hardLink("bp/shadow", "../../etc/shadow")
                .tarGz()))
                .hasMessage("blueprint archive entry 'bp/shadow' refused: hard link to '../../etc/shadow' points"
                        + " outside the archive");
    }

    @Test
    void device_entries_are_refused() {
        refused(() -> BlueprintArchive.fromTarGz(new ArchiveBuilder().characterDevice("bp/null").tarGz()))
                .hasMessage("blueprint archive entry 'bp/null' refused: device and FIFO entries are not allowed");
    }

    @Test
    void archives_unpacking_beyond_the_size_limit_are_refused() {
        byte[] big = new byte[4096];
        byte[] archive = new ArchiveBuilder().file("bp/a.bin", big).file("bp/b.bin", big).tarGz();
        refused(() -> BlueprintArchive.fromTarGz(archive, new ArchiveLimits(6000, 100)))
                .hasMessage("blueprint archive entry 'bp/b.bin' refused: the archive unpacks to more than 6000 bytes");
    }

    @Test
    void archives_with_too_many_entries_are_refused() {
        ArchiveBuilder builder = new ArchiveBuilder();
        for (int i = 0; i < 6; i++) {
            builder.file("bp/f" + i, "x");
        }
        refused(() -> BlueprintArchive.fromTarGz(builder.tarGz(), new ArchiveLimits(1000, 5)))
                .hasMessage("blueprint archive entry 'bp/f5' refused: the archive has more than 5 entries");
    }

    @Test
    void the_default_limits_are_fifty_mebibytes_and_ten_thousand_entries() {
        assertThat(ArchiveLimits.DEFAULT).isEqualTo(new ArchiveLimits(50L * 1024 * 1024, 10_000));
    }

    @Test
    void garbage_bytes_are_refused_with_a_clear_message() {
        byte[] garbage = "this is not an archive".getBytes(StandardCharsets.UTF_8);
        refused(() -> BlueprintArchive.fromTarGz(garbage))
                .hasMessageStartingWith("blueprint archive is not a readable tar.gz");
        refused(() -> BlueprintArchive.fromZip(garbage)).hasMessageStartingWith("blueprint archive is not a readable zip");
    }

    @Test
    void truncated_tar_gz_is_refused_with_a_clear_message() {
        byte[] whole = new ArchiveBuilder().file("bp/blueprint.yaml", BLUEPRINT.repeat(50)).tarGz();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        refused(() -> BlueprintArchive.fromTarGz(truncated))
                .hasMessageStartingWith("blueprint archive is not a readable tar.gz");
    }

    @Test
    void zip_entries_climbing_out_are_refused() {
        refused(() -> BlueprintArchive.fromZip(new ArchiveBuilder().file("../evil", "x").zip()))
                .hasMessage("blueprint archive entry '../evil' refused: '..' path segments are not allowed");
    }

    @Test
    void zip_symlinks_out_of_the_archive_are_refused() {
        refused(() -> BlueprintArchive.fromZip(new ArchiveBuilder().symlink("bp/etc", "/etc").zip()))
                .hasMessage("blueprint archive entry 'bp/etc' refused: symbolic link to '/etc' points outside the"
                        + " archive");
    }

    @Test
    void missing_main_file_is_an_invalid_blueprint() {
        BlueprintArchive archive = BlueprintArchive.fromTarGz(new ArchiveBuilder().file("bp/other.yaml", "a: 1")
                .tarGz());
        refused(() -> archive.mainYaml("blueprint.yaml"))
                .hasMessage("application file 'blueprint.yaml' is not in the blueprint archive; it holds [other.yaml]");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_BLUEPRINT));
    }
}
