package io.steward.api.operator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Steward's logging, set up in code (found by logback through {@code META-INF/services}): reading a
 * {@code logback.xml} loads an XML parser and logback's configuration model, about 500 classes on the way to the first
 * answer. {@code STEWARD_LOG_FORMAT} (system property, else environment) picks the console format: {@code text}
 * (default) or {@code json}, one object a line (timestamp, level, threadName, loggerName, mdc with tenant, user and
 * execution_id, formattedMessage, throwable). {@code -Dlogback.configurationFile=<file>} still replaces all of it.
 */
public class LogSetup extends ContextAwareBase implements Configurator {
    static final String FORMAT = "STEWARD_LOG_FORMAT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback's own start-up notes would break the one-JSON-object-a-line output.
        context.getStatusManager().add(new NopStatusListener());
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        boolean json = "json".equals(format());
        console.setName(json ? "json" : "text");
        console.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        console.start();
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String format() {
        String property = System.getProperty(FORMAT);
        return property != null ? property : System.getenv(FORMAT);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
