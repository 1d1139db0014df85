package dev.modal4j.testing.volumes;

import static dev.modal4j.testing.internal.HttpExchanges.query;
import static dev.modal4j.testing.internal.HttpExchanges.reply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback HTTP endpoints of volume transfers: {@code PUT /volume-blocks/<sha256 hex>} stores
 * one v2 block (its body must hash to the name; the answer body is the block's receipt), and {@code
 * GET /volume-files/<volume id>?path=&offset=&length=} streams a byte range of a volume file from
 * disk.
 */
final class BlockEndpoints implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  /** Finds the host file of a volume path for a download, empty if there is none. */
  @FunctionalInterface
  interface Files {
    /** The host file, or empty if the volume or file does not exist. */
    Optional<Path> find(String volumeId, String path);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ContentStore store;
  private final BlockReceipts receipts;
  private final Files files;
  private final long maxBlock;
  private final String base;

  BlockEndpoints(ContentStore store, BlockReceipts receipts, Files files, long maxBlock)
      throws IOException {
    this.store = store;
    this.receipts = receipts;
    this.files = files;
    this.maxBlock = maxBlock;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "modal-emulator-volume-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/volume-blocks/", this::block);
    server.createContext("/volume-files/", this::download);
    server.start();
    this.base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where a block with this hex SHA-256 is uploaded. */
  String putUrl(String sha256Hex) {
    return base + "/volume-blocks/" + sha256Hex;
  }

  /** Where {@code length} bytes from {@code offset} of a volume file are downloaded. */
  String getUrl(String volumeId, String path, long offset, long length) {
    return base
        + "/volume-files/"
        + volumeId
        + "?path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8)
        + "&offset="
        + offset
        + "&length="
        + length;
  }

  private void block(HttpExchange ex) throws IOException {
    try (ex) {
      String hex = ex.getRequestURI().getPath().substring("/volume-blocks/".length());
      if (!ex.getRequestMethod().equals("PUT")) {
        reply(ex, 405, "method not allowed");
        return;
      }
      if (!hex.matches("[0-9a-f]{64}")) {
        reply(ex, 404, "NoSuchKey: not a block address");
        return;
      }
      try (InputStream in = ex.getRequestBody()) {
        store.put(in, maxBlock, hex);
      } catch (ContentStore.TooLarge e) {
        reply(ex, 413, "EntityTooLarge: a block is at most " + maxBlock + " bytes");
        return;
      } catch (ContentStore.DigestMismatch e) {
        reply(ex, 400, "BadDigest: " + e.getMessage());
        return;
      }
      byte[] receipt = receipts.receipt(hex);
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, receipt.length);
      ex.getResponseBody().write(receipt);
    }
  }

  private void download(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET")) {
        reply(ex, 405, "method not allowed");
        return;
      }
      String volumeId = ex.getRequestURI().getPath().substring("/volume-files/".length());
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      long offset;
      long length;
      try {
        offset = Long.parseLong(q.getOrDefault("offset", "0"));
        length = Long.parseLong(q.getOrDefault("length", "0"));
      } catch (NumberFormatException e) {
        reply(ex, 400, "bad offset or length");
        return;
      }
      Optional<Path> file;
      try {
        file = files.find(volumeId, q.getOrDefault("path", ""));
      } catch (RuntimeException e) {
        file = Optional.empty();
      }
      if (file.isEmpty() || offset < 0 || length < 0) {
        reply(ex, 404, "NoSuchKey: no such volume file");
        return;
      }
      try (FileChannel ch = FileChannel.open(file.get(), StandardOpenOption.READ)) {
        long n = Math.max(0, Math.min(length, ch.size() - offset));
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, n == 0 ? -1 : n);
        if (n > 0) {
          send(ch, offset, n, ex.getResponseBody());
        }
      } catch (NoSuchFileException e) {
        reply(ex, 404, "NoSuchKey: no such volume file");
      }
    }
  }

  private static void send(FileChannel ch, long offset, long n, OutputStream out)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long pos = offset;
    long end = offset + n;
    while (pos < end) {
      buf.clear().limit((int) Math.min(CHUNK, end - pos));
      int r = ch.read(buf, pos);
      if (r < 0) {
        break;
      }
      out.write(buf.array(), 0, r);
      pos += r;
    }
    out.close();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
