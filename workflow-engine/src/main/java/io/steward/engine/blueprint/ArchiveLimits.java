package io.steward.engine.blueprint;

/**
 * How much a blueprint archive may unpack to. The limits are checked while reading, against the bytes actually
 * produced, never against the sizes the archive claims in its headers.
 *
 * @param maxTotalBytes the sum of all unpacked file sizes
 * @param maxEntries    entries of any kind (files, directories, links)
 */
public record ArchiveLimits(long maxTotalBytes, int maxEntries) {
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(50L * 1024 * 1024, 10_000);

    public ArchiveLimits {
        if (maxTotalBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
