package io.steward.engine.document;

/**
 * A document over one of the {@link DocumentLimits}; the message names the limit and its setting. Each caller turns it
 * into its own refusal (an invalid blueprint, an invalid request body), so it never reaches a renderer as it is.
 */
public final class DocumentTooLargeException extends RuntimeException {
    DocumentTooLargeException(String message) {
        super(message, null, false, false);
    }
}
