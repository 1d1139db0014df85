package dev.modal4j.internal.volumes;

import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.blob.BlockTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A volume file downloaded into a local path: the blocks are fetched {@code concurrency} at a time
 * straight into a temporary file next to the target (each through a small buffer, never a whole
 * block in memory), which then replaces the target in one atomic move. On failure the temporary
 * file is removed and the target left as it was.
 */
final class FileDownload {
  private FileDownload() {}

  static CompletableFuture<Long> run(
      BlockTransfer transfer,
      List<String> urls,
      long[] lengths,
      Path target,
      int concurrency,
      java.util.concurrent.Executor blocking) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp;
    FileChannel channel;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
      readableByAll(temp);
      channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new ModalException("cannot write a temporary file in " + dir + ": " + e.getMessage(), e));
    }
    List<long[]> ranges = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < urls.size(); i++) {
      ranges.add(new long[] {i, offset, lengths[i]});
      offset += lengths[i];
    }
    long total = offset;
    CompletableFuture<List<Long>> blocks =
        Bounded.map(
            ranges,
            concurrency,
            r -> transfer.getToFile(urls.get((int) r[0]), channel, r[1], r[2]));
    CompletableFuture<Long> result = new CompletableFuture<>();
    Futures.propagateCancel(result, blocks);
    blocks.whenCompleteAsync(
        (v, err) -> {
          try {
            channel.close();
            if (err != null) {
              Files.deleteIfExists(temp);
              result.completeExceptionally(Futures.propagate(err));
              return;
            }
            move(temp, target);
            result.complete(total);
          } catch (IOException e) {
            deleteQuietly(temp);
            result.completeExceptionally(
                new ModalException("cannot write " + target + ": " + e.getMessage(), e));
          }
        },
        blocking);
    return result;
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * rw-r--r--, as a file written with the usual umask gets, not the owner-only mode of a temporary
   * file (where POSIX permissions are supported).
   */
  private static void readableByAll(Path temp) throws IOException {
    try {
      Files.setPosixFilePermissions(
          temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the temporary file's default permissions stay
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the temporary file is left behind; the failure reported is the one that matters
    }
  }
}
