package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.testing.sandboxes.backend.ResourceSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A container's figures from the engine's stats API, one sample ({@code
 * stream=false&one-shot=true}, which answers at once instead of waiting a second for a second
 * sample): CPU from {@code cpu_stats.cpu_usage.total_usage} (nanoseconds), memory as {@code docker
 * stats} shows it ({@code memory_stats.usage} less the inactive page cache).
 */
final class ContainerStats {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContainerStats() {}

  static Optional<ResourceSample> read(URI engine, String containerId) throws IOException {
    byte[] answer;
    try (EngineConnection connection = EngineConnection.open(engine)) {
      connection
          .out()
          .write(
              ("GET /containers/"
                      + containerId
                      + "/stats?stream=false&one-shot=true HTTP/1.1\r\nHost: docker\r\n"
                      + "User-Agent: modal4j-emulator\r\nConnection: close\r\n\r\n")
                  .getBytes(US_ASCII));
      answer = readAll(connection.in());
    }
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0 || !text.startsWith("HTTP/1.1 200")) {
      return Optional.empty();
    }
    String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
    byte[] body = java.util.Arrays.copyOfRange(answer, headEnd + 4, answer.length);
    if (head.contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    JsonNode stats = JSON.readTree(body);
    long cpu = stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong(-1);
    JsonNode memory = stats.path("memory_stats");
    if (cpu < 0 || !memory.has("usage")) {
      // a container that is not running has no figures
      return Optional.empty();
    }
    long used = memory.path("usage").asLong();
    JsonNode detail = memory.path("stats");
    long cache =
        detail.has("total_inactive_file")
            ? detail.path("total_inactive_file").asLong()
            : detail.path("inactive_file").asLong(0);
    return Optional.of(new ResourceSample(cpu, Math.max(0, used - cache)));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd = i;
      while (lineEnd + 1 < chunked.length
          && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String size = new String(chunked, i, lineEnd - i, US_ASCII).split(";")[0].trim();
      int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
      if (n == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
      i = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }
}
