package io.steward.engine.runner;

import io.steward.tenancy.store.DatabaseUnreachable;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's bookkeeping waits an outage out, up to the limit; other failures are not retried. */
class DatabaseOutagesTest {
    private final DatabaseOutages outages = new DatabaseOutages(Duration.ofMillis(200), Duration.ofMillis(10), null);

    @Test
    void work_that_fails_while_the_database_is_out_goes_through_once_it_is_back() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        String result = outages.waitOut("recording", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw outage();
            }
            return "recorded";
        });
        assertThat(result).isEqualTo("recorded");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void past_the_limit_it_fails_saying_why_and_is_not_taken_for_an_outage_again() {
        assertThatThrownBy(() -> outages.waitOut("recording the end of task t1", () -> {
            throw outage();
        })).isInstanceOf(DatabaseOutages.DatabaseOutageLimitExceeded.class)
                .hasMessage("The database was unreachable for longer than steward.engine.database-outage-limit"
                        + " (200ms) while recording the end of task t1: wrapped")
                .satisfies(e -> assertThat(DatabaseUnreachable.explains(e)).isFalse());
    }

    @Test
    void a_failure_that_is_not_an_outage_is_not_retried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> outages.waitOut("recording", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void settings_read_as_they_are_written() {
        assertThat(DatabaseOutages.readable(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DatabaseOutages.readable(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DatabaseOutages.readable(Duration.ofMillis(500))).isEqualTo("500ms");
    }

    private static RuntimeException outage() {
        return new IllegalStateException("wrapped", new SQLTransientConnectionException("no connection"));
    }
}
