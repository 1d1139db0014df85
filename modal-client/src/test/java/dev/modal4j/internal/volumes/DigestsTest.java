package dev.modal4j.internal.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The v2 block hashes leave a block's trailing zero bytes out, as Modal's Python SDK does. */
class DigestsTest {

  private static byte[] sha256(byte[] data, int from, int to) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(data, from, to));
  }

  @Test
  void trailingZerosAreLeftOutOfTheBlock() throws Exception {
    byte[] data = "abc123\0\0\0".getBytes("ISO-8859-1");
    Digests.Block b = Digests.block(UploadSource.of(data), 0, data.length);
    assertThat(b.start()).isZero();
    assertThat(b.end()).isEqualTo(6);
    assertThat(b.sha256()).isEqualTo(sha256(data, 0, 6));
  }

  @Test
  void aBlockOfZerosIsEmptyAndZerosInsideABlockAreKept() throws Exception {
    byte[] zeros = new byte[1000];
    Digests.Block empty = Digests.block(UploadSource.of(zeros), 200, 500);
    assertThat(empty.end()).isEqualTo(200);
    assertThat(empty.sha256()).isEqualTo(sha256(zeros, 0, 0));
    byte[] inner = {1, 0, 0, 2, 0};
    Digests.Block b = Digests.block(UploadSource.of(inner), 0, inner.length);
    assertThat(b.end()).isEqualTo(4);
    assertThat(b.sha256()).isEqualTo(sha256(inner, 0, 4));
  }

  @Test
  void zeroRunsAcrossChunkBoundariesAreHashedWhenDataFollowsThem() throws Exception {
    int chunk = UploadSource.CHUNK;
    byte[] data = new byte[chunk * 3];
    new Random(7).nextBytes(data);
    Arrays.fill(data, chunk / 2, chunk * 2 + 10, (byte) 0);
    Arrays.fill(data, chunk * 2 + 20, data.length, (byte) 0);
    data[chunk * 2 + 19] = 5;
    Digests.Block b = Digests.block(UploadSource.of(data), 0, data.length);
    assertThat(b.end()).isEqualTo(chunk * 2 + 20);
    assertThat(b.sha256()).isEqualTo(sha256(data, 0, chunk * 2 + 20));
    Digests.Block tail = Digests.block(UploadSource.of(data), chunk, chunk * 2);
    assertThat(tail.start()).isEqualTo(chunk);
    assertThat(tail.end()).isEqualTo(chunk * 2 + 20);
    assertThat(tail.sha256()).isEqualTo(sha256(data, chunk, chunk * 2 + 20));
  }

  @Test
  void wholeFileHashesAreSha256AndMd5() throws Exception {
    byte[] data = new byte[UploadSource.CHUNK + 123];
    new Random(3).nextBytes(data);
    Digests.Whole w = Digests.whole(UploadSource.of(data));
    assertThat(w.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    assertThat(w.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(data));
    assertThat(Digests.hex(new byte[] {0, 15, (byte) 255})).isEqualTo("000fff");
  }
}
