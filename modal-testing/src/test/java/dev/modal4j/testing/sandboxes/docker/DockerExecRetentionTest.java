package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;

/**
 * Memory of the container backend's execs: a finished exec whose handle is kept (the router keeps
 * every exec of a task) holds no pipe storage, and an unread stream holds the container's process
 * at the pipe's bound. The emulator ran out of heap after a few hundred execs in one sandbox when
 * every exec kept two 1 MiB rings. Skipped where no engine answers or the base image is missing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerExecRetentionTest {

  private static DockerBackend backend;

  @BeforeAll
  static void connect() throws IOException {
    assumeTrue(DockerBackend.engineAnswers(), "no Docker engine answers: skipped");
    assumeTrue(
        !DockerClientFactory.instance()
            .client()
            .listImagesCmd()
            .withImageNameFilter(DockerBackend.BASE_IMAGE)
            .exec()
            .isEmpty(),
        "the base image " + DockerBackend.BASE_IMAGE + " is missing: skipped");
    backend = DockerBackend.connect();
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void finishedExecsWhoseHandlesAreKeptHoldNoPipeStorage() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      List<RunningProcess> kept = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        RunningProcess p = sandbox.exec(Specs.exec("sh", "-c", "echo out-" + i + "; echo e >&2"));
        assertThat(new String(p.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo("out-" + i + "\n");
        assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
        kept.add(p);
      }
      // stdout was read to its end; stderr was never read and still holds its two bytes.
      for (RunningProcess p : kept) {
        assertThat(((DockerProcess) p).retainedBytes()).isEqualTo(BoundedPipe.INITIAL);
        drain(p.stderr());
        assertThat(((DockerProcess) p).retainedBytes()).isZero();
      }
    } finally {
      sandbox.terminate();
    }
  }

  @Test
  void anUnreadStreamHoldsTheProcessAtThePipeBound() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      long size = 64L << 20;
      RunningProcess p = sandbox.exec(Specs.exec("head", "-c", Long.toString(size), "/dev/zero"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (p.stdout().available() < DockerProcess.PIPE_CAPACITY) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
      // The pipe is full: the process cannot have written everything, so it cannot have exited.
      assertThat(p.exit()).isNotDone();
      assertThat(((DockerProcess) p).retainedBytes())
          .isLessThanOrEqualTo(2 * DockerProcess.PIPE_CAPACITY);
      assertThat(drain(p.stdout())).isEqualTo(size);
      assertThat(p.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
      assertThat(((DockerProcess) p).retainedBytes()).isZero();
    } finally {
      sandbox.terminate();
    }
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    long n = 0;
    int r;
    while ((r = in.read(buf)) >= 0) {
      n += r;
    }
    return n;
  }
}
