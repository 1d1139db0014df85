package dev.modal4j.internal.transport;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's default logger factory while modal4j is loaded: it keeps every logger of the factory
 * Netty would otherwise use, and wraps those of gRPC's Netty transport and Netty's HTTP/2 codec in
 * a {@link RedactingLogger}.
 *
 * <p>Why: with DEBUG on for {@code io.grpc.netty.NettyClientHandler} (or {@code
 * NettyServerHandler}), Netty's {@code Http2FrameLogger} prints every HTTP/2 header, including
 * {@code x-modal-token-secret} and {@code x-modal-auth-token}, and hex dumps of message bodies.
 *
 * <p>JVM-wide effect: {@link #install()} calls {@link InternalLoggerFactory#setDefaultFactory} once
 * per JVM, so loggers created afterwards for names under {@code io.grpc.netty.} or {@code
 * io.netty.handler.codec.http2.} in any code of the JVM go through the redaction. It only removes
 * credential values (see {@link CredentialRedactor}); levels, logger names, backends and all other
 * text are unchanged. Loggers created before installation are not affected, and an application that
 * later sets its own default factory replaces this one.
 */
public final class RedactingLoggerFactory extends InternalLoggerFactory {
  private static final List<String> REDACTED_PREFIXES =
      List.of("io.grpc.netty.", "io.netty.handler.codec.http2.");

  /** gRPC's HTTP/2 frame logger: at DEBUG it prints every header. */
  private static final String FRAME_LOGGER = "io.grpc.netty.NettyClientHandler";

  private final InternalLoggerFactory delegate;
  private final Method newInstance;

  private RedactingLoggerFactory(InternalLoggerFactory delegate, Method newInstance) {
    this.delegate = delegate;
    this.newInstance = newInstance;
  }

  /**
   * Installs the factory as Netty's default, once per JVM; later calls only report the outcome.
   *
   * @return whether gRPC's Netty loggers created from now on redact credentials (false only when
   *     Netty's logging package is not open to modal4j, as on a module path without {@code
   *     --add-opens}; a warning is then logged if DEBUG is on for the frame logger)
   */
  public static boolean install() {
    return Holder.INSTALLED;
  }

  @Override
  protected InternalLogger newInstance(String name) {
    InternalLogger logger;
    try {
      logger = (InternalLogger) newInstance.invoke(delegate, name);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return redacts(name) ? new RedactingLogger(name, LogSink.of(logger)) : logger;
  }

  private static boolean redacts(String name) {
    return REDACTED_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static final class Holder {
    static final boolean INSTALLED = installOnce();

    private static boolean installOnce() {
      InternalLoggerFactory current = InternalLoggerFactory.getDefaultFactory();
      if (current instanceof RedactingLoggerFactory) {
        return true;
      }
      Method method;
      try {
        method = InternalLoggerFactory.class.getDeclaredMethod("newInstance", String.class);
        method.setAccessible(true);
      } catch (NoSuchMethodException | RuntimeException e) {
        Logger log = LoggerFactory.getLogger(RedactingLoggerFactory.class);
        if (LoggerFactory.getLogger(FRAME_LOGGER).isDebugEnabled()) {
          log.warn(
              "DEBUG logging is on for {} and modal4j cannot redact it ({}): grpc-netty logs"
                  + " HTTP/2 headers, which carry Modal credentials. Set that logger to INFO.",
              FRAME_LOGGER,
              e.toString());
        }
        return false;
      }
      InternalLoggerFactory.setDefaultFactory(new RedactingLoggerFactory(current, method));
      return true;
    }
  }
}
