package dev.modal4j.internal.volumes;

import dev.modal4j.internal.blob.RangeSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The bytes of one file to upload: a local file, read range by range each time they are needed
 * (never held whole), a spooled copy of a caller's stream (a temporary file, with its hashes), or
 * an array the caller handed over.
 */
abstract class UploadSource implements RangeSource {
  static final int CHUNK = 256 * 1024;

  /** What the bytes are, for messages (a local path, or "bytes"). */
  abstract String describe();

  /** The size in bytes, fixed when the source is made. */
  abstract long size();

  /** Calls {@code sink} with consecutive chunks of {@code [offset, offset + length)}. */
  abstract void read(long offset, long length, ChunkSink sink) throws IOException;

  /** The v1 hashes, when they were computed as the bytes were spooled; else null. */
  Digests.Whole knownWhole() {
    return null;
  }

  /** The v2 blocks, when they were hashed as the bytes were spooled; else null. */
  List<Digests.Block> knownBlocks() {
    return null;
  }

  @Override
  public final void copyTo(OutputStream out, long offset, long length) throws IOException {
    read(offset, length, (buf, off, len) -> out.write(buf, off, len));
  }

  /** Receives chunks of a source. */
  interface ChunkSink {
    void accept(byte[] buf, int off, int len) throws IOException;
  }

  static UploadSource of(Path file, long size) {
    return new FileSource(file, size);
  }

  /**
   * A spooled copy of a caller's stream in {@code file}, with the hashes computed while it was
   * written (either may be null when the volume's version does not need it).
   */
  static UploadSource spooled(
      String describe, Path file, long size, Digests.Whole whole, List<Digests.Block> blocks) {
    return new FileSource(file, size) {
      @Override
      String describe() {
        return describe;
      }

      @Override
      Digests.Whole knownWhole() {
        return whole;
      }

      @Override
      List<Digests.Block> knownBlocks() {
        return blocks;
      }
    };
  }

  static UploadSource of(byte[] data) {
    return new BytesSource(data);
  }

  private static class FileSource extends UploadSource {
    private final Path file;
    private final long size;

    FileSource(Path file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    String describe() {
      return file.toString();
    }

    @Override
    long size() {
      return size;
    }

    @Override
    void read(long offset, long length, ChunkSink sink) throws IOException {
      byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - pos));
          int r = ch.read(bb, pos);
          if (r < 0) {
            throw new EOFException(
                file + " is shorter than the " + size + " bytes it had when the upload began");
          }
          sink.accept(buf, 0, r);
          pos += r;
        }
      }
    }
  }

  private static final class BytesSource extends UploadSource {
    private final byte[] data;

    BytesSource(byte[] data) {
      this.data = data;
    }

    @Override
    String describe() {
      return data.length + " bytes";
    }

    @Override
    long size() {
      return data.length;
    }

    @Override
    void read(long offset, long length, ChunkSink sink) throws IOException {
      for (long pos = offset; pos < offset + length; pos += CHUNK) {
        sink.accept(data, (int) pos, (int) Math.min(CHUNK, offset + length - pos));
      }
    }
  }
}
