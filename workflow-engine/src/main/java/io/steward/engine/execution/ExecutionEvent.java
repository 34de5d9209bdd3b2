package io.steward.engine.execution;

import java.util.Locale;

/**
 * What happened to an execution: the only input that may change its status, through {@link ExecutionTransitions}.
 * Each event names a fact, not a target status, so one event can lead to different statuses depending on where the
 * execution is (a cancel of a queued execution ends it at once; a cancel of a running one asks it to stop).
 *
 * <p>Each event says who reports it. Reports from the run arrive asynchronously and may come late, after a kill or
 * a cancel already ended the execution; {@link ExecutionTransitions#isLateReport} lets the caller ignore them.
 */
public enum ExecutionEvent {
    /** A scheduled execution came due but is blocked (another active execution on its deployment, or the global cap). */
    QUEUED(Reporter.SCHEDULER),
    /** A queued execution is no longer blocked and may run now. */
    DEQUEUED(Reporter.SCHEDULER),
    /** A scheduled execution reached its {@code scheduled_for} time and nothing blocks it. */
    SCHEDULE_DUE(Reporter.SCHEDULER),

    /** A runner claimed the execution and the workflow began. */
    STARTED(Reporter.RUN),
    /** The workflow finished and every operation succeeded. */
    SUCCEEDED(Reporter.RUN),
    /**
     * The workflow failed, or the execution can never run (for example its parameters no longer validate when it
     * is dequeued): it ends {@code failed} with a clear error rather than staying {@code pending}.
     */
    FAILED(Reporter.RUN),
    /**
     * The run ended after a cancel, force-cancel or kill was requested. The engine reports this, rather than
     * {@link #SUCCEEDED} or {@link #FAILED}, for any run that ends while a cancel is in progress: the caller asked
     * for a cancel and observes {@code cancelled}.
     */
    STOPPED_AFTER_CANCEL(Reporter.RUN),

    /** Cloudify action {@code cancel}: start nothing new, let the workflow stop at its next step. */
    CANCEL_REQUESTED(Reporter.CALLER),
    /** Cloudify action {@code force-cancel}: stop waiting for the workflow at once; running operations are not killed. */
    FORCE_CANCEL_REQUESTED(Reporter.CALLER),
    /** Cloudify action {@code kill}: kill the workflow and every operation process of the execution. */
    KILL_REQUESTED(Reporter.CALLER),
    /** Cloudify action {@code resume}: run a failed, cancelled or interrupted execution again, skipping finished work. */
    RESUMED(Reporter.CALLER),
    /** Cloudify action {@code force-resume}: like {@link #RESUMED}, and operations that were in flight run again too. */
    FORCE_RESUMED(Reporter.CALLER),
    /**
     * Cloudify action {@code resume} (or {@code force-resume}) on an execution group: a failed or cancelled member
     * goes back to the queue rather than straight to {@code pending}, so the group's concurrency still holds.
     */
    RESUMED_IN_GROUP(Reporter.CALLER);

    private enum Reporter { SCHEDULER, RUN, CALLER }

    private final Reporter reporter;

    ExecutionEvent(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Reported by the running workflow (or by the engine on its behalf), so it may arrive after the execution ended. */
    public boolean isReportFromTheRun() {
        return reporter == Reporter.RUN;
    }

    /** Requested by a user through one of the APIs. */
    public boolean isRequestedByCaller() {
        return reporter == Reporter.CALLER;
    }

    /** Lower-case name used in diagrams, logs and messages, e.g. {@code cancel_requested}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
