package dev.modal4j.testing.sandboxes.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views on real directories (what the sandboxes mount): a view is a copy of the committed state,
 * refreshed in place; a commit applies its changes since the last refresh, deletions included.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeViewsTest {
  @TempDir Path tmp;
  private Path volumes;
  private VolumeViews views;

  @BeforeEach
  void setUp() throws IOException {
    volumes = Files.createDirectories(tmp.resolve("volumes"));
    views =
        new VolumeViews(
            () -> tmp.resolve("views"),
            (id, sub) -> {
              try {
                return Files.createDirectories(volumes.resolve(id).resolve(sub));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  private Path committed(String rel) {
    return volumes.resolve("vo-1").resolve(rel);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aViewIsACopyThatOthersDoNotSeeUntilCommittedAndRefreshedInPlace() throws Exception {
    write(committed("a/old.txt"), "old");
    Path one = views.open("sb-1", "vo-1", "", false);
    Path two = views.open("sb-2", "vo-1", "", false);
    assertThat(Files.readString(one.resolve("a/old.txt"))).isEqualTo("old");
    assertThat(one).isNotEqualTo(two).isNotEqualTo(committed(""));
    Object inode = Files.readAttributes(two, "unix:ino").get("ino");

    write(one.resolve("new.txt"), "from one");
    assertThat(committed("new.txt")).doesNotExist();
    assertThat(two.resolve("new.txt")).doesNotExist();

    views.reload("sb-1");
    assertThat(Files.readString(committed("new.txt"))).isEqualTo("from one");
    assertThat(two.resolve("new.txt")).doesNotExist();

    views.reload("sb-2");
    assertThat(Files.readString(two.resolve("new.txt"))).isEqualTo("from one");
    // refreshed in place: the mounted directory is the same directory
    assertThat(Files.readAttributes(two, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void deletionsAndChangesInAViewAreCommittedAndOthersKeepTheirOwnWrites() throws Exception {
    write(committed("dir/inner/x.txt"), "x");
    write(committed("keep.txt"), "keep");
    write(committed("change.txt"), "before");
    Path one = views.open("sb-1", "vo-1", "", false);
    Path two = views.open("sb-2", "vo-1", "", false);
    TreeEdits.deleteTree(one.resolve("dir"));
    Files.writeString(one.resolve("change.txt"), "after, longer");
    write(two.resolve("by-two.txt"), "two");

    views.reload("sb-1");
    assertThat(committed("dir")).doesNotExist();
    assertThat(Files.readString(committed("change.txt"))).isEqualTo("after, longer");
    assertThat(Files.readString(committed("keep.txt"))).isEqualTo("keep");

    views.reload("sb-2");
    assertThat(two.resolve("dir")).doesNotExist();
    assertThat(Files.readString(two.resolve("change.txt"))).isEqualTo("after, longer");
    assertThat(Files.readString(committed("by-two.txt"))).isEqualTo("two");
    assertThat(Files.readString(two.resolve("by-two.txt"))).isEqualTo("two");
    // sb-1 did not reload since: it lacks sb-2's file until it does
    assertThat(one.resolve("by-two.txt")).doesNotExist();
    views.reload("sb-1");
    assertThat(Files.readString(one.resolve("by-two.txt"))).isEqualTo("two");
  }

  @Test
  void aFileReplacedByADirectoryAndALinkCopiedAsALink() throws Exception {
    write(committed("p"), "a file");
    Path one = views.open("sb-1", "vo-1", "", false);
    Files.delete(one.resolve("p"));
    write(one.resolve("p/child.txt"), "child");
    Files.createSymbolicLink(one.resolve("escape"), Path.of("/etc"));
    views.reload("sb-1");
    assertThat(Files.readString(committed("p/child.txt"))).isEqualTo("child");
    assertThat(Files.isSymbolicLink(committed("escape"))).isTrue();
    assertThat(Files.readSymbolicLink(committed("escape"))).isEqualTo(Path.of("/etc"));
  }

  @Test
  void aCommitNeverWritesThroughALinkInTheVolume() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(committed(""));
    Path one = views.open("sb-1", "vo-1", "", false);
    // another writer made d a link out of the volume; this view has d as a directory
    write(one.resolve("d/planted.txt"), "planted");
    Files.createSymbolicLink(committed("d"), outside);
    views.reload("sb-1");
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void readOnlyViewsAreNeverCommittedButAreRefreshed() throws Exception {
    Path ro = views.open("sb-1", "vo-1", "", true);
    write(ro.resolve("sneaked.txt"), "host-side write");
    write(committed("later.txt"), "later");
    views.reload("sb-1");
    assertThat(committed("sneaked.txt")).doesNotExist();
    assertThat(Files.readString(ro.resolve("later.txt"))).isEqualTo("later");
    assertThat(ro.resolve("sneaked.txt")).doesNotExist();
    views.end("sb-1");
    assertThat(committed("sneaked.txt")).doesNotExist();
  }

  @Test
  void subPathViewsCommitIntoTheirSubPathOnly() throws Exception {
    write(committed("a/in-a.txt"), "a");
    write(committed("b/in-b.txt"), "b");
    Path a = views.open("sb-1", "vo-1", "a", false);
    Path b = views.open("sb-1", "vo-1", "b", false);
    assertThat(a.resolve("in-a.txt")).exists();
    assertThat(a.resolve("in-b.txt")).doesNotExist();
    write(a.resolve("new.txt"), "new in a");
    Files.delete(b.resolve("in-b.txt"));
    views.end("sb-1");
    assertThat(Files.readString(committed("a/new.txt"))).isEqualTo("new in a");
    assertThat(committed("b/in-b.txt")).doesNotExist();
    assertThat(committed("b/new.txt")).doesNotExist();
    assertThat(committed("a/in-a.txt")).exists();
  }

  @Test
  void endingCommitsAndDeletesTheViewsAndADeletedVolumeDropsTheCommit() throws Exception {
    Path one = views.open("sb-1", "vo-1", "", false);
    Path two = views.open("sb-2", "vo-1", "", false);
    write(one.resolve("kept.txt"), "kept");
    views.end("sb-1");
    views.end("sb-1");
    assertThat(Files.readString(committed("kept.txt"))).isEqualTo("kept");
    assertThat(one).doesNotExist();
    assertThat(views.owners()).containsExactly("sb-2");

    write(two.resolve("lost.txt"), "lost");
    views.volumeDeleted("vo-1", () -> deleteQuietly(volumes.resolve("vo-1")));
    views.reload("sb-2");
    views.end("sb-2");
    assertThat(volumes.resolve("vo-1")).doesNotExist();
    assertThat(two).doesNotExist();
    assertThat(views.owners()).isEmpty();
  }

  @Test
  void the256MibCopyOfAViewIsMeasured() throws Exception {
    Path big = committed("big.bin");
    Files.createDirectories(big.getParent());
    byte[] block = new byte[1 << 20];
    new Random(7).nextBytes(block);
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 256; i++) {
        out.write(block);
      }
    }
    long started = System.nanoTime();
    Path view = views.open("sb-1", "vo-1", "", false);
    long openMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    started = System.nanoTime();
    views.reload("sb-1");
    long reloadMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(
        "VolumeViewsTest: a view of a 256 MiB volume took %d ms to make, an idle reload %d ms%n",
        openMs, reloadMs);
    assertThat(Files.size(view.resolve("big.bin"))).isEqualTo(256L << 20);
    assertThat(Files.mismatch(big, view.resolve("big.bin"))).isEqualTo(-1L);
    assertThat(Files.isSameFile(big, view.resolve("big.bin"))).isFalse();
    assertThat(
            Files.readAttributes(view.resolve("big.bin"), "unix:nlink", LinkOption.NOFOLLOW_LINKS))
        .containsEntry("nlink", 1);
    views.end("sb-1");
  }

  private static void deleteQuietly(Path p) {
    try {
      TreeEdits.deleteTree(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
