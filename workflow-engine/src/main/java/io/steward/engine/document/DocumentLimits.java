package io.steward.engine.document;

/**
 * How much one YAML or JSON document from a user may build once parsed. Both limits are measured on the document as
 * expanded: a YAML alias counts again, whole, at every place it is used, because that is what converting it builds.
 *
 * @param maxNodes every mapping, list and scalar (mapping keys included), setting {@value #MAX_NODES_SETTING}
 * @param maxSize  characters: of the text itself, and of every scalar summed over the expanded document, setting
 *                 {@value #MAX_SIZE_SETTING}
 */
public record DocumentLimits(long maxNodes, long maxSize) {
    public static final String MAX_NODES_SETTING = "steward.parse.max-nodes";
    public static final String MAX_SIZE_SETTING = "steward.parse.max-size";
    public static final long DEFAULT_MAX_NODES = 200_000;
    public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;
    public static final DocumentLimits DEFAULT = new DocumentLimits(DEFAULT_MAX_NODES, DEFAULT_MAX_SIZE);

    public DocumentLimits {
        if (maxNodes <= 0 || maxSize <= 0) {
            throw new IllegalArgumentException(MAX_NODES_SETTING + " and " + MAX_SIZE_SETTING + " must be positive");
        }
    }

    /** Refuses text longer than the size limit before any parsing starts. */
    public void checkLength(CharSequence text, String what) {
        if (text.length() > maxSize) {
            throw tooLarge(what);
        }
    }

    /** SnakeYAML's and Jackson's own limits take an int; a larger setting is as good as no limit there. */
    int maxSizeAsInt() {
        return (int) Math.min(Integer.MAX_VALUE, maxSize);
    }

    DocumentTooLargeException tooManyNodes(String what) {
        return new DocumentTooLargeException(what + " has more than " + maxNodes + " values (limit "
                + MAX_NODES_SETTING + " = " + maxNodes + ")");
    }

    DocumentTooLargeException tooLarge(String what) {
        return new DocumentTooLargeException(what + " is larger than " + maxSize + " characters (limit "
                + MAX_SIZE_SETTING + " = " + maxSize + ")");
    }
}
