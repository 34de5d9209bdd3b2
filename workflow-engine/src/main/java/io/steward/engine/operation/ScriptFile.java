package io.steward.engine.operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds a script inside the extracted blueprint archive and refuses any path that leads outside it: absolute paths,
 * {@code ..} that climbs above the root, and symbolic links that resolve outside. A blueprint is user input, so
 * nothing outside its own files may be executed.
 */
final class ScriptFile {

    private ScriptFile() {
    }

    /** @return the script's real path, inside the real path of {@code blueprintRoot} */
    static Path resolve(Path blueprintRoot, String implementation) {
        if (implementation.isBlank()) {
            throw new OperationFailure("Script operation has no implementation path");
        }
        if (blueprintRoot == null) {
            throw new OperationFailure("Script " + implementation + " cannot run: the request names no blueprint root");
        }
        Path relative = parse(implementation);
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw refused(implementation, "it is an absolute path");
        }
        if (relative.normalize().startsWith("..")) {
            throw refused(implementation, "it leads outside the blueprint directory");
        }
        Path root = realPath(blueprintRoot, "blueprint root " + blueprintRoot + " does not exist");
        Path script = realPath(root.resolve(relative), "Script " + implementation + " was not found in the blueprint");
        if (!script.startsWith(root)) {
            throw refused(implementation, "it resolves (through a symbolic link) outside the blueprint directory");
        }
        if (!Files.isRegularFile(script)) {
            throw new OperationFailure("Script " + implementation + " is not a regular file");
        }
        return script;
    }

    private static Path parse(String implementation) {
        try {
            return Path.of(implementation);
        } catch (InvalidPathException e) {
            throw refused(implementation, "it is not a valid path (" + e.getReason() + ")");
        }
    }

    private static Path realPath(Path path, String missing) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new OperationFailure(missing);
        }
    }

    private static OperationFailure refused(String implementation, String why) {
        return new OperationFailure("Refusing to run script " + implementation + ": " + why);
    }
}
