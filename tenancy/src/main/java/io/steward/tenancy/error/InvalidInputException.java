package io.steward.tenancy.error;

/** The caller sent something we cannot accept; the message says what and where. */
public class InvalidInputException extends StewardException {
    public InvalidInputException(Problem problem, String message) {
        super(problem, message);
    }

    public InvalidInputException(String message) {
        super(Problem.INVALID_INPUT, message);
    }
}
