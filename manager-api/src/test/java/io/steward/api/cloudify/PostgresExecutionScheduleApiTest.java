package io.steward.api.cloudify;

import io.steward.api.support.Api;
import io.steward.api.support.SettableClock;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresExecutionScheduleApiTest extends AbstractExecutionScheduleApiTest {
    @Override
    protected Map<String, Object> database() {
        return TestDatabase.postgres();
    }

    @Test
    void two_servers_racing_over_one_occurrence_fire_it_once() {
        Map<String, Object> database = database();
        String tenant = unique("t");
        String username = unique("u");
        try (StewardServer first = StewardServer.start(database, properties());
             StewardServer second = StewardServer.start(database, properties())) {
            Api user = deployed(first, member(first, tenant, username));
            SettableClock firstClock = first.context().getBean(SettableClock.class);
            SettableClock secondClock = second.context().getBean(SettableClock.class);
            Instant at = firstClock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            create(user, "raced", Map.of("workflow_id", "one_task", "since", cliTime(at), "recurrence", "1 hour"));
            for (int hour = 0; hour < 3; hour++) {
                Instant due = at.plus(Duration.ofHours(hour));
                firstClock.advance(Duration.between(firstClock.instant(), due));
                secondClock.advance(Duration.between(secondClock.instant(), due));
                List<CompletableFuture<Void>> rounds = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    StewardServer on = i % 2 == 0 ? first : second;
                    rounds.add(CompletableFuture.runAsync(() -> tick(on)));
                }
                rounds.forEach(CompletableFuture::join);
                assertThat(executions(user)).as("hour " + hour).hasSize(hour + 1);
            }
        }
    }
}
