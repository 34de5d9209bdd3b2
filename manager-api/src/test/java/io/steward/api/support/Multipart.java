package io.steward.api.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The multipart body Cloudify's client sends for a blueprint upload: a {@code params} JSON and the archive. */
public final class Multipart {
    public static final String BOUNDARY = "stewardTestBoundary7MA4YWxkTrZu0gW";
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private Multipart() {
    }

    public static byte[] blueprintUpload(String paramsJson, byte[] archive) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"params\"\r\n\r\n" + paramsJson + "\r\n");
        write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"blueprint_archive\";"
                + " filename=\"filename\"\r\nContent-Type: text/plain\r\n\r\n");
        body.writeBytes(archive);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
