package dev.modal4j.internal.transport;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's default logger factory while modal4j is loaded: it hands out every logger of the factory
 * Netty would otherwise use, and wraps those of gRPC's Netty transport and Netty's HTTP/2 codec in
 * a {@link RedactingLogger} that redacts only on modal4j's own event loop threads.
 *
 * <p>Why: with DEBUG on for {@code io.grpc.netty.NettyClientHandler} (or {@code
 * NettyServerHandler}), Netty's {@code Http2FrameLogger} prints every HTTP/2 header, including
 * {@code x-modal-token-secret} and {@code x-modal-auth-token}, and hex dumps of message bodies.
 *
 * <p>Scope: Netty creates those loggers from its one JVM-wide default factory, at times and on
 * threads modal4j does not control, so the factory itself has to be the default. What it changes is
 * scoped to modal4j's channels: loggers of other names are the delegate factory's own instances,
 * and the wrapped ones pass every call unchanged to the delegate's logger unless it is made on one
 * of the event loop threads of the channels modal4j opens itself (see {@link RedactionScope}).
 * There, only credential values are removed (see {@link CredentialRedactor}); levels, names,
 * backends and all other text are unchanged. A channel handed to the builder with {@code
 * channel(...)} runs on its owner's threads and is not redacted.
 *
 * <p>Opt-out: with the system property {@value #DISABLE_PROPERTY}{@code =false} set before modal4j
 * opens its first channel, the default factory is left alone and nothing is redacted.
 */
public final class RedactingLoggerFactory extends InternalLoggerFactory {
  private static final List<String> REDACTED_PREFIXES =
      List.of("io.grpc.netty.", "io.netty.handler.codec.http2.");

  /** The system property that, set to {@code false}, leaves Netty's default factory alone. */
  public static final String DISABLE_PROPERTY = "modal4j.nettyLogRedaction";

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
   * @return whether gRPC's Netty loggers created from now on redact credentials (false when the
   *     opt-out property is {@code false}, or when Netty's logging package is not open to modal4j,
   *     as on a module path without {@code --add-opens}; a warning is then logged if DEBUG is on
   *     for the frame logger)
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
    return wrap(name, logger);
  }

  /**
   * The logger handed out for {@code name}: {@code logger} itself, or a scoped redacting wrapper.
   */
  static InternalLogger wrap(String name, InternalLogger logger) {
    return redacts(name)
        ? new RedactingLogger(name, logger, RedactionScope::onSdkEventLoop)
        : logger;
  }

  private static boolean redacts(String name) {
    return REDACTED_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static final class Holder {
    static final boolean INSTALLED = installOnce();

    private static boolean installOnce() {
      if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY, "").trim())) {
        Logger log = LoggerFactory.getLogger(RedactingLoggerFactory.class);
        log.debug(
            "{}=false: Netty's logger factory is left alone, nothing is redacted",
            DISABLE_PROPERTY);
        return false;
      }
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
