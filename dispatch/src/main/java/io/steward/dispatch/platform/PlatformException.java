package io.steward.dispatch.platform;

/** A platform call that did not give an answer Steward can use; {@code kind} says whether trying again can help. */
public class PlatformException extends Exception {

    public enum Kind {
        /** Connection refused, reset or timed out; a 5xx. Worth trying again later. */
        UNAVAILABLE,
        /** The platform refused the credentials (401/403), or the token for it could not be had. */
        UNAUTHORIZED,
        /** The platform refused the request itself (another 4xx): trying again will not help. */
        REFUSED,
        /** The platform answered something Steward cannot read. */
        UNREADABLE
    }

    private final Kind kind;
    private final int httpStatus;

    public PlatformException(Kind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public PlatformException(Kind kind, int httpStatus, String message) {
        this(kind, httpStatus, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The platform's HTTP status, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
