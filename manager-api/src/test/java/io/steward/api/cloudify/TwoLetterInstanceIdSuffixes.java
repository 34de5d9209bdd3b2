package io.steward.api.cloudify;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.steward.engine.deployment.InstanceIdSuffixes;
import jakarta.inject.Singleton;

import java.util.concurrent.ThreadLocalRandom;

/** Suffixes of {@code a} and {@code b} only (64 in all), for servers of tests that force instance id collisions. */
@Singleton
@Replaces(InstanceIdSuffixes.class)
@Requires(property = TwoLetterInstanceIdSuffixes.PROPERTY, value = "true")
public class TwoLetterInstanceIdSuffixes extends InstanceIdSuffixes {
    static final String PROPERTY = "steward.test.two-letter-instance-ids";

    @Override
    public String next() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ThreadLocalRandom.current().nextBoolean() ? 'a' : 'b');
        }
        return suffix.toString();
    }
}
