package io.steward.engine.blueprint;

import io.steward.tenancy.error.InvalidInputException;
import io.steward.tenancy.error.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads a gzip-compressed tar, the format Cloudify's client uploads. */
final class TarGzReader {
    private TarGzReader() {
    }

    static Map<String, byte[]> read(byte[] archive, ArchiveLimits limits) {
        ArchiveReading reading = new ArchiveReading(limits);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(archive), true))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                reading.countEntry(entry.getName());
                addEntry(reading, tar, entry);
            }
        } catch (IOException | RuntimeException e) {
            // commons-compress signals corrupt headers with IllegalArgumentException as well as IOException.
            if (e instanceof InvalidInputException refused) {
                throw refused;
            }
            throw new InvalidInputException(Problem.INVALID_BLUEPRINT,
                    "blueprint archive is not a readable tar.gz: " + e.getMessage());
        }
        return reading.finish();
    }

    private static void addEntry(ArchiveReading reading, TarArchiveInputStream tar, TarArchiveEntry entry)
            throws IOException {
        String name = entry.getName();
        if (entry.isSymbolicLink()) {
            reading.addSymbolicLink(name, entry.getLinkName());
        } else if (entry.isLink()) {
            reading.addHardLink(name, entry.getLinkName());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw ArchiveReading.refuse(name, "device and FIFO entries are not allowed");
        } else if (entry.isDirectory()) {
            ArchivePath.normalize(name);
        } else if (entry.isFile()) {
            reading.addFile(name, tar);
        } else {
            throw ArchiveReading.refuse(name, "unsupported tar entry type");
        }
    }
}
