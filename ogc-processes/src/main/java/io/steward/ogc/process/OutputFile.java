package io.steward.ogc.process;

/**
 * A job output that is a file (a CWL {@code File}, or a {@code Directory} as a tar archive): always sent by reference,
 * its bytes served where the reference points.
 */
public record OutputFile(String name, String mediaType, byte[] content) {
}
