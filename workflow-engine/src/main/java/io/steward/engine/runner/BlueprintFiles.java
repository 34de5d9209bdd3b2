package io.steward.engine.runner;

import io.micronaut.context.annotation.Value;
import io.steward.engine.blueprint.Blueprint;
import io.steward.engine.blueprint.BlueprintArchive;
import io.steward.engine.blueprint.BlueprintService;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Unpacks a blueprint's archive to disk once, so its scripts can run. The folder is named by tenant, blueprint and
 * upload time, so a blueprint deleted and uploaded again under the same id gets a fresh folder.
 */
@Singleton
class BlueprintFiles {
    private final Path root;

    BlueprintFiles(@Value("${steward.engine.work-dir:}") String workDir) {
        try {
            this.root = workDir == null || workDir.isBlank()
                    ? Files.createTempDirectory("steward-work") : Files.createDirectories(Path.of(workDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the engine's work directory", e);
        }
    }

    Path workRoot() {
        return root;
    }

    synchronized Path unpacked(Blueprint blueprint, BlueprintService blueprints) {
        Path dir = root.resolve("blueprints").resolve(blueprint.tenantName())
                .resolve(blueprint.id() + "-" + blueprint.createdAt().toEpochMilli());
        if (Files.isDirectory(dir.resolve(".complete"))) {
            return dir;
        }
        BlueprintArchive archive = blueprints.archive(blueprint.id());
        try {
            for (Map.Entry<String, byte[]> file : archive.files().entrySet()) {
                Path target = dir.resolve(file.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalStateException("Archive entry escapes the blueprint folder: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                if (file.getKey().endsWith(".sh") || file.getKey().endsWith(".py") || startsWithShebang(file.getValue())) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.createDirectories(dir.resolve(".complete"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack blueprint " + blueprint.id(), e);
        }
        return dir;
    }

    private static boolean startsWithShebang(byte[] content) {
        return content.length > 1 && content[0] == '#' && content[1] == '!';
    }
}
