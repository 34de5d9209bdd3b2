package io.steward.api.cloudify;

import io.steward.api.support.Await;
import io.steward.api.support.StewardServer;
import io.steward.api.support.TestDatabase;
import io.steward.tenancy.store.DatabaseNotices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices between servers: on PostgreSQL a published notice reaches every listener on the database, here two servers;
 * on H2 (one server) nothing listens and publishing does nothing, so callers rely on polling there.
 */
class DatabaseNoticesTest {

    @Test
    void on_postgresql_a_notice_reaches_the_listeners_of_every_server() {
        Map<String, Object> database = TestDatabase.postgres();
        Map<String, Object> noEngine = Map.of("steward.engine.enabled", "false");
        try (StewardServer one = StewardServer.start(database, noEngine);
             StewardServer two = StewardServer.start(database, noEngine)) {
            List<String> heardByOne = new CopyOnWriteArrayList<>();
            List<String> heardByTwo = new CopyOnWriteArrayList<>();
            assertThat(notices(one).listen("steward_test", heardByOne::add)).isTrue();
            assertThat(notices(two).listen("steward_test", heardByTwo::add)).isTrue();
            // A listener starts listening on its own thread: publish until the first notice arrives.
            Await.until("both servers to hear the notice", Duration.ofSeconds(20), () -> {
                notices(one).publish("steward_test", "hello");
                return heardByOne.contains("hello") && heardByTwo.contains("hello");
            }, heard -> heard);
        }
    }

    @Test
    void on_h2_nothing_listens_and_publishing_does_nothing() {
        try (StewardServer server = StewardServer.start(TestDatabase.h2(), Map.of("steward.engine.enabled", "false"))) {
            assertThat(notices(server).delivered()).isFalse();
            assertThat(notices(server).listen("steward_test", notice -> {
                throw new AssertionError("nothing is delivered on H2");
            })).isFalse();
            notices(server).publish("steward_test", "hello");
        }
    }

    private static DatabaseNotices notices(StewardServer server) {
        return server.context().getBean(DatabaseNotices.class);
    }
}
