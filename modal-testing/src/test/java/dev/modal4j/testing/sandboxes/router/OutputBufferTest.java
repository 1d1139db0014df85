package dev.modal4j.testing.sandboxes.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded, offset-addressed output buffer on its own. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputBufferTest {
  private static ByteString bytes(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return ByteString.copyFrom(b);
  }

  @Test
  void aFullBufferBlocksTheProducerUntilAReaderMovesPast() throws Exception {
    OutputBuffer buffer = new OutputBuffer(100, 1, false);
    Object reader = new Object();
    buffer.position(reader, 0);
    buffer.append(bytes(60, 1));
    buffer.append(bytes(40, 2));
    CountDownLatch appended = new CountDownLatch(1);
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              try {
                buffer.append(bytes(50, 3));
                appended.countDown();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // The producer stays blocked while the reader has not moved: it is waiting, not done.
    assertThat(appended.await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(buffer.held()).isEqualTo(100);
    OutputBuffer.Read read = buffer.read(0, 1000, () -> {});
    assertThat(((OutputBuffer.Data) read).bytes()).isEqualTo(bytes(60, 1).concat(bytes(40, 2)));
    buffer.position(reader, 60); // past the first chunk only: room for 50 after dropping it
    producer.get(5, TimeUnit.SECONDS);
    assertThat(buffer.held()).isEqualTo(90);
    assertThat(buffer.read(0, 10, () -> {})).isInstanceOf(OutputBuffer.Gone.class);
    assertThat(((OutputBuffer.Data) buffer.read(95, 10, () -> {})).bytes())
        .isEqualTo(bytes(5, 2).concat(bytes(5, 3)));
  }

  @Test
  void aReaderAtTheEndIsCalledBackOnMoreAndSeesTheEndOnlyAfterEveryWriterClosed() throws Exception {
    OutputBuffer buffer = new OutputBuffer(1000, 2, false);
    CountDownLatch woken = new CountDownLatch(1);
    assertThat(buffer.read(0, 10, woken::countDown)).isInstanceOf(OutputBuffer.Later.class);
    buffer.append(bytes(3, 7));
    assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
    buffer.close();
    assertThat(buffer.read(3, 10, () -> {})).isInstanceOf(OutputBuffer.Later.class);
    buffer.close();
    assertThat(buffer.read(3, 10, () -> {})).isInstanceOf(OutputBuffer.End.class);
    assertThat(buffer.produced()).isEqualTo(3);
  }

  @Test
  void aReaderAskingForAtLeastNBytesGetsFewUntilThereAreThatManyOrTheEnd() throws Exception {
    OutputBuffer buffer = new OutputBuffer(1000, 1, false);
    CountDownLatch woken = new CountDownLatch(1);
    buffer.append(bytes(10, 1));
    assertThat(buffer.read(0, 100, 50, woken::countDown)).isEqualTo(new OutputBuffer.Few(10));
    buffer.append(bytes(40, 2));
    assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
    assertThat(((OutputBuffer.Data) buffer.read(0, 100, 50, () -> {})).bytes().size())
        .isEqualTo(50);
    buffer.append(bytes(5, 3));
    assertThat(buffer.read(50, 100, 50, () -> {})).isInstanceOf(OutputBuffer.Few.class);
    // A limit below the minimum is enough; and once the producer is done, whatever is left.
    assertThat(((OutputBuffer.Data) buffer.read(50, 3, 50, () -> {})).bytes().size()).isEqualTo(3);
    buffer.close();
    assertThat(((OutputBuffer.Data) buffer.read(50, 100, 50, () -> {})).bytes().size())
        .isEqualTo(5);
  }

  @Test
  void aDiscardingBufferKeepsNothingAndReadsAsEnded() throws Exception {
    OutputBuffer buffer = new OutputBuffer(10, 1, true);
    buffer.append(bytes(1000, 1));
    assertThat(buffer.held()).isZero();
    assertThat(buffer.read(0, 10, () -> {})).isInstanceOf(OutputBuffer.End.class);
  }

  @Test
  void abortReleasesABlockedProducer() throws Exception {
    OutputBuffer buffer = new OutputBuffer(10, 1, false);
    buffer.position(new Object(), 0);
    buffer.append(bytes(10, 1));
    CompletableFuture<Boolean> producer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                buffer.append(bytes(10, 2));
                return false;
              } catch (InterruptedException e) {
                return true;
              }
            });
    assertThat(producer.isDone()).isFalse();
    buffer.abort();
    assertThat(producer.get(5, TimeUnit.SECONDS)).isTrue();
  }
}
