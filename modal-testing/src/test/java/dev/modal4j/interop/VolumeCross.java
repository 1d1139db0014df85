package dev.modal4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.ModalClient;
import dev.modal4j.volumes.ListFilesParams;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeEntry;
import dev.modal4j.volumes.VolumeFromNameParams;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** modal4j's half of the volume cross read with Python ({@code volume_cross.py}). */
final class VolumeCross {
  static final List<String> VOLUMES = List.of("interop-cross-v1", "interop-cross-v2");
  private static final int BLOCK = 8 << 20;

  private VolumeCross() {}

  /** Uploads the Java files to both volumes and writes the manifest Python checks. */
  static void uploadFromJava(ModalClient modal, Path scratch) throws Exception {
    byte[] big = new byte[2 * BLOCK + 777];
    new Random(17).nextBytes(big);
    Arrays.fill(big, BLOCK - 700, BLOCK + 700, (byte) 0);
    Arrays.fill(big, big.length - 100, big.length, (byte) 0);
    Path local = Files.createDirectories(scratch.resolve("java"));
    Path bigFile = Files.write(local.resolve("big.bin"), big);
    Path tree = Files.createDirectories(local.resolve("tree/sub"));
    Files.writeString(tree.resolve("../a.txt"), "a from java\n");
    byte[] nested = new byte[50_000];
    new Random(3).nextBytes(nested);
    Files.write(tree.resolve("b.bin"), nested);
    byte[] small = "bytes from modal4j\n".getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> expected =
        Map.of(
            "/java/big.bin", big,
            "/java/small.txt", small,
            "/java/tree/a.txt", "a from java\n".getBytes(StandardCharsets.UTF_8),
            "/java/tree/sub/b.bin", nested);
    List<String> manifest = new ArrayList<>();
    for (String name : VOLUMES) {
      int version = name.endsWith("v1") ? 1 : 2;
      Volume v =
          modal
              .volumes()
              .fromName(
                  name,
                  VolumeFromNameParams.builder().createIfMissing(true).version(version).build());
      v.batchUpload(true)
          .putFile(bigFile, "/java/big.bin")
          .putFile(small, "/java/small.txt", 0600)
          .putDirectory(local.resolve("tree"), "/java/tree")
          .upload();
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        manifest.add(name + " " + e.getKey() + " " + e.getValue().length + " " + sha(e.getValue()));
      }
    }
    Files.write(scratch.resolve("manifest.txt"), manifest);
  }

  /** Reads back every file Python reported, as a stream and into a path; returns how many. */
  static int readFromPython(ModalClient modal, List<String> lines, Path scratch) throws Exception {
    int checked = 0;
    for (String name : VOLUMES) {
      Volume v = modal.volumes().fromName(name);
      Map<String, Long> sizes;
      try (Stream<VolumeEntry> all =
          v.listFiles("/from-py", ListFilesParams.builder().recursive(true).build())) {
        sizes =
            all.collect(
                Collectors.toMap(
                    e -> e.path().startsWith("/") ? e.path().substring(1) : e.path(),
                    VolumeEntry::size));
      }
      for (String line : lines) {
        String[] f = line.split(" ");
        if (f.length != 4 || !f[0].equals("PYSHA") || !f[1].equals(name)) {
          continue;
        }
        String path = f[2];
        assertThat(sizes).as("modal4j's listing of /from-py in %s", name).containsKey(path);
        try (InputStream in = v.readFile(path)) {
          byte[] data = in.readAllBytes();
          assertThat(sha(data)).as("%s/%s read as a stream", name, path).isEqualTo(f[3]);
          assertThat((long) data.length).isEqualTo(sizes.get(path));
        }
        Path target = scratch.resolve("back-" + name + "-" + path.replace('/', '_'));
        v.readFile(path, target);
        assertThat(sha(Files.readAllBytes(target)))
            .as("%s/%s read into a path", name, path)
            .isEqualTo(f[3]);
        checked++;
      }
    }
    return checked;
  }

  private static String sha(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
