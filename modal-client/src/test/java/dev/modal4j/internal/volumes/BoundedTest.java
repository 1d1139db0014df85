package dev.modal4j.internal.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BoundedTest {

  @Test
  void atMostLimitRunAtOnceAndResultsKeepTheItemsOrder() throws Exception {
    List<CompletableFuture<Integer>> started = new CopyOnWriteArrayList<>();
    List<Integer> items = IntStream.range(0, 7).boxed().toList();
    CompletableFuture<List<Integer>> all =
        Bounded.map(
            items,
            3,
            i -> {
              CompletableFuture<Integer> f = new CompletableFuture<>();
              started.add(f);
              return f;
            });
    assertThat(started).hasSize(3);
    started.get(1).complete(10);
    assertThat(started).hasSize(4);
    for (int round = 0; round < 10 && !all.isDone(); round++) {
      List<CompletableFuture<Integer>> open = new ArrayList<>();
      for (CompletableFuture<Integer> f : started) {
        if (!f.isDone()) {
          open.add(f);
        }
      }
      assertThat(open.size()).isLessThanOrEqualTo(3);
      open.get(open.size() - 1).complete(started.indexOf(open.get(open.size() - 1)) * 10);
    }
    assertThat(all.get(5, TimeUnit.SECONDS)).containsExactly(0, 10, 20, 30, 40, 50, 60);
  }

  @Test
  void tasksThatCompleteAtOnceDoNotDeepenTheStack() throws Exception {
    List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
    List<Integer> out =
        Bounded.map(items, 4, i -> CompletableFuture.completedFuture(i + 1))
            .get(10, TimeUnit.SECONDS);
    assertThat(out).hasSize(100_000).startsWith(1, 2, 3);
  }

  @Test
  void theFirstFailureFailsAllAndCancelsTheRest() {
    List<CompletableFuture<Integer>> started = new CopyOnWriteArrayList<>();
    CompletableFuture<List<Integer>> all =
        Bounded.map(
            List.of(1, 2, 3, 4),
            2,
            i -> {
              CompletableFuture<Integer> f = new CompletableFuture<>();
              started.add(f);
              return f;
            });
    started.get(0).completeExceptionally(new IllegalStateException("boom"));
    assertThatThrownBy(() -> all.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(started.get(1).isCancelled()).isTrue();
    assertThat(started).hasSize(2);
  }
}
