package io.steward.tenancy.error;

/** The record does not exist, or exists in a tenant the caller cannot see: both look the same from outside. */
public class NotFoundException extends StewardException {
    public NotFoundException(String kind, String id) {
        super(Problem.NOT_FOUND, "Requested `" + kind + "` with ID `" + id + "` was not found");
    }
}
