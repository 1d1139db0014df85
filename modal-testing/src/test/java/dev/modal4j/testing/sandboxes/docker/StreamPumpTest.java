package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's frame format, parsed from reads cut at every possible place. No engine needed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamPumpTest {

  @Test
  void demultiplexesFramesWhateverTheReadBoundaries() throws Exception {
    Random random = new Random(42);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ByteArrayOutputStream expectedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream expectedErr = new ByteArrayOutputStream();
    for (int i = 0; i < 300; i++) {
      int stream = random.nextInt(3) == 0 ? 2 : 1;
      int size = i % 17 == 0 ? 0 : random.nextInt(i % 5 == 0 ? 200_000 : 300);
      byte[] payload = new byte[size];
      random.nextBytes(payload);
      wire.write(new byte[] {(byte) stream, 0, 0, 0});
      wire.write(
          new byte[] {
            (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size
          });
      wire.write(payload);
      (stream == 2 ? expectedErr : expectedOut).write(payload);
    }
    for (int maxRead : new int[] {1, 3, 7, 8, 9, 4096, 1 << 20}) {
      BoundedPipe out = new BoundedPipe(4096);
      BoundedPipe err = new BoundedPipe(4096);
      InputStream in = chopped(wire.toByteArray(), maxRead, random);
      Thread pump = new Thread(() -> new StreamPump(in, false, out, err).run());
      pump.start();
      CompletableFuture<byte[]> errBytes = readAsync(err.source());
      assertThat(out.source().readAllBytes()).isEqualTo(expectedOut.toByteArray());
      assertThat(errBytes.get(10, TimeUnit.SECONDS)).isEqualTo(expectedErr.toByteArray());
      pump.join(10_000);
    }
  }

  @Test
  void rawStreamIsAllStdout() throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    BoundedPipe out = new BoundedPipe(1000);
    BoundedPipe err = new BoundedPipe(1000);
    Thread pump =
        new Thread(() -> new StreamPump(chopped(data, 5000, new Random(1)), true, out, err).run());
    pump.start();
    assertThat(out.source().readAllBytes()).isEqualTo(data);
    assertThat(err.source().read()).isEqualTo(-1);
    pump.join(10_000);
  }

  @Test
  void aBrokenConnectionEndsBothStreams() throws Exception {
    BoundedPipe out = new BoundedPipe(100);
    BoundedPipe err = new BoundedPipe(100);
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    new StreamPump(broken, false, out, err).run();
    assertThat(out.source().read()).isEqualTo(-1);
    assertThat(err.source().read()).isEqualTo(-1);
  }

  /** Returns the bytes in reads of 1 to {@code maxRead} bytes. */
  private static InputStream chopped(byte[] data, int maxRead, Random random) {
    return new FilterInputStream(new java.io.ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
      }
    };
  }

  private static CompletableFuture<byte[]> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
