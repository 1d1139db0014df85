package dev.modal4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MapTallyTest {

  @Test
  void everyOutputOnceInAnyOrderVerifies() {
    MapTally t = new MapTally(5);
    for (int i : new int[] {3, 0, 4, 1, 2}) {
      assertThat(t.acceptValue((long) i * i)).isTrue();
    }
    assertThat(t.complete()).isTrue();
    assertThat(t.verified()).isTrue();
    assertThat(t.inOrder()).isFalse();
  }

  @Test
  void inOrderOutputsAreReportedAsOrdered() {
    MapTally t = new MapTally(3);
    t.accept(0, 0);
    t.accept(1, 1);
    t.accept(2, 4);
    assertThat(t.verified()).isTrue();
    assertThat(t.inOrder()).isTrue();
  }

  @Test
  void duplicateIsRejectedAndMissingOneFailsVerification() {
    MapTally t = new MapTally(3);
    t.accept(0, 0);
    assertThat(t.accept(0, 0)).isFalse();
    t.accept(1, 1);
    assertThat(t.complete()).isFalse();
    assertThat(t.verified()).isFalse();
    assertThat(t.summary()).contains("duplicates=1", "received=2/3");
  }

  @Test
  void wrongValuesAndOutOfRangeIndexesAreRejected() {
    MapTally t = new MapTally(3);
    assertThat(t.accept(2, 5)).isFalse();
    assertThat(t.acceptValue(2)).isFalse();
    assertThat(t.acceptValue(9)).isFalse();
    assertThat(t.summary()).contains("wrong=3");
  }

  @Test
  void checksumIsTheSumOfSquaresModulo2To64() {
    long sum = 0;
    for (long i = 0; i < 10_000_000L; i++) {
      sum += i * i;
    }
    assertThat(MapTally.expectedChecksum(10_000_000)).isEqualTo(sum);
    assertThat(MapTally.expectedChecksum(0)).isZero();
    assertThat(MapTally.expectedChecksum(4)).isEqualTo(14);
  }

  @Test
  void largeSquaresRoundTripThroughTheIntegerSquareRoot() {
    int big = 9_999_999;
    MapTally t = new MapTally(10_000_000);
    assertThat(t.acceptValue((long) big * big)).isTrue();
    assertThat(t.acceptValue((long) big * big - 1)).isFalse();
  }
}
