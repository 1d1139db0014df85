package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bound that keeps an unread stream from growing without limit. No engine needed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedPipeTest {

  @Test
  void aWriterWaitsWhileThePipeIsFullAndGoesOnWhenItIsRead() throws Exception {
    BoundedPipe pipe = new BoundedPipe(1000);
    AtomicLong written = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              byte[] chunk = new byte[300];
              try {
                for (int i = 0; i < 10; i++) {
                  pipe.write(chunk, 0, chunk.length);
                  written.addAndGet(chunk.length);
                }
              } catch (java.io.InterruptedIOException e) {
                Thread.currentThread().interrupt();
              }
              pipe.closeWriter();
            });
    writer.start();
    awaitWaiting(writer);
    assertThat(pipe.source().available()).isEqualTo(1000);
    assertThat(written.get()).isEqualTo(900);

    assertThat(pipe.source().readAllBytes()).hasSize(3000);
    writer.join(10_000);
    assertThat(written.get()).isEqualTo(3000);
  }

  @Test
  void closingTheReaderReleasesAWaitingWriterAndDropsTheRest() throws Exception {
    BoundedPipe pipe = new BoundedPipe(10);
    Thread writer =
        new Thread(
            () -> {
              try {
                pipe.write(new byte[1_000_000], 0, 1_000_000);
              } catch (java.io.InterruptedIOException e) {
                Thread.currentThread().interrupt();
              }
            });
    writer.start();
    awaitWaiting(writer);
    pipe.source().close();
    writer.join(10_000);
    assertThat(writer.isAlive()).isFalse();
    assertThat(pipe.source().read()).isEqualTo(-1);
  }

  @Test
  void afterStopWaitingAFullPipeDropsNewBytesAndKeepsTheBuffered() throws Exception {
    BoundedPipe pipe = new BoundedPipe(4);
    Thread writer =
        new Thread(
            () -> {
              try {
                pipe.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
              } catch (java.io.InterruptedIOException e) {
                Thread.currentThread().interrupt();
              }
              pipe.closeWriter();
            });
    writer.start();
    awaitWaiting(writer);
    pipe.stopWaiting();
    writer.join(10_000);
    assertThat(writer.isAlive()).isFalse();
    assertThat(pipe.source().readAllBytes()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void bytesWrapAroundTheRingInOrder() throws Exception {
    BoundedPipe pipe = new BoundedPipe(7);
    byte[] got = new byte[100];
    int read = 0;
    for (int i = 0; i < 100; i += 5) {
      byte[] five = new byte[5];
      for (int j = 0; j < 5; j++) {
        five[j] = (byte) (i + j);
      }
      pipe.write(five, 0, 5);
      while (pipe.source().available() > 0) {
        read += pipe.source().read(got, read, got.length - read);
      }
    }
    for (int i = 0; i < 100; i++) {
      assertThat(got[i]).isEqualTo((byte) i);
    }
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void storageGrowsWithWhatIsBufferedAndIsReleasedOnceTheEndIsRead() throws Exception {
    BoundedPipe pipe = new BoundedPipe(1 << 20);
    assertThat(pipe.retainedBytes()).isZero();
    pipe.write("hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 6);
    assertThat(pipe.retainedBytes()).isEqualTo(BoundedPipe.INITIAL);
    pipe.write(new byte[300_000], 0, 300_000);
    assertThat(pipe.retainedBytes()).isBetween(300_006, 1 << 20);
    pipe.closeWriter();
    assertThat(pipe.retainedBytes()).isPositive();
    assertThat(pipe.source().readAllBytes()).hasSize(300_006);
    assertThat(pipe.retainedBytes()).isZero();
  }

  @Test
  void growingKeepsWrappedBytesInOrder() throws Exception {
    BoundedPipe pipe = new BoundedPipe(1 << 20);
    byte[] first = new byte[BoundedPipe.INITIAL];
    for (int i = 0; i < first.length; i++) {
      first[i] = (byte) i;
    }
    pipe.write(first, 0, first.length);
    byte[] head = new byte[1000];
    assertThat(pipe.source().readNBytes(head, 0, head.length)).isEqualTo(1000);
    byte[] more = new byte[5000];
    java.util.Arrays.fill(more, (byte) 7);
    pipe.write(more, 0, more.length);
    pipe.closeWriter();
    byte[] rest = pipe.source().readAllBytes();
    assertThat(rest).hasSize(first.length - 1000 + more.length);
    for (int i = 0; i < first.length - 1000; i++) {
      assertThat(rest[i]).isEqualTo((byte) (i + 1000));
    }
    for (int i = first.length - 1000; i < rest.length; i++) {
      assertThat(rest[i]).isEqualTo((byte) 7);
    }
  }

  @Test
  void closingTheReaderReleasesTheStorage() throws Exception {
    BoundedPipe pipe = new BoundedPipe(1 << 20);
    pipe.write(new byte[1000], 0, 1000);
    pipe.source().close();
    assertThat(pipe.retainedBytes()).isZero();
  }
}
