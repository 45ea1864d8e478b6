package org.subsidyledger.ledger.infrastructure;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * The last line of defence for logs (SPEC §8): right after Spring Boot has configured logging — console or file,
 * plain or structured — the encoder of every appender is wrapped in a {@link MaskingEncoder}, so that no line the
 * application writes carries a full ID number, whoever logged it (the ledger, Spring, Axon, the JDBC driver). Names
 * cannot be recognised in free text: the ledger's own log lines never hold one (nor a file's name).
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it also runs before the application context exists.
 */
public class LogMasking implements SmartApplicationListener {

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        install();
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Wraps every appender's encoder not wrapped yet; a no-op when Logback is not the logging backend. */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            wrap(logger);
        }
    }

    private static void wrap(AppenderAttachable<ILoggingEvent> attachable) {
        for (Iterator<Appender<ILoggingEvent>> appenders = attachable.iteratorForAppenders(); appenders.hasNext(); ) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof OutputStreamAppender<ILoggingEvent> output && output.getEncoder() != null
                    && !(output.getEncoder() instanceof MaskingEncoder)) {
                MaskingEncoder masking = new MaskingEncoder(output.getEncoder());
                masking.setContext(output.getContext());
                masking.start();
                output.setEncoder(masking);
            }
            if (appender instanceof AppenderAttachable<?> nested) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> inner = (AppenderAttachable<ILoggingEvent>) nested;
                wrap(inner);
            }
        }
    }
}
