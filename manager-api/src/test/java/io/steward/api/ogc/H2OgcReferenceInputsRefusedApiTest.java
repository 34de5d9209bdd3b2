package io.steward.api.ogc;

import com.sun.net.httpserver.HttpServer;
import io.steward.api.support.Api;
import io.steward.api.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code steward.ogcapi.href.allow-private}, a reference to a loopback address is refused, whether written
 * as the address or as a name that resolves to it, even when the host is on the allowed list and a server answers.
 */
class H2OgcReferenceInputsRefusedApiTest extends OgcTestBase {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final HttpServer remote = H2OgcReferenceInputsApiTest.remote(finished);

    @Override
    protected Map<String, Object> database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, Object> serverProperties() {
        return Map.of("steward.ogcapi.href.allowed-hosts", "127.0.0.1,localhost,[::1]");
    }

    @AfterAll
    void stopRemote() {
        finished.countDown();
        remote.stop(0);
    }

    @Test
    void loopback_addresses_and_names_that_resolve_to_them_are_refused() {
        Api api = newUserClient();
        int port = remote.getAddress().getPort();
        for (String host : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            Api.Response r = api.post("/ogcapi/processes/echo/execution",
                    Map.of("inputs", Map.of("a", Map.of("href", "http://" + host + ":" + port + "/text"))));
            assertException(r, 400, EXC + "invalid-parameter-value");
            assertThat((String) r.json().get("detail")).as(host).contains("a loopback address, which is refused",
                    "steward.ogcapi.href.allow-private");
        }
    }
}
