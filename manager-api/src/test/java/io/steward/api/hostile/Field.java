package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Expected;

/**
 * A field of a JSON request body and what it holds, which decides the right answer to each hostile value.
 * {@code missing} is the answer when the field is absent or null (null: the field is optional); {@code empty} and
 * {@code unknown} override the answers to an empty string and to a reference that names nothing.
 */
record Field(String name, Kind kind, Expected missing, Expected empty, Expected unknown, boolean unbounded) {

    enum Kind {
        /** Names something that must exist (a lookup): hostile text finds nothing. */
        REFERENCE,
        /** The name of something the request creates: the name rule refuses hostile text. */
        NEW_NAME,
        /** One of a fixed set of words (a role, a status, a visibility). */
        CHOICE,
        /** Free text: any string is valid but a NUL or an oversized one. */
        TEXT,
        /** A password: any string is valid but an oversized one (it is hashed, never stored as text). */
        SECRET,
        DATE_TIME,
        BOOL,
        INT,
        OBJECT,
        /** A list of objects. */
        LIST
    }

    static Field of(String name, Kind kind) {
        return new Field(name, kind, null, null, null, false);
    }

    Field required(Expected answer) {
        return new Field(name, kind, answer, empty, unknown, unbounded);
    }

    Field whenEmpty(Expected answer) {
        return new Field(name, kind, missing, answer, unknown, unbounded);
    }

    Field whenUnknown(Expected answer) {
        return new Field(name, kind, missing, empty, answer, unbounded);
    }

    /** Text stored without a length limit (an error text): an oversized value is not a refusal. */
    Field unboundedText() {
        return new Field(name, kind, missing, empty, unknown, true);
    }

    boolean isString() {
        return switch (kind) {
            case REFERENCE, NEW_NAME, CHOICE, TEXT, SECRET, DATE_TIME -> true;
            default -> false;
        };
    }
}
