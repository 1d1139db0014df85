package dev.modal4j.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.SandboxFilesystemDirectoryNotEmptyException;
import dev.modal4j.SandboxFilesystemException;
import dev.modal4j.SandboxFilesystemIsADirectoryException;
import dev.modal4j.SandboxFilesystemNotADirectoryException;
import dev.modal4j.SandboxFilesystemNotFoundException;
import dev.modal4j.SandboxFilesystemPathAlreadyExistsException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.testing.ModalEmulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SandboxFilesystem} against the emulator, on one of its backends (a subclass per backend):
 * the filesystem part of issue 10's "done when" list, through Modal's own tool protocol.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class FilesystemContract {
  static ModalEmulator emulator;
  ModalClient modal;
  App app;
  Image image;
  Sandbox sb;

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("fs-tests", AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("alpine:3.21");
    sb = modal.sandboxes().create(app, image);
  }

  @AfterEach
  void disconnect() {
    sb.close();
    modal.close();
  }

  private String sh(String script) {
    ContainerProcess p = sb.exec(List.of("sh", "-c", script));
    String out = p.stdout().readText();
    assertThat(p.waitFor()).as("exit of %s (stderr %s)", script, p.stderr().readText()).isZero();
    return out;
  }

  @Test
  void textAndBytesRoundTripAndAreTheFilesOfOtherCommands() {
    SandboxFilesystem fs = sb.filesystem();
    fs.writeText("/tmp/fs/a/b/hello.txt", "hello ☃\n");
    assertThat(sh("cat /tmp/fs/a/b/hello.txt")).isEqualTo("hello ☃\n");
    assertThat(fs.readText("/tmp/fs/a/b/hello.txt")).isEqualTo("hello ☃\n");

    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'};
    fs.writeBytes("/tmp/fs/bytes.bin", bytes);
    assertThat(fs.readBytes("/tmp/fs/bytes.bin")).isEqualTo(bytes);
    assertThat(sh("od -An -tx1 /tmp/fs/bytes.bin").trim()).isEqualTo("00 01 02 ff fe 0a");

    sh("printf 'from exec' > /tmp/fs/exec.txt");
    assertThat(fs.readText("/tmp/fs/exec.txt")).isEqualTo("from exec");
    fs.writeText("/tmp/fs/exec.txt", "");
    assertThat(fs.readBytes("/tmp/fs/exec.txt")).isEmpty();
    assertThat(fs.readTextAsync("/tmp/fs/a/b/hello.txt").join()).isEqualTo("hello ☃\n");
  }

  @Test
  void listAndStatDescribeWhatIsThere() {
    SandboxFilesystem fs = sb.filesystem();
    fs.makeDirectory("/tmp/ls/sub/deeper");
    fs.writeText("/tmp/ls/zeta.txt", "zz");
    fs.writeText("/tmp/ls/alpha.txt", "a");
    sh("ln -s /tmp/ls/alpha.txt /tmp/ls/link && chmod 640 /tmp/ls/zeta.txt");

    List<FileInfo> entries = fs.listFiles("/tmp/ls");
    assertThat(entries)
        .extracting(FileInfo::name)
        .containsExactly("alpha.txt", "link", "sub", "zeta.txt");
    assertThat(entries)
        .extracting(FileInfo::type)
        .containsExactly(FileType.FILE, FileType.SYMLINK, FileType.DIRECTORY, FileType.FILE);
    assertThat(entries.get(1).symlinkTarget()).contains("/tmp/ls/alpha.txt");
    assertThat(entries.get(0).symlinkTarget()).isEmpty();

    FileInfo zeta = fs.stat("/tmp/ls/zeta.txt");
    String[] truth = sh("stat -c '%a %U %G %Y %f %s' /tmp/ls/zeta.txt").trim().split(" ");
    assertThat(zeta.path()).isEqualTo("/tmp/ls/zeta.txt");
    assertThat(zeta.name()).isEqualTo("zeta.txt");
    assertThat(zeta.permissions()).isEqualTo(String.format("%4s", truth[0]).replace(' ', '0'));
    assertThat(zeta.permissions()).isEqualTo("0640");
    assertThat(zeta.owner()).isEqualTo(truth[1]);
    assertThat(zeta.group()).isEqualTo(truth[2]);
    assertThat(zeta.modifiedTime().getEpochSecond()).isEqualTo(Long.parseLong(truth[3]));
    assertThat(zeta.mode()).isEqualTo(Integer.parseInt(truth[4], 16));
    assertThat(zeta.size()).isEqualTo(2).isEqualTo(Long.parseLong(truth[5]));
    assertThat(fs.stat("/tmp/ls/link").type()).isEqualTo(FileType.SYMLINK);
    assertThat(fs.statAsync("/tmp/ls/sub").join().type()).isEqualTo(FileType.DIRECTORY);
  }

  @Test
  void removeAndItsErrorsAreTyped() {
    SandboxFilesystem fs = sb.filesystem();
    fs.writeText("/tmp/rm/dir/file.txt", "x");
    assertThatThrownBy(() -> fs.remove("/tmp/rm/dir"))
        .isInstanceOf(SandboxFilesystemDirectoryNotEmptyException.class)
        .hasMessageContaining("/tmp/rm/dir");
    fs.remove("/tmp/rm/dir/file.txt");
    fs.remove("/tmp/rm/dir");
    assertThat(fs.listFiles("/tmp/rm")).isEmpty();
    fs.writeText("/tmp/rm/tree/a/b.txt", "x");
    fs.remove("/tmp/rm/tree", true);
    assertThat(sh("test -e /tmp/rm/tree && echo yes || echo no")).isEqualTo("no\n");
    assertThatThrownBy(() -> fs.remove("/tmp/rm/missing"))
        .isInstanceOf(SandboxFilesystemNotFoundException.class);
  }

  @Test
  void errorsAreTypedAsModalsSdksTypeThem() {
    SandboxFilesystem fs = sb.filesystem();
    fs.writeText("/tmp/err/file", "x");
    assertThatThrownBy(() -> fs.readText("/tmp/err/missing"))
        .isInstanceOf(SandboxFilesystemNotFoundException.class)
        .hasMessageEndingWith(": /tmp/err/missing");
    assertThatThrownBy(() -> fs.readBytes("/tmp/err"))
        .isInstanceOf(SandboxFilesystemIsADirectoryException.class);
    assertThatThrownBy(() -> fs.writeText("/tmp/err", "x"))
        .isInstanceOf(SandboxFilesystemIsADirectoryException.class);
    assertThatThrownBy(() -> fs.writeText("/tmp/err/file/child", "x"))
        .isInstanceOf(SandboxFilesystemNotADirectoryException.class);
    assertThatThrownBy(() -> fs.listFiles("/tmp/err/file"))
        .isInstanceOf(SandboxFilesystemNotADirectoryException.class);
    assertThatThrownBy(() -> fs.stat("/tmp/err/file/child"))
        .isInstanceOf(SandboxFilesystemNotADirectoryException.class);
    assertThatThrownBy(() -> fs.makeDirectory("/tmp/err", false))
        .isInstanceOf(SandboxFilesystemPathAlreadyExistsException.class);
    assertThatThrownBy(() -> fs.makeDirectory("/tmp/err/file"))
        .isInstanceOf(SandboxFilesystemPathAlreadyExistsException.class);
    assertThatThrownBy(() -> fs.makeDirectory("/tmp/err/none/child", false))
        .isInstanceOf(SandboxFilesystemNotFoundException.class);
    assertThatThrownBy(() -> fs.open("/tmp/err/missing"))
        .isInstanceOf(SandboxFilesystemNotFoundException.class);
    assertThatThrownBy(() -> fs.readBytesAsync("/tmp/err/missing").join())
        .hasCauseInstanceOf(SandboxFilesystemNotFoundException.class);
  }

  @Test
  void aFileOf64MibStreamsBothWaysInBoundedMemory(@TempDir Path dir) throws Exception {
    SandboxFilesystem fs = sb.filesystem();
    long size = 64L << 20;
    Path local = dir.resolve("big.bin");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = Files.newOutputStream(local)) {
      byte[] chunk = new byte[1 << 20];
      long state = 42;
      for (int i = 0; i < size / chunk.length; i++) {
        for (int j = 0; j < chunk.length; j++) {
          state = state * 6364136223846793005L + 1442695040888963407L;
          chunk[j] = (byte) (state >>> 56);
        }
        sha.update(chunk);
        out.write(chunk);
      }
    }
    String digest = HexFormat.of().formatHex(sha.digest());

    LivePeak up = LivePeak.during(() -> fs.copyFromLocal(local, "/tmp/big/in.bin"));
    assertThat(sh("sha256sum /tmp/big/in.bin").split(" ")[0]).isEqualTo(digest);

    Path back = dir.resolve("sub/back.bin");
    LivePeak down = LivePeak.during(() -> fs.copyToLocal("/tmp/big/in.bin", back));
    assertThat(Files.size(back)).isEqualTo(size);
    try (InputStream in = Files.newInputStream(back)) {
      MessageDigest check = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        check.update(buf, 0, n);
      }
      assertThat(HexFormat.of().formatHex(check.digest())).isEqualTo(digest);
    }
    try (Stream<Path> files = Files.list(back.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("back.bin");
    }
    // Client and in-process emulator share this heap: neither may hold the file (64 MiB).
    assertThat(up.samples).isGreaterThan(0);
    assertThat(down.samples).isGreaterThan(0);
    assertThat(up.peakAboveBaseline).as("live heap growth while writing").isLessThan(32L << 20);
    assertThat(down.peakAboveBaseline).as("live heap growth while reading").isLessThan(32L << 20);
  }

  @Test
  void watchSeesAFileAnotherCommandCreates() {
    SandboxFilesystem fs = sb.filesystem();
    fs.makeDirectory("/tmp/watched/nested");
    ContainerProcess trigger =
        sb.exec(
            List.of(
                "sh",
                "-c",
                "i=0; while [ $i -lt 40 ]; do touch /tmp/watched/f$i /tmp/watched/nested/g$i;"
                    + " i=$((i+1)); sleep 0.1; done"));
    List<FileWatchEvent> events;
    try (Stream<FileWatchEvent> watch =
        fs.watch("/tmp/watched", WatchParams.builder().timeout(Duration.ofSeconds(2)).build())) {
      events = watch.collect(Collectors.toList());
    }
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(FileWatchEventType.CREATE);
              assertThat(e.paths().get(0)).startsWith("/tmp/watched/f");
            });
    assertThat(events)
        .allSatisfy(
            e -> assertThat(e.paths()).noneMatch(p -> p.startsWith("/tmp/watched/nested/")));

    try (Stream<FileWatchEvent> watch =
        fs.watch(
            "/tmp/watched",
            WatchParams.builder()
                .recursive(true)
                .filter(Set.of(FileWatchEventType.CREATE))
                .build())) {
      FileWatchEvent nested =
          watch
              .filter(e -> e.paths().get(0).startsWith("/tmp/watched/nested/"))
              .findFirst()
              .orElseThrow();
      assertThat(nested.type()).isEqualTo(FileWatchEventType.CREATE);
    }
    // Closing the stream ended the tool in the sandbox.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!sh("grep -l Wat[c]h /proc/[0-9]*/cmdline 2>/dev/null | wc -l").trim().equals("0")) {
      assertThat(System.nanoTime()).as("the watch tool is still running").isLessThan(deadline);
    }
    assertThat(trigger.waitFor()).isZero();
    assertThatThrownBy(
            () -> {
              try (Stream<FileWatchEvent> w = fs.watch("/tmp/nowhere", WatchParams.DEFAULT)) {
                w.count();
              }
            })
        .isInstanceOf(SandboxFilesystemNotFoundException.class);
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    Sandbox fresh = modal.sandboxes().fromId(sb.sandboxId());
    SandboxFilesystem fs = fresh.filesystem();
    long before = emulator.stats().total();
    assertThatThrownBy(() -> fs.readText("tmp/relative"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> fs.writeText("relative", "x")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.listFiles(null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.writeBytes("/tmp/x", null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.write("/tmp/x", (Path) null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.copyToLocal("/tmp/x", null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.watch("/tmp/x", null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.removeAsync("rel", true)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> fs.copyFromLocal(Path.of("/nonexistent/file"), "/tmp/x"))
        .isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
    assertThat(new SandboxFilesystemException("x")).isInstanceOf(dev.modal4j.ModalException.class);
  }

  /** The peak of the live heap (sampled after a full collection) while a body runs. */
  static final class LivePeak {
    long peakAboveBaseline;
    int samples;

    static LivePeak during(Runnable body) throws InterruptedException {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      AtomicBoolean done = new AtomicBoolean();
      LivePeak result = new LivePeak();
      // The peak counts a level only when two samples in a row (25 ms apart) are at or above it:
      // a copy of the file held by either side stays for the transfer, while a single high
      // sample can be bytes allocated between a collection and its reading on a busy machine.
      long[] previous = {-1};
      Thread sampler =
          new Thread(
              () -> {
                while (!done.get()) {
                  System.gc();
                  long used = memory.getHeapMemoryUsage().getUsed();
                  long held = previous[0] < 0 ? used : Math.min(used, previous[0]);
                  previous[0] = used;
                  peak.accumulateAndGet(held, Math::max);
                  result.samples++;
                  try {
                    Thread.sleep(25);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "live-heap-sampler");
      sampler.start();
      try {
        body.run();
      } finally {
        done.set(true);
        sampler.join();
      }
      result.peakAboveBaseline = peak.get() - baseline;
      return result;
    }
  }
}
