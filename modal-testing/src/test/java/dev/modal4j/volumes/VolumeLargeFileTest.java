package dev.modal4j.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.ModalEmulator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 256 MiB file, written to disk (never held in memory), uploaded to a v1 and a v2 volume and read
 * back as a stream and into a path by the SDK in a child JVM with a 128 MiB heap ({@link
 * VolumeHeapProbe}); what it read has the file's hash, and no phase added more than 32 MiB of live
 * heap.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class VolumeLargeFileTest {
  private static final long SIZE = 256L << 20;
  private static final long LIVE_LIMIT = 32L << 20;
  private static ModalEmulator emulator;
  @TempDir static Path dir;
  private static Path file;
  private static String sha;

  @BeforeAll
  static void start() throws Exception {
    emulator = ModalEmulator.start();
    file = dir.resolve("big.bin");
    Random r = new Random(256);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < SIZE; done += chunk.length) {
        r.nextBytes(chunk);
        out.write(chunk);
      }
    }
    sha = VolumeHeapProbe.sha256(file);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void a256MiBFileRoundTripsInBoundedMemory(int version) throws Exception {
    Path target = Files.createDirectories(dir.resolve("v" + version)).resolve("back.bin");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                VolumeHeapProbe.class.getName(),
                emulator.url(),
                "large-v" + version,
                Integer.toString(version),
                file.toString(),
                target.toString(),
                ModalEmulator.TOKEN_ID,
                ModalEmulator.TOKEN_SECRET)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.println("--- probe v" + version + " ---\n" + out);
    assertThat(p.exitValue()).as(out).isZero();
    Map<String, String> figures = new HashMap<>();
    for (String line : out.lines().toList()) {
      String[] kv = line.split(" ");
      if (kv.length == 2
          && List.of("UPLOAD_PEAK", "STREAM_PEAK", "FILE_PEAK", "STREAM_SHA256", "FILE_SHA256")
              .contains(kv[0])) {
        figures.put(kv[0], kv[1]);
      }
    }
    assertThat(figures.get("STREAM_SHA256")).as(out).isEqualTo(sha);
    assertThat(figures.get("FILE_SHA256")).as(out).isEqualTo(sha);
    for (String phase : List.of("UPLOAD_PEAK", "STREAM_PEAK", "FILE_PEAK")) {
      assertThat(Long.parseLong(figures.get(phase))).as(phase + "\n" + out).isLessThan(LIVE_LIMIT);
    }
    assertThat(emulator.stats().count(version == 1 ? "VolumePutFiles" : "VolumePutFiles2"))
        .isPositive();
  }
}
