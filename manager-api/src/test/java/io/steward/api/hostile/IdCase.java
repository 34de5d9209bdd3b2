package io.steward.api.hostile;

import io.steward.api.hostile.HostileCase.Expected;

/** Adds the case of one hostile path id: its name, its encoded segment and the answer it must get. */
@FunctionalInterface
interface IdCase {
    void add(String name, String segment, Expected answer);
}
