package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.VolumeGetFile2Response;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB v2 upload and download through a standalone emulator in a child JVM whose heap is
 * capped, with its GC log read: the heap left after each collection during the transfers stays
 * within 32 MiB of the emulator's idle heap, so no file or block set is held in memory.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VolumeLargeTransferTest {
  private static final long SIZE = 256L * 1024 * 1024;
  private static final long HEAP_GROWTH_LIMIT_MIB = 32;
  private static final Pattern READY =
      Pattern.compile("modal emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @Test
  void a256MibFileGoesUpAndComesBackWithABoundedEmulatorHeap(@TempDir Path tmp) throws Exception {
    Path gcLog = tmp.resolve("gc.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                cp,
                "dev.modal4j.testing.EmulatorMain",
                "--port",
                "0",
                "--sandbox-backend",
                "process")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (java.io.IOException e) {
                // the child went away
              }
              url.completeExceptionally(new IllegalStateException("emulator exited: " + output));
            },
            "large-transfer-emulator-output");
    reader.setDaemon(true);
    reader.start();
    ManagedChannel channel = null;
    try {
      URI server = URI.create(url.get(60, TimeUnit.SECONDS));
      channel =
          ManagedChannelBuilder.forAddress(server.getHost(), server.getPort())
              .usePlaintext()
              .build();
      RawVolumes raw = new RawVolumes(channel);
      String vol = raw.volume("large", 2);
      long idle = idleHeapMib(child, gcLog);

      RawVolumes.Upload upload =
          new RawVolumes.Upload("big/256mib.bin", SIZE, off -> new PatternStream(off, SIZE));
      long t0 = System.nanoTime();
      int puts = raw.putFiles2(vol, List.of(upload), true, null);
      long t1 = System.nanoTime();
      assertThat(puts).isEqualTo(32);

      MessageDigest expected = RawVolumes.sha256();
      try (PatternStream in = new PatternStream(0, SIZE)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          expected.update(buf, 0, n);
        }
      }
      MessageDigest actual = RawVolumes.sha256();
      long t2 = System.nanoTime();
      VolumeGetFile2Response resp;
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), actual)) {
        resp = raw.readInto(vol, "big/256mib.bin", out);
      }
      long t3 = System.nanoTime();
      assertThat(resp.getGetUrlsCount()).isEqualTo(32);
      assertThat(resp.getSize()).isEqualTo(SIZE);
      assertThat(RawVolumes.hex(actual.digest())).isEqualTo(RawVolumes.hex(expected.digest()));
      assertThat(raw.list2(vol, "big", false)).extracting(FileEntry::getSize).containsExactly(SIZE);

      assertThat(child.isAlive()).as("emulator output:%n%s", output).isTrue();
      // between collections the used heap only grows: the heap in use now bounds the time since
      // the last collection, and what collections left bounds the time before
      long now = usedHeapMib(child);
      long peak = Math.max(peakAfterGcMib(gcLog), now);
      System.out.printf(
          "256 MiB v2: upload %.0f MiB/s (hashing included), download %.0f MiB/s; emulator heap"
              + " idle %d MiB, in use at the end %d MiB, peak retained %d MiB%n",
          256 / ((t1 - t0) / 1e9), 256 / ((t3 - t2) / 1e9), idle, now, peak);
      assertThat(peak)
          .as(
              "heap after GC during the transfers, idle heap %d MiB; gc log:%n%s",
              idle, Files.readString(gcLog))
          .isLessThanOrEqualTo(idle + HEAP_GROWTH_LIMIT_MIB);
    } finally {
      if (channel != null) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(10_000);
    }
  }

  /** The child's used heap now, garbage included (jcmd GC.heap_info), in MiB. */
  private static long usedHeapMib(Process child) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, Long.toString(child.pid()), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long usedKib = 0;
    Matcher m = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(said);
    int found = 0;
    while (m.find()) {
      usedKib += Long.parseLong(m.group(1));
      found++;
    }
    assertThat(found).as("young and old generation in: %s", said).isEqualTo(2);
    return usedKib / 1024;
  }

  /** Runs a full GC in the child (jcmd) and returns the heap it left, in MiB. */
  private static long idleHeapMib(Process child, Path gcLog) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p =
        new ProcessBuilder(jcmd, Long.toString(child.pid()), "GC.run")
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long last = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (last < 0 && System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC.matcher(line);
        if (isExplicit(line) && m.find()) {
          last = Long.parseLong(m.group(2));
        }
      }
      if (last < 0) {
        Thread.sleep(50);
      }
    }
    assertThat(last)
        .as("a full GC line in the child's GC log after jcmd GC.run: %s", said)
        .isNotNegative();
    return last;
  }

  private static boolean isExplicit(String line) {
    return line.contains("Diagnostic Command") || line.contains("System.gc()");
  }

  /** The largest heap any collection after the idle one left, in MiB. */
  private static long peakAfterGcMib(Path gcLog) throws Exception {
    long peak = 0;
    boolean afterIdle = false;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC.matcher(line);
      if (!m.find()) {
        continue;
      }
      if (afterIdle) {
        peak = Math.max(peak, Long.parseLong(m.group(2)));
      }
      if (isExplicit(line)) {
        afterIdle = true;
      }
    }
    return peak;
  }
}
