package dev.modal4j.internal.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.blob.BlockTransfer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block downloads and uploads against a real local HTTP server: order, bounded read-ahead, retries,
 * failures, atomic writes into a local file.
 */
@Timeout(60)
class BlockTransfersTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, byte[]> blocks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, byte[]> puts = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private HttpServer server;
  private BlockTransfer transfer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    transfer = new BlockTransfer(executor, scheduler, false);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String name = ex.getRequestURI().getPath().substring(1);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      AtomicInteger fail = failuresLeft.get(name);
      if (fail != null && fail.getAndDecrement() > 0) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (ex.getRequestMethod().equals("PUT")) {
        byte[] body = ex.getRequestBody().readAllBytes();
        puts.put(name, body);
        byte[] answer = ("stored " + body.length).getBytes();
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
        return;
      }
      byte[] b = blocks.get(name);
      if (b == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      Thread.sleep(20);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  private String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** Serves {@code n} blocks of {@code size} random bytes; returns their concatenation. */
  private byte[] serve(int n, int size, List<String> urls, long[] lengths) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Random r = new Random(n * 31L + size);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[size - i];
      r.nextBytes(b);
      blocks.put("b" + i, b);
      urls.add(url("b" + i));
      lengths[i] = b.length;
      all.writeBytes(b);
    }
    return all.toByteArray();
  }

  @Test
  void aStreamReadsTheBlocksInOrderWithBoundedReadAheadAndRetries() throws IOException {
    List<String> urls = new ArrayList<>();
    long[] lengths = new long[10];
    byte[] expected = serve(10, 100_000, urls, lengths);
    failuresLeft.put("b4", new AtomicInteger(2));
    try (InputStream in = new BlockInputStream(transfer, urls, lengths, 3)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    assertThat(maxInFlight.get()).isBetween(2, 3);
    assertThat(failuresLeft.get("b4").get()).isNegative();
  }

  @Test
  void aMissingBlockFailsTheReadWithAServiceException() {
    List<String> urls = new ArrayList<>();
    long[] lengths = new long[3];
    serve(2, 1000, urls, lengths);
    urls.add(url("gone"));
    lengths[2] = 10;
    assertThatThrownBy(
            () -> {
              try (InputStream in = new BlockInputStream(transfer, urls, lengths, 2)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("404");
  }

  @Test
  void aBlockOfAnotherLengthThanExpectedIsAnError() {
    List<String> urls = new ArrayList<>();
    long[] lengths = new long[1];
    serve(1, 1000, urls, lengths);
    lengths[0] = 999;
    assertThatThrownBy(
            () -> {
              try (InputStream in = new BlockInputStream(transfer, urls, lengths, 2)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("expected");
  }

  @Test
  void aDownloadIntoAFileReplacesTheTargetAtomicallyOrLeavesItAlone(@TempDir Path dir)
      throws Exception {
    List<String> urls = new ArrayList<>();
    long[] lengths = new long[6];
    byte[] expected = serve(6, 50_000, urls, lengths);
    Path target = dir.resolve("out.bin");
    Files.writeString(target, "old");
    long n =
        FileDownload.run(transfer, urls, lengths, target, 4, executor).get(30, TimeUnit.SECONDS);
    assertThat(n).isEqualTo(expected.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(expected);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");

    Files.writeString(target, "old");
    urls.set(3, url("gone"));
    assertThatThrownBy(
            () ->
                FileDownload.run(transfer, urls, lengths, target, 4, executor)
                    .get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ServiceException.class);
    assertThat(Files.readString(target)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(target);
    }
  }

  @Test
  void aPutSendsTheRangeAndAnswersTheBody(@TempDir Path dir) throws Exception {
    byte[] data = new byte[700_000];
    new Random(5).nextBytes(data);
    Path file = dir.resolve("in.bin");
    Files.write(file, data);
    failuresLeft.put("p", new AtomicInteger(1));
    byte[] answer =
        transfer
            .put(url("p"), UploadSource.of(file, data.length), 100_000, 300_000)
            .get(30, TimeUnit.SECONDS);
    assertThat(new String(answer)).isEqualTo("stored 300000");
    assertThat(puts.get("p")).isEqualTo(java.util.Arrays.copyOfRange(data, 100_000, 400_000));
  }
}
