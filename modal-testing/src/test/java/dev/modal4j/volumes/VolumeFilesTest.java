package dev.modal4j.volumes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.testing.ModalEmulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK's volume file operations against the emulator, on v1 and v2 volumes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeFilesTest {
  private static final AtomicInteger names = new AtomicInteger();
  private static ModalEmulator emulator;
  private ModalClient modal;
  @TempDir Path tmp;

  @BeforeAll
  static void startEmulator() {
    emulator = ModalEmulator.start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private Volume volume(int version) {
    return modal
        .volumes()
        .fromName(
            "files-v" + version + "-" + names.incrementAndGet(),
            VolumeFromNameParams.builder().createIfMissing(true).version(version).build());
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static String rel(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static Map<String, VolumeEntry> byPath(Stream<VolumeEntry> entries) {
    try (entries) {
      return entries.collect(Collectors.toMap(e -> rel(e.path()), Function.identity()));
    }
  }

  /** A local tree: a.txt, sub/b.bin (9 MiB: two v2 blocks, a v1 blob), sub/deeper/c.txt. */
  private Path tree() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(dir.resolve("a.txt"), "alpha");
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.write(dir.resolve("sub/b.bin"), random(9 << 20, 1));
    Files.writeString(dir.resolve("sub/deeper/c.txt"), "gamma");
    return dir;
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void aDirectoryAndBytesAreUploadedAndListed(int version) throws Exception {
    Volume v = volume(version);
    Instant before = Instant.now().minusSeconds(5);
    v.batchUpload()
        .putDirectory(tree(), "/tree")
        .putFile("hello".getBytes(UTF_8), "/hello.txt", 0755)
        .upload();

    Map<String, VolumeEntry> top = byPath(v.listFiles("/"));
    assertThat(top.keySet()).containsExactlyInAnyOrder("hello.txt", "tree");
    assertThat(top.get("tree").type()).isEqualTo(VolumeEntryType.DIRECTORY);
    assertThat(top.get("hello.txt").type()).isEqualTo(VolumeEntryType.FILE);
    assertThat(top.get("hello.txt").size()).isEqualTo(5);
    assertThat(top.get("hello.txt").mtime()).isAfter(before);

    Map<String, VolumeEntry> all =
        byPath(v.listFiles("/", ListFilesParams.builder().recursive(true).build()));
    assertThat(all.keySet())
        .contains(
            "hello.txt",
            "tree",
            "tree/a.txt",
            "tree/sub",
            "tree/sub/b.bin",
            "tree/sub/deeper",
            "tree/sub/deeper/c.txt");
    assertThat(all.get("tree/sub/b.bin").size()).isEqualTo(9 << 20);
    assertThat(byPath(v.listFiles("/tree/sub")).keySet())
        .containsExactlyInAnyOrder("tree/sub/b.bin", "tree/sub/deeper");
    assertThat(v.listFilesAsync("/tree", ListFilesParams.DEFAULT).get(30, TimeUnit.SECONDS))
        .extracting(e -> rel(e.path()))
        .containsExactlyInAnyOrder("tree/a.txt", "tree/sub");
    try (Stream<VolumeEntry> few =
        v.listFiles("/", ListFilesParams.builder().recursive(true).maxEntries(2).build())) {
      assertThat(few.count()).isLessThanOrEqualTo(2);
    }
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void filesAreReadBackByStreamIntoAPathAndByRange(int version) throws Exception {
    Volume v = volume(version);
    byte[] big = random(9 << 20, 2);
    Path local = tmp.resolve("big.bin");
    Files.write(local, big);
    v.batchUpload().putFile(local, "/data/big.bin").upload();

    try (InputStream in = v.readFile("/data/big.bin")) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(big));
    }
    Path back = tmp.resolve("back/copy.bin");
    Files.createDirectories(back.getParent());
    assertThat(v.readFile("/data/big.bin", back)).isEqualTo(big.length);
    assertThat(sha256(Files.readAllBytes(back))).isEqualTo(sha256(big));
    try (Stream<Path> left = Files.list(back.getParent())) {
      assertThat(left.toList()).containsExactly(back);
    }
    int start = (8 << 20) - 10;
    try (InputStream in =
        v.readFile("/data/big.bin", ReadFileParams.builder().start(start).length(20).build())) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(big, start, start + 20));
    }
    try (InputStream in = v.readFileAsync("/data/big.bin", ReadFileParams.DEFAULT).get()) {
      assertThat(in.read()).isEqualTo(big[0] & 0xff);
    }
    v.batchUpload().putFile(new byte[0], "/data/empty").upload();
    try (InputStream in = v.readFile("/data/empty")) {
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(v.readFile("/data/empty", tmp.resolve("empty"))).isZero();
    assertThat(Files.size(tmp.resolve("empty"))).isZero();
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void filesAndDirectoriesAreRemoved(int version) throws Exception {
    Volume v = volume(version);
    v.batchUpload().putDirectory(tree(), "/tree").upload();
    v.removeFile("/tree/a.txt");
    assertThat(byPath(v.listFiles("/tree")).keySet()).containsExactly("tree/sub");
    assertThatThrownBy(() -> v.removeFile("/tree/sub")).isInstanceOf(ModalException.class);
    assertThat(byPath(v.listFiles("/tree")).keySet()).containsExactly("tree/sub");
    v.removeFile("/tree", true);
    assertThat(byPath(v.listFiles("/")).keySet()).doesNotContain("tree");
    assertThatThrownBy(() -> v.removeFile("/tree/a.txt"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("/tree/a.txt");
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void filesAreCopied(int version) throws Exception {
    Volume v = volume(version);
    v.batchUpload()
        .putFile("one".getBytes(UTF_8), "/a/one.txt")
        .putFile("two".getBytes(UTF_8), "/a/two.txt")
        .upload();
    v.copyFiles(List.of("/a/one.txt"), "/b.txt");
    assertThat(read(v, "/b.txt")).isEqualTo("one");
    v.batchUpload().putFile("x".getBytes(UTF_8), "/dir/keep").upload();
    v.copyFiles(List.of("/a/one.txt", "/a/two.txt"), "/dir");
    assertThat(read(v, "/dir/one.txt")).isEqualTo("one");
    assertThat(read(v, "/dir/two.txt")).isEqualTo("two");
    if (version == 2) {
      v.copyFiles(List.of("/a"), "/a-copy", true);
      assertThat(read(v, "/a-copy/two.txt")).isEqualTo("two");
    } else {
      long rpcs = emulator.stats().total();
      assertThatThrownBy(() -> v.copyFiles(List.of("/a"), "/a-copy", true))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("v1");
      assertThat(emulator.stats().total()).isEqualTo(rpcs);
    }
  }

  private static String read(Volume v, String path) throws Exception {
    try (InputStream in = v.readFile(path)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void existingFilesAreOverwrittenOnlyWithForce(int version) throws Exception {
    Volume v = volume(version);
    v.batchUpload().putFile("one".getBytes(UTF_8), "/x.txt").upload();
    assertThatThrownBy(
            () ->
                v.batchUpload()
                    .putFile("two".getBytes(UTF_8), "/x.txt")
                    .putFile("new".getBytes(UTF_8), "/y.txt")
                    .upload())
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("x.txt")
        .hasMessageContaining("force");
    assertThat(read(v, "/x.txt")).isEqualTo("one");
    v.batchUpload(true).putFile("two".getBytes(UTF_8), "/x.txt").upload();
    assertThat(read(v, "/x.txt")).isEqualTo("two");
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void aMissingFileIsNotFoundNamingItsPath(int version) throws Exception {
    Volume v = volume(version);
    assertThatThrownBy(() -> v.readFile("/nope.txt"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("/nope.txt");
    Path target = tmp.resolve("kept.txt");
    Files.writeString(target, "kept");
    assertThatThrownBy(() -> v.readFile("/nope.txt", target)).isInstanceOf(NotFoundException.class);
    assertThat(Files.readString(target)).isEqualTo("kept");
    assertThatThrownBy(() -> v.listFiles("/no-dir").count())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("/no-dir");
  }

  @Test
  void aHandleFromIdLearnsItsVersionOnce() throws Exception {
    Volume named = volume(2);
    named.batchUpload().putFile("v2".getBytes(UTF_8), "/f.txt").upload();
    Volume byId = modal.volumes().fromId(named.volumeId());
    emulator.stats().reset();
    assertThat(byPath(byId.listFiles("/")).keySet()).containsExactly("f.txt");
    assertThat(read(byId, "/f.txt")).isEqualTo("v2");
    byId.removeFile("/f.txt");
    assertThat(emulator.stats().count("VolumeGetById")).isEqualTo(1);
    assertThat(emulator.stats().count("VolumeListFiles2")).isEqualTo(1);
    assertThat(emulator.stats().count("VolumeRemoveFile2")).isEqualTo(1);
    assertThat(emulator.stats().count("VolumeListFiles")).isZero();
  }

  @Test
  void infoAndRename() {
    Volume v = volume(1);
    String name = v.name().orElseThrow();
    VolumeInfo info = v.info();
    assertThat(info.name()).contains(name);
    modal.volumes().rename(name, name + "-renamed");
    assertThat(modal.volumes().fromName(name + "-renamed").volumeId()).isEqualTo(v.volumeId());
    assertThatThrownBy(() -> modal.volumes().fromName(name)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> modal.volumes().rename("no-such-volume", "x"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aReadOnlyHandleRefusesWritesBeforeAnyRpc() {
    Volume ro = volume(2).readOnly();
    long before = emulator.stats().total();
    assertThatThrownBy(ro::batchUpload)
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> ro.batchUpload(true)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> ro.removeFile("/a", true)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> ro.copyFiles(List.of("/a"), "/b"))
        .isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() throws Exception {
    Volume v = volume(2);
    Path dir = tree();
    long before = emulator.stats().total();
    assertThatThrownBy(() -> v.listFiles("/data/**"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("recursive");
    assertThatThrownBy(() -> v.listFiles("/data/*")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> v.readFile(" ")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> v.batchUpload().putFile(dir.resolve("a.txt"), "/dir/"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("remotePath");
    assertThatThrownBy(() -> v.batchUpload().putFile(dir, "/dir/a"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("localPath");
    assertThatThrownBy(() -> v.batchUpload().putDirectory(dir.resolve("a.txt"), "/d"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("localPath");
    assertThatThrownBy(() -> v.batchUpload().putFile(new byte[1], "/m", 010000))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("mode");
    assertThatThrownBy(() -> ListFilesParams.builder().maxEntries(0))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> ReadFileParams.builder().start(-1))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> v.copyFiles(List.of(), "/x")).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> Volume.fromId(v.volumeId()).listFiles("/"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("volumes().fromId");
    VolumeUpload once = v.batchUpload();
    once.upload();
    assertThatThrownBy(once::upload).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().total()).isEqualTo(before);
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {1, 2})
  void commitReloadsUnlessModalSaysToSkipIt(int version) {
    Volume v = volume(version);
    emulator.stats().reset();
    v.commit();
    assertThat(emulator.stats().count("VolumeCommit")).isEqualTo(1);
    assertThat(emulator.stats().count("VolumeReload"))
        .as("the emulator answers skip_reload for v2 volumes only")
        .isEqualTo(version == 1 ? 1 : 0);
    v.reload();
    assertThat(emulator.stats().count("VolumeReload")).isEqualTo(version == 1 ? 2 : 1);
  }
}
