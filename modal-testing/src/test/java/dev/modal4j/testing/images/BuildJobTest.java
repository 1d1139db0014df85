package dev.modal4j.testing.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.proto.GenericResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A build's log as joins read it: entry ids to resume after, waiting for what is new. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BuildJobTest {
  private static final long LONG = TimeUnit.SECONDS.toNanos(20);

  private static List<String> data(List<BuildJob.Entry> entries) {
    return entries.stream().map(e -> e.result() != null ? "<result>" : e.data()).toList();
  }

  @Test
  void aReopenedReadResumesAfterTheLastEntryWithoutRepeatingOne() throws Exception {
    BuildJob job = new BuildJob("im-1");
    job.log("one\n");
    job.log("two\n");
    job.log("three\n");
    List<BuildJob.Entry> all = job.after("", System.nanoTime() + LONG, () -> false);
    assertThat(data(all)).containsExactly("one\n", "two\n", "three\n");
    assertThat(all).extracting(BuildJob.Entry::entryId).doesNotHaveDuplicates();
    List<BuildJob.Entry> rest =
        job.after(all.get(1).entryId(), System.nanoTime() + LONG, () -> false);
    assertThat(data(rest)).containsExactly("three\n");

    GenericResult ok =
        GenericResult.newBuilder()
            .setStatus(GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS)
            .build();
    job.finish(ok, null);
    job.log("after\n");
    job.close();
    List<BuildJob.Entry> end =
        job.after(rest.get(0).entryId(), System.nanoTime() + LONG, () -> false);
    assertThat(data(end)).containsExactly("<result>", "after\n");
    assertThat(end.get(0).result()).isEqualTo(ok);
    assertThat(job.after(end.get(1).entryId(), System.nanoTime() + LONG, () -> false)).isEmpty();
    assertThat(job.ended()).isTrue();
  }

  @Test
  void aWaitingReaderGetsALineAsSoonAsItIsLogged() throws Exception {
    BuildJob job = new BuildJob("im-2");
    CompletableFuture<List<BuildJob.Entry>> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return job.after("", System.nanoTime() + LONG, () -> false);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    job.log("late line\n");
    assertThat(data(read.get(10, TimeUnit.SECONDS))).containsExactly("late line\n");
  }

  @Test
  void aReaderStopsAtItsDeadlineOrWhenToldTo() throws Exception {
    BuildJob job = new BuildJob("im-3");
    assertThat(job.after("", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), () -> false))
        .isEmpty();
    boolean[] stop = {false};
    CompletableFuture<List<BuildJob.Entry>> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return job.after("", System.nanoTime() + LONG, () -> stop[0]);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    synchronized (job) {
      stop[0] = true;
    }
    job.wake();
    assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
  }
}
