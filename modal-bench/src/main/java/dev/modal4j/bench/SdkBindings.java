package dev.modal4j.bench;

import dev.modal4j.ModalClient;
import dev.modal4j.functions.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The only class that touches the modal4j SDK: a {@code ModalClient} on the emulator and the SDK's
 * {@code remote} and {@code map} as {@link Caller} and {@link MapRunner}.
 */
final class SdkBindings implements AutoCloseable {

  private final ModalClient modal;

  private SdkBindings(ModalClient modal) {
    this.modal = modal;
  }

  /** Opens an SDK client on the emulator at {@code url}. */
  static SdkBindings open(String url) {
    return new SdkBindings(
        ModalClient.builder()
            .serverUrl(url)
            .tokenId(BenchMain.TOKEN_ID)
            .tokenSecret(BenchMain.TOKEN_SECRET)
            .build());
  }

  /**
   * The SDK's blocking {@code remote} of {@code function}: byte arrays come back typed as {@code
   * byte[]}, anything else untyped ({@code Object}).
   */
  Caller remote(String function) {
    Function fn = modal.functions().fromName(BenchMain.APP, function);
    return arg ->
        arg instanceof byte[] ? fn.remote(byte[].class, arg) : fn.remote(Object.class, arg);
  }

  /**
   * The SDK's {@code map} of {@code function} over a lazy stream of {@code 0..n-1}, in the default
   * (input) order, every output checked by a {@link MapTally}.
   */
  MapRunner map(String function) {
    Function fn = modal.functions().fromName(BenchMain.APP, function);
    return n -> {
      MapTally tally = new MapTally(n);
      try (Stream<Long> out = fn.map(Long.class, IntStream.range(0, n).boxed())) {
        out.forEach(tally::acceptValue);
      }
      return tally;
    };
  }

