package dev.modal4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Netty log redaction is scoped to modal4j's event loop threads, and can be switched off so
 * that Netty's default logger factory is left alone.
 */
@Timeout(60)
class RedactionScopeTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private final InternalLogger raw =
      (InternalLogger)
          Proxy.newProxyInstance(
              InternalLogger.class.getClassLoader(),
              new Class<?>[] {InternalLogger.class},
              (proxy, method, args) -> {
                if (method.getName().equals("isEnabled")
                    || method.getName().matches("is\\w+Enabled")) {
                  return true;
                }
                if (method.getName().equals("name")) {
                  return "io.grpc.netty.NettyClientHandler";
                }
                calls.add(method.getName() + " " + describe(args));
                return null;
              });

  @Test
  void onOtherThreadsEveryCallGoesUnchangedToTheWrappedLogger() {
    InternalLogger logger = RedactingLoggerFactory.wrap("io.grpc.netty.NettyClientHandler", raw);
    assertThat(logger).isInstanceOf(RedactingLogger.class);
    logger.debug("{} HEADERS: x-modal-token-secret: {}", "OUTBOUND", "as-raw-1");
    logger.info("authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
    assertThat(calls)
        .containsExactly(
            "log [DEBUG, {} HEADERS: x-modal-token-secret: {}, [OUTBOUND, as-raw-1]]",
            "log [INFO, authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln]");
  }

  @Test
  void onModalsEventLoopThreadsCredentialsAreRedacted() throws Exception {
    InternalLogger logger = RedactingLoggerFactory.wrap("io.grpc.netty.NettyClientHandler", raw);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t =
        RedactionScope.marking(Thread::new)
            .newThread(
                () -> {
                  logger.debug("{} HEADERS: x-modal-token-secret: {}", "OUTBOUND", "as-raw-1");
                  done.complete(null);
                });
    t.start();
    done.get(10, TimeUnit.SECONDS);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0))
        .startsWith("log [DEBUG, OUTBOUND HEADERS: x-modal-token-secret: <redacted>")
        .doesNotContain("as-raw-1");
  }

  @Test
  void otherLoggersAreTheDelegatesOwnInstances() {
    assertThat(RedactingLoggerFactory.wrap("io.netty.channel.DefaultChannelPipeline", raw))
        .isSameAs(raw);
    assertThat(RedactingLoggerFactory.wrap("com.example.Http2Thing", raw)).isSameAs(raw);
  }

  @Test
  void theOptOutPropertyLeavesNettysDefaultFactoryAlone() throws Exception {
    assertThat(probe(true)).isEqualTo("installed=false default=" + nettyDefault());
    assertThat(probe(false)).isEqualTo("installed=true default=RedactingLoggerFactory");
  }

  /** The simple name of the factory Netty picks on its own: SLF4J's on this classpath. */
  private static String nettyDefault() {
    return "Slf4JLoggerFactory";
  }

  private static String probe(boolean optOut) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    if (optOut) {
      cmd.add("-D" + RedactingLoggerFactory.DISABLE_PROPERTY + "=false");
    }
    cmd.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(OptOutProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String describe(Object[] args) {
    if (args == null) {
      return "[]";
    }
    Object[] shown = args.clone();
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] instanceof Object[]) {
        shown[i] = Arrays.toString((Object[]) shown[i]);
      } else if (shown[i] instanceof InternalLogLevel) {
        shown[i] = ((InternalLogLevel) shown[i]).name();
      }
    }
    return Arrays.toString(shown);
  }
}
