package dev.modal4j.testing.sandboxes.docker;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The build context one layer's docker build gets, as a tar: the layer's context files at their
 * paths (what its {@code COPY} commands copy), and the Dockerfile under {@link #DOCKERFILE}, which
 * a {@code .dockerignore} keeps out of what {@code COPY .} copies.
 */
final class BuildContextTar {
  /** The Dockerfile's path in the context (the images area refuses context files under it). */
  static final String DOCKERFILE = ".modal4j/Dockerfile";

  private BuildContextTar() {}

  /**
   * The tar of a context holding {@code dockerfile} and {@code files} (paths relative to the
   * context's root, already checked not to leave it).
   */
  static byte[] of(String dockerfile, Map<String, byte[]> files) {
    return of(dockerfile, files, path -> 0644);
  }

  /** The same, each file with the permission bits {@code modes} gives for its path. */
  static byte[] of(
      String dockerfile,
      Map<String, byte[]> files,
      java.util.function.ToIntFunction<String> modes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      put(tar, DOCKERFILE, dockerfile.getBytes(UTF_8), 0644);
      put(tar, ".dockerignore", ".modal4j\n.dockerignore\n".getBytes(UTF_8), 0644);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        put(tar, file.getKey(), file.getValue(), modes.applyAsInt(file.getKey()));
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a build context in memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String path, byte[] data, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setSize(data.length);
    entry.setMode(0100000 | (mode & 07777));
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
