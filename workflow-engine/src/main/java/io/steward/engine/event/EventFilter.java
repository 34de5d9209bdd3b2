package io.steward.engine.event;

import java.time.Instant;
import java.util.List;

/**
 * What events may be filtered by besides exact column values (those go in the {@link io.steward.tenancy.store.ListQuery}
 * filters): text patterns on the message and the operation, a creation interval, and a position in the log. A text
 * pattern matches case-insensitively; {@code *} stands for any run of characters, and a pattern without one matches
 * anywhere in the text. Every pattern must match; nulls and empty lists mean "no filter".
 *
 * @param createdFrom inclusive
 * @param createdUntil exclusive
 * @param afterStorageId only events stored after this one (an event stream's resume point)
 */
public record EventFilter(List<String> messagePatterns, List<String> operationPatterns, Instant createdFrom,
                          Instant createdUntil, Long afterStorageId) {
    public static final EventFilter NONE = new EventFilter(List.of(), List.of(), null, null, null);

    public EventFilter {
        messagePatterns = List.copyOf(messagePatterns);
        operationPatterns = List.copyOf(operationPatterns);
    }

    /** The events stored after {@code storageId}. */
    public static EventFilter after(long storageId) {
        return new EventFilter(List.of(), List.of(), null, null, storageId);
    }
}
