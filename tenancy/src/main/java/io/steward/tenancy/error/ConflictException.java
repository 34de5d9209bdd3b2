package io.steward.tenancy.error;

/** The request clashes with the current state: a duplicate id, a record still in use, a busy deployment. */
public class ConflictException extends StewardException {
    public ConflictException(Problem problem, String message) {
        super(problem, message);
    }
}
