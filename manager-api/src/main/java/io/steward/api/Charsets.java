package io.steward.api;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;

/** Reads the {@code charset} parameter of a {@code Content-Type}. */
final class Charsets {
    private Charsets() {
    }

    /** The charset {@code contentType} names when this JVM does not support it; null when none or supported. */
    static String unknownIn(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    if (!name.isEmpty() && Charset.isSupported(name)) {
                        return null;
                    }
                } catch (IllegalCharsetNameException e) {
                    return name;
                }
                return name;
            }
        }
        return null;
    }
}
