package dev.modal4j.testing.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EntrypointOutputTest {
  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void withoutReadersTheOldestBytesGoAndAReaderIsToldWhereItsDataStarts() throws Exception {
    EntrypointOutput out = new EntrypointOutput(4);
    out.append(bytes("ab"));
    out.append(bytes("cd"));
    out.append(bytes("ef"));
    assertThat(out.oldest()).isEqualTo(2);
    var read = (EntrypointOutput.Data) out.read(0, 100, () -> {});
    assertThat(read.start()).isEqualTo(2);
    assertThat(read.bytes().toStringUtf8()).isEqualTo("cdef");
    var fromMiddle = (EntrypointOutput.Data) out.read(3, 2, () -> {});
    assertThat(fromMiddle.start()).isEqualTo(3);
    assertThat(fromMiddle.bytes().toStringUtf8()).isEqualTo("de");
  }

  @Test
  void anAttachedReaderHoldsTheProducerInsteadOfLosingBytes() throws Exception {
    EntrypointOutput out = new EntrypointOutput(4);
    Object reader = new Object();
    out.position(reader, 0);
    out.append(bytes("abcd"));
    CountDownLatch appended = new CountDownLatch(1);
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              try {
                out.append(bytes("ef"));
                appended.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    // The producer must still be waiting: nothing was read yet.
    assertThat(appended.await(200, TimeUnit.MILLISECONDS)).isFalse();
    var first = (EntrypointOutput.Data) out.read(0, 100, () -> {});
    assertThat(first.bytes().toStringUtf8()).isEqualTo("abcd");
    out.position(reader, 4);
    producer.get(5, TimeUnit.SECONDS);
    var second = (EntrypointOutput.Data) out.read(4, 100, () -> {});
    assertThat(second.start()).isEqualTo(4);
    assertThat(second.bytes().toStringUtf8()).isEqualTo("ef");
  }

  @Test
  void aWaitingReaderIsCalledOnMoreAndSeesTheEndAfterClose() throws Exception {
    EntrypointOutput out = new EntrypointOutput(16);
    CountDownLatch woken = new CountDownLatch(2);
    assertThat(out.read(0, 10, woken::countDown)).isInstanceOf(EntrypointOutput.Later.class);
    out.append(bytes("x"));
    assertThat(out.read(1, 10, woken::countDown)).isInstanceOf(EntrypointOutput.Later.class);
    out.close();
    assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(out.read(1, 10, () -> {})).isInstanceOf(EntrypointOutput.End.class);
    assertThat(out.produced()).isEqualTo(1);
  }
}
