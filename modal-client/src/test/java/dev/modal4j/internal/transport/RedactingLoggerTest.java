package dev.modal4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RedactingLoggerTest {
  private record Line(InternalLogLevel level, String message, Throwable t) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private volatile InternalLogLevel threshold = InternalLogLevel.DEBUG;

  private final LogSink sink =
      new LogSink() {
        @Override
        public boolean isEnabled(InternalLogLevel level) {
          return level.ordinal() >= threshold.ordinal();
        }

        @Override
        public void log(InternalLogLevel level, String message, Throwable t) {
          lines.add(new Line(level, message, t));
        }
      };

  private final InternalLogger logger = new RedactingLogger("io.grpc.netty.X", sink);

  @Test
  void formatsEveryOverloadThenRedacts() {
    IllegalStateException boom = new IllegalStateException("boom");
    logger.debug("x-modal-token-secret: as-1]");
    logger.info("{} HEADERS: headers=[x-modal-token-secret: {}]", "OUTBOUND", "as-2");
    logger.warn("{} {} {}", "a", "x-modal-auth-token: t0k", "c");
    logger.error("failed {}", "x-modal-auth-token: t1k", boom);
    logger.log(InternalLogLevel.INFO, "jwt {}", "eyJhbGciOi.eyJleHAi.c2ln");
    logger.warn("plain {} kept", 42);
    logger.error("with cause x-modal-token-secret: as-3", boom);

    assertThat(lines)
        .containsExactly(
            new Line(InternalLogLevel.DEBUG, "x-modal-token-secret: <redacted>]", null),
            new Line(
                InternalLogLevel.INFO,
                "OUTBOUND HEADERS: headers=[x-modal-token-secret: <redacted>]",
                null),
            new Line(InternalLogLevel.WARN, "a x-modal-auth-token: <redacted>", null),
            new Line(InternalLogLevel.ERROR, "failed x-modal-auth-token: <redacted>", boom),
            new Line(InternalLogLevel.INFO, "jwt <redacted-jwt>", null),
            new Line(InternalLogLevel.WARN, "plain 42 kept", null),
            new Line(InternalLogLevel.ERROR, "with cause x-modal-token-secret: <redacted>", boom));
  }

  @Test
  void disabledLevelsAreNotFormattedOrLogged() {
    threshold = InternalLogLevel.INFO;
    Object exploding =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("formatted a disabled message");
          }
        };
    logger.trace("{}", exploding);
    logger.debug("{} {}", exploding, exploding);
    assertThat(logger.isDebugEnabled()).isFalse();
    assertThat(logger.isInfoEnabled()).isTrue();
    assertThat(lines).isEmpty();
  }

  @Test
  void installedFactoryWrapsOnlyGrpcNettyAndHttp2Loggers() {
    assertThat(RedactingLoggerFactory.install()).isTrue();
    assertThat(RedactingLoggerFactory.install()).isTrue();
    assertThat(InternalLoggerFactory.getDefaultFactory())
        .isInstanceOf(RedactingLoggerFactory.class);
    assertThat(InternalLoggerFactory.getInstance("io.grpc.netty.NettyClientHandler"))
        .isInstanceOf(RedactingLogger.class);
    assertThat(InternalLoggerFactory.getInstance("io.netty.handler.codec.http2.Http2FrameLogger"))
        .isInstanceOf(RedactingLogger.class);
    InternalLogger other = InternalLoggerFactory.getInstance("io.netty.channel.Other");
    assertThat(other).isNotInstanceOf(RedactingLogger.class);
    assertThat(other.name()).isEqualTo("io.netty.channel.Other");
    assertThat(other.isDebugEnabled()).isTrue();
  }
}
