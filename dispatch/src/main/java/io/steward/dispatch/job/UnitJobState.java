package io.steward.dispatch.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How far the dispatch of one unit job got. The intent to submit is recorded before any platform call
 * ({@link #SUBMIT}); a server marks the row {@link #SUBMITTING} (under its lease) right before it sends the job, so
 * a row still {@code SUBMITTING} when its lease ran out is a submission whose outcome is unknown: it is reported so
 * and never sent again. Every move is checked against {@link #NEXT} and applied as a compare-and-set.
 */
public enum UnitJobState {
    /** Recorded, not yet sent. */
    SUBMIT,
    /** Being sent by the server holding the lease. */
    SUBMITTING,
    /** The platform has it under {@code remote_job_id}; polled until it ends. */
    TRACKING,
    /** Nothing more to do: it finished, failed, was cancelled, or its outcome is unknown. */
    ENDED;

    private static final Map<UnitJobState, Set<UnitJobState>> NEXT = Map.of(
            SUBMIT, EnumSet.of(SUBMITTING, ENDED),
            // Back to SUBMIT only when the platform surely did not get it (the connection was refused).
            SUBMITTING, EnumSet.of(TRACKING, ENDED, SUBMIT),
            TRACKING, EnumSet.of(ENDED),
            ENDED, EnumSet.noneOf(UnitJobState.class));

    public boolean mayMoveTo(UnitJobState next) {
        return NEXT.get(this).contains(next);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnitJobState ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
