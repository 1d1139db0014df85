package dev.modal4j.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpTransferTest {
  private HttpServer server;
  private String base;
  private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
  private final Map<String, String> headers = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failStatus = 503;
  private ExecutorService executor;
  private ScheduledExecutorService scheduler;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (failuresLeft.getAndDecrement() > 0) {
              exchange.sendResponseHeaders(failStatus, -1);
              return;
            }
            if (exchange.getRequestMethod().equals("PUT")) {
              headers.put("md5", exchange.getRequestHeaders().getFirst("Content-MD5"));
              headers.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
              stored.put(path, body);
              exchange.sendResponseHeaders(200, -1);
            } else {
              byte[] data = stored.get(path);
              if (data == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
              }
              exchange.sendResponseHeaders(200, data.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(data);
              }
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    executor = Executors.newFixedThreadPool(2);
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void putSendsMd5AndOctetStreamThenGetReturnsTheBytes() throws IOException {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(1).nextBytes(data);
    HttpTransfer.put(base + "/b1?sig=secret", data, "bWQ1");
    assertThat(headers)
        .containsEntry("md5", "bWQ1")
        .containsEntry("type", "application/octet-stream");
    assertThat(stored.get("/b1")).isEqualTo(data);
    assertThat(HttpTransfer.get(base + "/b1")).isEqualTo(data);
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    stored.put("/b2", new byte[] {1, 2, 3});
    failuresLeft.set(2);
    byte[] got =
        HttpRetry.run(
                () -> HttpTransfer.get(base + "/b2"), 5, Duration.ofMillis(10), executor, scheduler)
            .get();
    assertThat(got).containsExactly(1, 2, 3);
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void attemptsAreBounded() {
    failuresLeft.set(100);
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                HttpRetry.run(
                        () -> {
                          attempts.incrementAndGet();
                          HttpTransfer.put(base + "/b3", new byte[] {1}, "x");
                          return "ok";
                        },
                        3,
                        Duration.ofMillis(5),
                        executor,
                        scheduler)
                    .get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(attempts.get()).isEqualTo(3);
  }

  @Test
  void clientErrorsAreNotRetriedAndMessagesHideTheQuery() {
    assertThatThrownBy(
            () ->
                HttpRetry.run(
                        () -> HttpTransfer.get(base + "/missing?X-Amz-Signature=secret"),
                        5,
                        Duration.ofMillis(5),
                        executor,
                        scheduler)
                    .get())
        .hasCauseInstanceOf(HttpTransfer.HttpStatusException.class)
        .satisfies(
            e -> assertThat(e.getCause().getMessage()).contains("404").doesNotContain("secret"));
    assertThat(requests.get()).isEqualTo(1);
  }
}
