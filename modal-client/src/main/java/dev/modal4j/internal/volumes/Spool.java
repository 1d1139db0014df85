package dev.modal4j.internal.volumes;

import dev.modal4j.ModalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of one batch upload: each caller's stream is copied into one, hashed as it is
 * written (v1: the whole file's SHA-256 and MD5; v2: the 8 MiB blocks), so the upload reads it back
 * only to send it. {@link #close()} deletes them all and refuses new ones; it is called when the
 * upload ends in any way, and at once when the caller gives up on it.
 */
final class Spool implements AutoCloseable {
  /** The prefix of the temporary files' names (in {@code java.io.tmpdir}). */
  static final String PREFIX = "modal4j-upload-";

  private static final Logger log = LoggerFactory.getLogger(Spool.class);

  private final List<Path> files = new ArrayList<>();
  private boolean closed;

  /**
   * Copies {@code in} (read to its end, not closed) to a new temporary file and hashes it for a
   * volume of {@code version}.
   *
   * @throws ModalException naming {@code remotePath} if the stream or the temporary file fails
   * @throws CancellationException if the spool was closed meanwhile
   */
  UploadSource spool(InputStream in, String remotePath, int version) {
    Path file = create();
    Digests.WholeHasher whole = version == 1 ? new Digests.WholeHasher() : null;
    List<Digests.Block> blocks = version == 1 ? null : new ArrayList<>();
    Digests.BlockHasher block = null;
    long size = 0;
    byte[] buf = new byte[UploadSource.CHUNK];
    // No CREATE: if close() deleted the file meanwhile, opening fails instead of leaving one
    // behind.
    try (OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException | RuntimeException e) {
          throw new ModalException(
              "cannot read the stream to upload as " + remotePath + ": " + e, e);
        }
        if (n < 0) {
          break;
        }
        checkOpen();
        out.write(buf, 0, n);
        if (whole != null) {
          whole.update(buf, 0, n);
        }
        int off = 0;
        while (blocks != null && off < n) {
          if (block == null) {
            block = new Digests.BlockHasher(size + off);
          }
          int k = (int) Math.min(n - off, VolumeFiles.BLOCK_SIZE - block.length());
          block.update(buf, off, k);
          off += k;
          if (block.length() == VolumeFiles.BLOCK_SIZE) {
            blocks.add(block.finish());
            block = null;
          }
        }
        size += n;
      }
    } catch (IOException e) {
      throw new ModalException(
          "cannot spool the stream to upload as " + remotePath + " to " + file + ": " + e, e);
    }
    if (block != null) {
      blocks.add(block.finish());
    }
    return UploadSource.spooled(
        "the stream for " + remotePath,
        file,
        size,
        whole == null ? null : whole.finish(),
        blocks == null ? null : List.copyOf(blocks));
  }

  private synchronized Path create() {
    checkOpen();
    try {
      Path file = Files.createTempFile(PREFIX, ".part");
      files.add(file);
      return file;
    } catch (IOException e) {
      throw new ModalException("cannot create a temporary file to spool an upload: " + e, e);
    }
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new CancellationException("the upload was given up");
    }
  }

  /** Deletes every temporary file; later spools are refused. Never throws; idempotent. */
  @Override
  public void close() {
    List<Path> toDelete;
    synchronized (this) {
      closed = true;
      toDelete = List.copyOf(files);
      files.clear();
    }
    for (Path f : toDelete) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        log.warn("cannot delete the temporary upload file {}: {}", f, e.toString());
      }
    }
  }
}
