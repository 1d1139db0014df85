package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idempotency cache is bounded in count, bytes and time. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdempotencyCacheTest {
  static final BytesValue SMALL = BytesValue.of(ByteString.copyFromUtf8("ok"));

  @Test
  void aKnownKeyIsNotServedAgainUntilItsOutcomeExpires() throws InterruptedException {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMillis(100), 10, 1 << 20);
    IdempotencyCache.Claim first = cache.claim("m k");
    assertThat(first.owner()).isTrue();
    first.entry().succeeded(SMALL);
    assertThat(cache.claim("m k").owner()).isFalse();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean servedAgain = false;
    while (!servedAgain && System.nanoTime() < deadline) {
      servedAgain = cache.claim("m k").owner();
      Thread.sleep(5);
    }
    assertThat(servedAgain).as("claimable again after the TTL").isTrue();
  }

  @Test
  void theOldestOutcomesGoFirstBeyondTheEntryLimit() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofHours(1), 2, 1 << 20);
    for (String k : new String[] {"a", "b", "c"}) {
      cache.claim(k).entry().succeeded(SMALL);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
    assertThat(cache.claim("c").owner()).isFalse();
    assertThat(cache.claim("a").owner()).as("oldest evicted").isTrue();
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void largeResponsesAreEvictedBeyondTheByteLimit() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofHours(1), 100, 1000);
    BytesValue big = BytesValue.of(ByteString.copyFrom(new byte[4000]));
    cache.claim("big").entry().succeeded(big);
    cache.claim("next").entry().succeeded(SMALL);
    assertThat(cache.claim("big").owner()).as("evicted for its size").isTrue();
  }

  @Test
  void aFailedOutcomeIsForgotten() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofHours(1), 100, 1 << 20);
    cache.claim("k").entry().failed(io.grpc.Status.NOT_FOUND, new io.grpc.Metadata());
    assertThat(cache.claim("k").owner()).isTrue();
  }
}
