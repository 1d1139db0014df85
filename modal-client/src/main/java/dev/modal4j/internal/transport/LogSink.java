package dev.modal4j.internal.transport;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import org.slf4j.Logger;

/** Where {@link RedactingLogger} sends an already formatted and redacted message. */
interface LogSink {
  boolean isEnabled(InternalLogLevel level);

  /** Logs {@code message} verbatim (no placeholder formatting); {@code t} may be null. */
  void log(InternalLogLevel level, String message, Throwable t);

  /** A sink writing to a logger of Netty's own factory. */
  static LogSink of(InternalLogger logger) {
    return new LogSink() {
      @Override
      public boolean isEnabled(InternalLogLevel level) {
        return logger.isEnabled(level);
      }

      @Override
      public void log(InternalLogLevel level, String message, Throwable t) {
        if (t == null) {
          logger.log(level, message);
        } else {
          logger.log(level, message, t);
        }
      }
    };
  }

  /** A sink writing straight to SLF4J (used when Netty's factory cannot be reached). */
  static LogSink of(Logger logger) {
    return new LogSink() {
      @Override
      public boolean isEnabled(InternalLogLevel level) {
        return switch (level) {
          case TRACE -> logger.isTraceEnabled();
          case DEBUG -> logger.isDebugEnabled();
          case INFO -> logger.isInfoEnabled();
          case WARN -> logger.isWarnEnabled();
          case ERROR -> logger.isErrorEnabled();
        };
      }

      @Override
      public void log(InternalLogLevel level, String message, Throwable t) {
        switch (level) {
          case TRACE -> logger.trace(message, t);
          case DEBUG -> logger.debug(message, t);
          case INFO -> logger.info(message, t);
          case WARN -> logger.warn(message, t);
          case ERROR -> logger.error(message, t);
        }
      }
    };
  }
}
