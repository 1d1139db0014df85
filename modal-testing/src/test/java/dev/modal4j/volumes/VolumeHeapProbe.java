package dev.modal4j.volumes;

import dev.modal4j.ModalClient;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM by {@link VolumeLargeFileTest}: uploads a large local file to a volume, reads
 * it back as a stream and into a path, and prints the SHA-256 of what it read and the most live
 * heap each phase added over the baseline (measured after a GC every 100 ms, so garbage does not
 * count). Only the SDK runs here: the emulator is in the parent.
 */
final class VolumeHeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private VolumeHeapProbe() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    int version = Integer.parseInt(args[2]);
    Path file = Path.of(args[3]);
    Path target = Path.of(args[4]);
    try (ModalClient modal =
        ModalClient.builder()
            .serverUrl(url)
            .tokenId(args[5])
            .tokenSecret(args[6])
            .environmentVariables(java.util.Map.of())
            .homeDirectory(target.getParent())
            .build()) {
      Volume v =
          modal
              .volumes()
              .fromName(
                  name,
                  VolumeFromNameParams.builder().createIfMissing(true).version(version).build());
      v.listFiles("/").close();
      long upload = peak(() -> v.batchUpload().putFile(file, "/big.bin").upload());
      String[] sha = new String[2];
      long stream =
          peak(
              () -> {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                try (InputStream in = v.readFile("/big.bin")) {
                  for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                  }
                }
                sha[0] = HexFormat.of().formatHex(md.digest());
              });
      long toFile = peak(() -> v.readFile("/big.bin", target));
      sha[1] = sha256(target);
      System.out.println("UPLOAD_PEAK " + upload);
      System.out.println("STREAM_PEAK " + stream);
      System.out.println("FILE_PEAK " + toFile);
      System.out.println("STREAM_SHA256 " + sha[0]);
      System.out.println("FILE_SHA256 " + sha[1]);
    }
  }

  interface Phase {
    void run() throws Exception;
  }

  /** The most live heap above the baseline while {@code phase} runs. */
  private static long peak(Phase phase) throws Exception {
    System.gc();
    long base = MEMORY.getHeapMemoryUsage().getUsed();
    AtomicLong max = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                max.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed() - base, Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    try {
      phase.run();
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    return max.get();
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
