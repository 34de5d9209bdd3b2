package io.steward.ogc.process;

import io.steward.tenancy.error.Problem;
import io.steward.tenancy.error.StewardException;

/**
 * A refusal of the processes-and-jobs domain that OGC API – Processes names with its own exception type. The
 * {@link Reason} says which; the {@link Problem} keeps the meaning other renderers understand.
 */
public class ProcessException extends StewardException {

    /** The OGC exception each refusal is reported as. */
    public enum Reason {
        NO_SUCH_PROCESS(Problem.NOT_FOUND),
        NO_SUCH_JOB(Problem.NOT_FOUND),
        RESULT_NOT_READY(Problem.NOT_FOUND),
        /** The job failed or was dismissed: it has no results, and the message says why. */
        JOB_FAILED(Problem.CONFLICT),
        NO_SUCH_OUTPUT(Problem.INVALID_INPUT),
        INVALID_PARAMETER_VALUE(Problem.INVALID_INPUT),
        INVALID_QUERY_PARAMETER_VALUE(Problem.INVALID_INPUT),
        DUPLICATED_PROCESS(Problem.ALREADY_EXISTS),
        IMMUTABLE_PROCESS(Problem.FORBIDDEN),
        UNSUPPORTED_MEDIA_TYPE(Problem.INVALID_INPUT);

        private final Problem problem;

        Reason(Problem problem) {
            this.problem = problem;
        }
    }

    private final Reason reason;

    public ProcessException(Reason reason, String message) {
        super(reason.problem, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ProcessException noSuchProcess(String id) {
        return new ProcessException(Reason.NO_SUCH_PROCESS, "Process '" + id + "' does not exist");
    }

    static ProcessException noSuchJob(String id) {
        return new ProcessException(Reason.NO_SUCH_JOB, "Job '" + id + "' does not exist");
    }

    public static ProcessException invalidInput(String message) {
        return new ProcessException(Reason.INVALID_PARAMETER_VALUE, message);
    }

    public static ProcessException invalidQuery(String message) {
        return new ProcessException(Reason.INVALID_QUERY_PARAMETER_VALUE, message);
    }
}
