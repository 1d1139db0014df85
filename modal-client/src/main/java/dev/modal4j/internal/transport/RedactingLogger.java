package dev.modal4j.internal.transport;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import java.util.function.BooleanSupplier;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * A Netty logger that, where {@code redactHere} holds (see {@link RedactionScope}), formats each
 * message ({@code {}} placeholders, a trailing throwable taken as the cause), removes credentials
 * with {@link CredentialRedactor}, and passes the result to its sink. Elsewhere each call goes
 * unchanged to the logger it wraps. Level checks go to the sink, so disabled levels cost no
 * formatting.
 */
final class RedactingLogger extends AbstractInternalLogger {
  private static final long serialVersionUID = 1L;

  private final transient LogSink sink;
  private final transient InternalLogger raw;
  private final transient BooleanSupplier redactHere;

  /** Always redacts, into {@code sink}. */
  RedactingLogger(String name, LogSink sink) {
    super(name);
    this.sink = sink;
    this.raw = null;
    this.redactHere = () -> true;
  }

  /** Redacts into {@code raw} where {@code redactHere} holds; elsewhere passes calls through. */
  RedactingLogger(String name, InternalLogger raw, BooleanSupplier redactHere) {
    super(name);
    this.sink = LogSink.of(raw);
    this.raw = raw;
    this.redactHere = redactHere;
  }

  private boolean passThrough() {
    return raw != null && !redactHere.getAsBoolean();
  }

  @Override
  public boolean isEnabled(InternalLogLevel level) {
    return sink.isEnabled(level);
  }

  private void logFormatted(InternalLogLevel level, String format, Object... arguments) {
    if (sink.isEnabled(level) && passThrough()) {
      raw.log(level, format, arguments);
    } else if (sink.isEnabled(level)) {
      FormattingTuple tuple = MessageFormatter.arrayFormat(format, arguments);
      sink.log(level, CredentialRedactor.redact(tuple.getMessage()), tuple.getThrowable());
    }
  }

  private void emit(InternalLogLevel level, String msg, Throwable t) {
    if (sink.isEnabled(level) && passThrough()) {
      if (t == null) {
        raw.log(level, msg);
      } else {
        raw.log(level, msg, t);
      }
    } else if (sink.isEnabled(level)) {
      sink.log(level, CredentialRedactor.redact(msg), t);
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return sink.isEnabled(InternalLogLevel.TRACE);
  }

  @Override
  public void trace(String msg) {
    emit(InternalLogLevel.TRACE, msg, null);
  }

  @Override
  public void trace(String format, Object arg) {
    logFormatted(InternalLogLevel.TRACE, format, arg);
  }

  @Override
  public void trace(String format, Object argA, Object argB) {
    logFormatted(InternalLogLevel.TRACE, format, argA, argB);
  }

  @Override
  public void trace(String format, Object... arguments) {
    logFormatted(InternalLogLevel.TRACE, format, arguments);
  }

  @Override
  public void trace(String msg, Throwable t) {
    emit(InternalLogLevel.TRACE, msg, t);
  }

  @Override
  public boolean isDebugEnabled() {
    return sink.isEnabled(InternalLogLevel.DEBUG);
  }

  @Override
  public void debug(String msg) {
    emit(InternalLogLevel.DEBUG, msg, null);
  }

  @Override
  public void debug(String format, Object arg) {
    logFormatted(InternalLogLevel.DEBUG, format, arg);
  }

  @Override
  public void debug(String format, Object argA, Object argB) {
    logFormatted(InternalLogLevel.DEBUG, format, argA, argB);
  }

  @Override
  public void debug(String format, Object... arguments) {
    logFormatted(InternalLogLevel.DEBUG, format, arguments);
  }

  @Override
  public void debug(String msg, Throwable t) {
    emit(InternalLogLevel.DEBUG, msg, t);
  }

  @Override
  public boolean isInfoEnabled() {
    return sink.isEnabled(InternalLogLevel.INFO);
  }

  @Override
  public void info(String msg) {
    emit(InternalLogLevel.INFO, msg, null);
  }

  @Override
  public void info(String format, Object arg) {
    logFormatted(InternalLogLevel.INFO, format, arg);
  }

  @Override
  public void info(String format, Object argA, Object argB) {
    logFormatted(InternalLogLevel.INFO, format, argA, argB);
  }

  @Override
  public void info(String format, Object... arguments) {
    logFormatted(InternalLogLevel.INFO, format, arguments);
  }

  @Override
  public void info(String msg, Throwable t) {
    emit(InternalLogLevel.INFO, msg, t);
  }

  @Override
  public boolean isWarnEnabled() {
    return sink.isEnabled(InternalLogLevel.WARN);
  }

  @Override
  public void warn(String msg) {
    emit(InternalLogLevel.WARN, msg, null);
  }

  @Override
  public void warn(String format, Object arg) {
    logFormatted(InternalLogLevel.WARN, format, arg);
  }

  @Override
  public void warn(String format, Object argA, Object argB) {
    logFormatted(InternalLogLevel.WARN, format, argA, argB);
  }

  @Override
  public void warn(String format, Object... arguments) {
    logFormatted(InternalLogLevel.WARN, format, arguments);
  }

  @Override
  public void warn(String msg, Throwable t) {
    emit(InternalLogLevel.WARN, msg, t);
  }

  @Override
  public boolean isErrorEnabled() {
    return sink.isEnabled(InternalLogLevel.ERROR);
  }

  @Override
  public void error(String msg) {
    emit(InternalLogLevel.ERROR, msg, null);
  }

  @Override
  public void error(String format, Object arg) {
    logFormatted(InternalLogLevel.ERROR, format, arg);
  }

  @Override
  public void error(String format, Object argA, Object argB) {
    logFormatted(InternalLogLevel.ERROR, format, argA, argB);
  }

  @Override
  public void error(String format, Object... arguments) {
    logFormatted(InternalLogLevel.ERROR, format, arguments);
  }

  @Override
  public void error(String msg, Throwable t) {
    emit(InternalLogLevel.ERROR, msg, t);
  }
}
