package io.steward.engine.blueprint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Entry names as archives spell them, turned into safe relative paths or refused. */
final class ArchivePath {
    private ArchivePath() {
    }

    /**
     * A clean relative path ({@code a/b.sh}) for an entry name, refusing absolute names and any {@code ..} segment:
     * an honest blueprint never needs them, and rejecting them outright is simpler to trust than resolving them.
     */
    static String normalize(String entryName) {
        String name = entryName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw ArchiveReading.refuse(entryName, "absolute paths are not allowed");
        }
        StringBuilder clean = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw ArchiveReading.refuse(entryName, "'..' path segments are not allowed");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (clean.length() > 0) {
                clean.append('/');
            }
            clean.append(segment);
        }
        return clean.toString();
    }

    /**
     * Resolves a symbolic link's target against the directory of the link, or empty when the target is absolute or
     * climbs out of the archive.
     */
    static Optional<String> resolveLinkTarget(String linkPath, String target) {
        String unified = target.replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        int slash = linkPath.lastIndexOf('/');
        if (slash > 0) {
            for (String segment : linkPath.substring(0, slash).split("/")) {
                segments.addLast(segment);
            }
        }
        for (String segment : unified.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return Optional.of(String.join("/", segments));
    }

    /** Joins a path relative to the directory of {@code fromFile}; used for imports. */
    static Optional<String> resolveRelative(String fromFile, String relative) {
        return resolveLinkTarget(fromFile, relative);
    }
}
