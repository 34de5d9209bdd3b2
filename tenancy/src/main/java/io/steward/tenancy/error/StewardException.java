package io.steward.tenancy.error;

/**
 * Base of every exception Steward raises on purpose. It lives in the lowest module so that tenancy and the engine
 * share one hierarchy, and each API renders it by {@link #problem()} alone.
 */
public abstract class StewardException extends RuntimeException {
    private final Problem problem;

    protected StewardException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    protected StewardException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
