package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the entries of one archive while enforcing {@link ArchiveLimits}: counts entries, counts the bytes
 * really inflated, records links to resolve once every file is known, and finally strips the single top directory.
 */
final class ArchiveReading {
    private static final int MAX_LINK_HOPS = 8;

    private final ArchiveLimits limits;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private final Map<String, String> linkEntryNames = new LinkedHashMap<>();
    private int entries;
    private long totalBytes;

    ArchiveReading(ArchiveLimits limits) {
        this.limits = limits;
    }

    static InvalidInputException refuse(String entryName, String reason) {
        return new InvalidInputException(Problem.INVALID_BLUEPRINT,
                "blueprint archive entry '" + entryName + "' refused: " + reason);
    }

    void countEntry(String entryName) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw refuse(entryName, "the archive has more than " + limits.maxEntries() + " entries");
        }
    }

    void addFile(String entryName, InputStream content) throws IOException {
        String path = ArchivePath.normalize(entryName);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = content.read(buffer)) != -1) {
            totalBytes += read;
            if (totalBytes > limits.maxTotalBytes()) {
                throw refuse(entryName, "the archive unpacks to more than " + limits.maxTotalBytes() + " bytes");
            }
            out.write(buffer, 0, read);
        }
        if (!path.isEmpty()) {
            files.put(path, out.toByteArray());
        }
    }

    /** A symbolic link: {@code target} is relative to the link's own directory. */
    void addSymbolicLink(String entryName, String target) {
        String path = ArchivePath.normalize(entryName);
        String resolved = ArchivePath.resolveLinkTarget(path, target).orElseThrow(
                () -> refuse(entryName, "symbolic link to '" + target + "' points outside the archive"));
        links.put(path, resolved);
        linkEntryNames.put(path, entryName);
    }

    /** A hard link: tar names its target by archive path, so it must itself be a safe archive path. */
    void addHardLink(String entryName, String target) {
        String path = ArchivePath.normalize(entryName);
        String resolved;
        try {
            resolved = ArchivePath.normalize(target);
        } catch (InvalidInputException e) {
            throw refuse(entryName, "hard link to '" + target + "' points outside the archive");
        }
        links.put(path, resolved);
        linkEntryNames.put(path, entryName);
    }

    /** The files by path, links replaced by their targets' content, without the single top directory. */
    Map<String, byte[]> finish() {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        links.forEach((path, target) -> all.put(path, follow(path, target)));
        return Collections.unmodifiableMap(stripTopDirectory(all));
    }

    private byte[] follow(String linkPath, String target) {
        String current = target;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            byte[] content = files.get(current);
            if (content != null) {
                return content;
            }
            Optional<String> next = Optional.ofNullable(links.get(current));
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        throw refuse(linkEntryNames.get(linkPath), "link target '" + target + "' is not a file in the archive");
    }

    private static Map<String, byte[]> stripTopDirectory(Map<String, byte[]> all) {
        String top = null;
        for (String path : all.keySet()) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                return all;
            }
            String first = path.substring(0, slash);
            if (top != null && !top.equals(first)) {
                return all;
            }
            top = first;
        }
        if (top == null) {
            return all;
        }
        Map<String, byte[]> stripped = new LinkedHashMap<>();
        int prefix = top.length() + 1;
        all.forEach((path, content) -> stripped.put(path.substring(prefix), content));
        return stripped;
    }
}
