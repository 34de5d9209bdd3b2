package io.steward.engine.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An extracted blueprint directory in which a test writes the scripts it runs. */
final class Blueprint {

    final Path root;

    Blueprint(Path root) {
        this.root = root;
    }

    /** Writes a script; it is not made executable, since archives often lose that bit. */
    Path script(String relativePath, String... lines) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
