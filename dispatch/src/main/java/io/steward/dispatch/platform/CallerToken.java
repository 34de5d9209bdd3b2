package io.steward.dispatch.platform;

/**
 * The bearer token the Steward caller presented, kept for platforms whose auth forwards or exchanges it; null
 * {@code value} when the caller signed in another way.
 */
public record CallerToken(String value) {
    public static final CallerToken NONE = new CallerToken(null);

    @Override
    public String toString() {
        return value == null ? "CallerToken[none]" : "CallerToken[****]";
    }
}
