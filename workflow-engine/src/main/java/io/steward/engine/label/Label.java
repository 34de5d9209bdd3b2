package io.steward.engine.label;

import java.time.Instant;

/** One label of a deployment or blueprint: a lower-cased key and a value, with who added it and when. */
public record Label(String key, String value, Instant createdAt, String createdBy) {

    /** A key and value asked for, before it is stored. */
    public record Wanted(String key, String value) {
    }
}
