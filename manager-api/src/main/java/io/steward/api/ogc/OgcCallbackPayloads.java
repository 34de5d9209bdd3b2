package io.steward.api.ogc;

import io.micronaut.json.JsonMapper;
import io.steward.api.ogc.wire.Results;
import io.steward.api.ogc.wire.StatusInfo;
import io.steward.ogc.process.CallbackPayloads;
import io.steward.ogc.process.Job;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Callback bodies in OGC shape: the statusInfo, or the results document, with links under the accepting URL. */
@Singleton
class OgcCallbackPayloads implements CallbackPayloads {
    private final JsonMapper json;

    OgcCallbackPayloads(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String statusInfo(Job job, String root) {
        return write(StatusInfo.of(job, root));
    }

    @Override
    public String results(Job job, Map<String, Object> results, String root) {
        return write(Results.withFileLinks(job, results, root));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
