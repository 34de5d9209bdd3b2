package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Reads a zip through its central directory, which is what zip tools themselves trust. */
final class ZipReader {
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int MAX_LINK_TARGET_BYTES = 4096;

    private ZipReader() {
    }

    static Map<String, byte[]> read(byte[] archive, ArchiveLimits limits) {
        ArchiveReading reading = new ArchiveReading(limits);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                reading.countEntry(entry.getName());
                addEntry(reading, zip, entry);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException refused) {
                throw refused;
            }
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT,
                    "blueprint archive is not a readable zip: " + e.getMessage());
        }
        return reading.finish();
    }

    private static void addEntry(ArchiveReading reading, ZipFile zip, ZipArchiveEntry entry) throws IOException {
        String name = entry.getName();
        int fileType = entry.getUnixMode() & FILE_TYPE_MASK;
        if (fileType == FIFO || fileType == CHARACTER_DEVICE || fileType == BLOCK_DEVICE) {
            throw ArchiveReading.refuse(name, "device and FIFO entries are not allowed");
        }
        if (entry.isUnixSymlink()) {
            reading.addSymbolicLink(name, linkTarget(zip, entry));
        } else if (entry.isDirectory()) {
            ArchivePath.normalize(name);
        } else {
            try (InputStream content = zip.getInputStream(entry)) {
                reading.addFile(name, content);
            }
        }
    }

    /** A zip symlink stores its target as the entry's content. */
    private static String linkTarget(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        try (InputStream content = zip.getInputStream(entry)) {
            byte[] target = content.readNBytes(MAX_LINK_TARGET_BYTES + 1);
            if (target.length > MAX_LINK_TARGET_BYTES) {
                throw ArchiveReading.refuse(entry.getName(), "symbolic link target is too long");
            }
            return new String(target, StandardCharsets.UTF_8);
        }
    }
}
