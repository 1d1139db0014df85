package dev.modal4j.volumes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.testing.ModalEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch uploads from an {@link InputStream} that is not a file: spooled to a temporary file while
 * hashed, read once, not closed, and the temporary file gone however the upload ends.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VolumeStreamUploadTest {
  private static final AtomicInteger names = new AtomicInteger();
  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final String SPOOL_PREFIX = "modal4j-upload-";
  private static ModalEmulator emulator;
  private ModalClient modal;
  private Set<Path> spoolsBefore;

  @BeforeAll
  static void startEmulator() {
    emulator = ModalEmulator.start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void connect() throws IOException {
    modal = emulator.newClient();
    spoolsBefore = spools();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private Volume volume(int version) {
    return modal
        .volumes()
        .fromName(
            "stream-v" + version + "-" + names.incrementAndGet(),
            VolumeFromNameParams.builder().createIfMissing(true).version(version).build());
  }

  /** The spool files in the temporary directory that were not there when the test began. */
  private Set<Path> newSpools() throws IOException {
    Set<Path> now = spools();
    now.removeAll(spoolsBefore);
    return now;
  }

  private static Set<Path> spools() throws IOException {
    try (Stream<Path> files = Files.list(TMP)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX))
          .collect(Collectors.toSet());
    }
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) >= 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void a64MiBStreamIsUploadedFromOneReadAndReadBackByteEqual(int version) throws Exception {
    Volume v = volume(version);
    long size = 64L << 20;
    GeneratedStream in = new GeneratedStream(size, 64, -1);
    in.atHalf = () -> in.spoolSeenAtHalf = !uncheckedNewSpools().isEmpty();
    v.batchUpload()
        .putFile(in, "/streams/big.bin")
        .putFile("small".getBytes(UTF_8), "/streams/small.txt")
        .upload();

    assertThat(in.eofs).as("the stream was read to its end once").isEqualTo(1);
    assertThat(in.readsAfterEof).as("and not again").isZero();
    assertThat(in.closed).as("the caller's stream is not closed by the SDK").isFalse();
    assertThat(in.spoolSeenAtHalf).as("a temporary file held the stream meanwhile").isTrue();
    assertThat(newSpools()).as("temporary files left").isEmpty();
    try (InputStream back = v.readFile("/streams/big.bin")) {
      assertThat(sha256(back)).isEqualTo(in.sha256());
    }
    try (Stream<VolumeEntry> all = v.listFiles("/streams")) {
      assertThat(all.filter(e -> e.path().endsWith("big.bin")).findFirst().orElseThrow().size())
          .isEqualTo(size);
    }
    try (InputStream small = v.readFile("/streams/small.txt")) {
      assertThat(new String(small.readAllBytes(), UTF_8)).isEqualTo("small");
    }
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void aStreamThatFailsMidwayFailsTheUploadAndWritesNothing(int version) throws Exception {
    Volume v = volume(version);
    GeneratedStream in = new GeneratedStream(32L << 20, 7, 20L << 20);
    assertThatThrownBy(
            () ->
                v.batchUpload()
                    .putFile("first".getBytes(UTF_8), "/first.txt")
                    .putFile(in, "/broken.bin")
                    .upload())
        .isInstanceOf(ModalException.class)
        .hasMessageContaining("/broken.bin")
        .hasMessageContaining("disk on fire");
    assertThat(newSpools()).as("temporary files left").isEmpty();
    try (Stream<VolumeEntry> all = v.listFiles("/")) {
      assertThat(all.toList()).as("nothing of the batch is in the volume").isEmpty();
    }
  }

  @Test
  void cancellingTheUploadDeletesTheTemporaryFileAndStopsReading() throws Exception {
    Volume v = volume(2);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch readAfterRelease = new CountDownLatch(1);
    InputStream in =
        new InputStream() {
          private long sent;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (sent >= (1 << 20)) {
              started.countDown();
              try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                  throw new IOException("never released");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
              }
              readAfterRelease.countDown();
            }
            int n = Math.min(len, 4096);
            java.util.Arrays.fill(b, off, off + n, (byte) 1);
            sent += n;
            return n;
          }
        };
    CompletableFuture<Void> upload = v.batchUpload().putFile(in, "/cancelled.bin").uploadAsync();
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(newSpools()).as("the spool file while the stream is read").hasSize(1);
    assertThat(upload.cancel(true)).isTrue();
    assertThat(newSpools()).as("deleted when the upload is cancelled").isEmpty();
    release.countDown();
    assertThat(readAfterRelease.await(60, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(upload::join).isInstanceOf(CancellationException.class);
    assertThat(newSpools()).as("none made after the cancellation").isEmpty();
  }

  private Set<Path> uncheckedNewSpools() {
    try {
      return newSpools();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Pseudo-random bytes with runs of zeros (one ending a v2 block, one ending the stream), hashed
   * as they are handed out; fails with "disk on fire" at {@code failAt} if that is not negative.
   */
  private static final class GeneratedStream extends InputStream {
    private final long size;
    private final long failAt;
    private final Random random;
    private final MessageDigest md;
    private long position;
    int eofs;
    int readsAfterEof;
    boolean closed;
    volatile boolean spoolSeenAtHalf;
    Runnable atHalf = () -> {};

    GeneratedStream(long size, long seed, long failAt) throws Exception {
      this.size = size;
      this.failAt = failAt;
      this.random = new Random(seed);
      this.md = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("read in chunks");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (eofs > 0) {
        readsAfterEof++;
      }
      if (position >= size) {
        eofs++;
        return -1;
      }
      if (failAt >= 0 && position >= failAt) {
        throw new IOException("disk on fire");
      }
      // Odd lengths, so chunks straddle the 8 MiB block boundaries.
      int n = (int) Math.min(Math.min(len, 100_003), size - position);
      for (int i = 0; i < n; i++) {
        long p = position + i;
        boolean zero = (p >= (15L << 20) && p < (16L << 20)) || p >= size - 70_000;
        b[off + i] = zero ? 0 : (byte) (random.nextInt(255) + 1);
      }
      md.update(b, off, n);
      long before = position;
      position += n;
      if (before < size / 2 && position >= size / 2) {
        atHalf.run();
      }
      return n;
    }

    String sha256() {
      return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
