package io.steward.tenancy.error;

/** Authentication failed ({@link Problem#UNAUTHENTICATED}) or the caller may not do this ({@link Problem#FORBIDDEN}). */
public class AccessDeniedException extends StewardException {
    public AccessDeniedException(Problem problem, String message) {
        super(problem, message);
    }
}