  /**
   * Puts {@code n} small items through an ephemeral queue with the SDK's {@code putMany} and {@code
   * getMany}, in batches of {@code batch} (Modal holds at most 5,000 per partition); returns the
   * items read back, checked in order.
   */
  QueueBench.RoundTrip queueRoundTrip() {
    return (n, batch) -> {
      long seen = 0;
      try (dev.modal4j.queues.Queue q = modal.queues().ephemeral()) {
        dev.modal4j.queues.QueueGetParams get =
            dev.modal4j.queues.QueueGetParams.builder()
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        for (int start = 0; start < n; start += batch) {
          int size = Math.min(batch, n - start);
          java.util.List<Integer> items = new java.util.ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            items.add(start + i);
          }
          q.putMany(items);
          int got = 0;
          while (got < size) {
            for (Integer v : q.getMany(size - got, Integer.class, get)) {
              if (v != seen) {
                throw new IllegalStateException("queue item " + seen + " came back as " + v);
              }
              seen++;
              got++;
            }
          }
        }
      }
      return seen;
    };
  }

  /** A named volume of {@code version} (created if missing), for the volume part. */
  VolumeSide volume(String name, int version) {
    return new VolumeSide(
        modal
            .volumes()
            .fromName(
                name,
                dev.modal4j.volumes.VolumeFromNameParams.builder()
                    .createIfMissing(true)
                    .version(version)
                    .build()));
  }

  /** The SDK's volume file operations, as the volume part uses them. */
  static final class VolumeSide {
    private final dev.modal4j.volumes.Volume volume;

    private VolumeSide(dev.modal4j.volumes.Volume volume) {
      this.volume = volume;
    }

    String volumeId() {
      return volume.volumeId();
    }

    /** Uploads {@code file} as {@code remote}, overwriting it. */
    void upload(java.nio.file.Path file, String remote) {
      volume.batchUpload(true).putFile(file, remote).upload();
    }

    /** Reads {@code remote} through the SDK's stream; returns the CRC32C of its bytes. */
    long download(String remote) throws java.io.IOException {
      try (java.io.InputStream in = volume.readFile(remote)) {
        return VolumeBench.crc(in);
      }
    }

    /** Downloads {@code remote} into {@code target}. */
    long downloadTo(String remote, java.nio.file.Path target) {
      return volume.readFile(remote, target);
    }
  }

  @Override
  public void close() {
    modal.close();
  }

  /** A sandbox of the SDK's for the sandbox part: exec through {@code Sandbox.exec}. */
  SandboxSide sandbox(String appName, String imageTag) {
    return new SandboxSide(modal, appName, imageTag);
  }

  /**
   * The SDK side of the sandbox part: one long-lived sandbox for execs, and fresh ones for the
   * create-to-first-output figure.
   */
  static final class SandboxSide implements SandboxBench.ExecSide, AutoCloseable {
    private static final dev.modal4j.sandboxes.ExecParams BINARY =
        dev.modal4j.sandboxes.ExecParams.builder()
            .mode(dev.modal4j.sandboxes.StreamMode.BINARY)
            .stderr(dev.modal4j.sandboxes.StdioMode.IGNORE)
            .build();
    private static final dev.modal4j.sandboxes.ExecParams TEXT =
        dev.modal4j.sandboxes.ExecParams.builder()
            .stderr(dev.modal4j.sandboxes.StdioMode.IGNORE)
            .build();
    private static final dev.modal4j.sandboxes.SandboxCreateParams LONG_LIVED =
        dev.modal4j.sandboxes.SandboxCreateParams.builder()
            .timeout(java.time.Duration.ofMinutes(30))
            .build();

    private final ModalClient modal;
    private final dev.modal4j.apps.App app;
    private final dev.modal4j.images.Image image;
    private final dev.modal4j.sandboxes.Sandbox sandbox;

    private SandboxSide(ModalClient modal, String appName, String imageTag) {
      this.modal = modal;
      this.app =
          modal
              .apps()
              .fromName(
                  appName,
                  dev.modal4j.apps.AppFromNameParams.builder().createIfMissing(true).build());
      this.image = modal.images().fromRegistry(imageTag);
      this.sandbox = modal.sandboxes().create(app, image, LONG_LIVED);
    }

    @Override
    public long execZeros(java.util.List<String> command) throws java.io.IOException {
      dev.modal4j.sandboxes.ContainerProcess p = sandbox.exec(command, BINARY);
      byte[] buf = new byte[1 << 20];
      long n = 0;
      try (var in = p.stdout()) {
        for (int r; (r = in.read(buf, 0, buf.length)) != -1; ) {
          for (int i = 0; i < r; i++) {
            if (buf[i] != 0) {
              throw new IllegalStateException("non-zero byte at offset " + (n + i));
            }
          }
          n += r;
        }
      }
      int code = p.waitFor();
      if (code != 0) {
        throw new IllegalStateException("bench exec exited with " + code);
      }
      return n;
    }

    @Override
    public String execText(java.util.List<String> command) {
      dev.modal4j.sandboxes.ContainerProcess p = sandbox.exec(command, TEXT);
      String out = p.stdout().readText();
      int code = p.waitFor();
      if (code != 0) {
        throw new IllegalStateException("bench exec exited with " + code);
      }
      return out;
    }

    /** The long-lived sandbox's filesystem, for the filesystem figures. */
    dev.modal4j.sandboxes.SandboxFilesystem filesystem() {
      return sandbox.filesystem();
    }

    /** Creates a sandbox, execs echo, returns at its first stdout byte; then terminates it. */
    void createToFirstOutput() throws java.io.IOException {
      try (dev.modal4j.sandboxes.Sandbox s = modal.sandboxes().create(app, image)) {
        dev.modal4j.sandboxes.ContainerProcess p = s.exec(java.util.List.of("echo", "first"), TEXT);
        if (p.stdout().read() != 'f') {
          throw new IllegalStateException("echo's first byte was not 'f'");
        }
      }
    }

    @Override
    public void close() {
      sandbox.terminate();
    }
  }
}
