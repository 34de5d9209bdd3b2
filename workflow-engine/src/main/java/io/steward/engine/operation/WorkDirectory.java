package io.steward.engine.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fresh directory a command runs in: its input files are written there before it starts, its output files are
 * read from there after it ends, and then it is deleted. Every path handed in stays inside it.
 */
final class WorkDirectory {

    private final Path directory;

    private WorkDirectory(Path directory) {
        this.directory = directory;
    }

    static WorkDirectory create(Path workRoot) {
        try {
            Files.createDirectories(workRoot);
            return new WorkDirectory(Files.createTempDirectory(workRoot, "command-").toRealPath());
        } catch (IOException e) {
            throw new OperationFailure("Cannot create the work directory of a command under " + workRoot + ": "
                    + e.getMessage());
        }
    }

    /**
     * Checks a relative path given by a blueprint: not empty, not absolute, no {@code ..} segment.
     *
     * @param what names the input in the message, e.g. {@code "input 'files'"}
     */
    static Path relative(String path, String what) {
        if (path.isBlank()) {
            throw new OperationFailure(what + ": a path must not be empty");
        }
        Path relative = Path.of(path);
        if (relative.isAbsolute() || path.startsWith("/")) {
            throw new OperationFailure(what + ": path '" + path + "' must be relative to the work directory");
        }
        for (Path segment : relative) {
            if (segment.toString().equals("..")) {
                throw new OperationFailure(what + ": path '" + path + "' must not contain '..'");
            }
        }
        return relative.normalize();
    }

    Path path() {
        return directory;
    }

    void write(Map<Path, String> files) {
        files.forEach((relative, content) -> {
            Path file = directory.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OperationFailure("Cannot write input file " + relative + " into the work directory: "
                        + e.getMessage());
            }
        });
    }

    /**
     * Reads an output file the process left. A symbolic link pointing outside the directory is refused like a
     * missing file, so a process cannot make the engine read files of the host.
     *
     * @throws OperationFailure when the file is missing, outside, or larger than {@code cap}
     */
    byte[] read(Path relative, String name, long cap) {
        Path file = directory.resolve(relative);
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(directory) || !Files.isRegularFile(real)) {
                throw new OperationFailure("Output file '" + name + "' (" + relative + ") is not a file inside "
                        + "the work directory");
            }
            long size = Files.size(real);
            if (size > cap) {
                throw new OperationFailure("Output file '" + name + "' (" + relative + ") holds " + size
                        + " bytes, more than the limit of " + cap + " bytes");
            }
            return Files.readAllBytes(real);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OperationFailure("Output file '" + name + "' (" + relative + ") was not written");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read output file '" + name + "' (" + relative + ")", e);
        }
    }

    void delete() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for whoever cleans the work root.
        }
    }
}
