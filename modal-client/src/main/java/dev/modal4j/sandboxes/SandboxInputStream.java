package dev.modal4j.sandboxes;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.sandbox.ByteSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The stdout or stderr of a sandbox or of a command in it, as it is produced. Nothing is fetched
 * before the first read, and only a few messages beyond what has been read are held, so output of
 * any size streams in bounded memory; {@link #readBytes()} and {@link #readText()} read to the end.
 *
 * <p>Reads block until output arrives or the stream ends. A stream that cannot be read (the sandbox
 * went away, the command's timeout passed) throws a {@link ModalException} from the read ({@link
 * dev.modal4j.ExecTimeoutException} for a command's timeout). {@link #close()} stops fetching. Not
 * thread-safe: one reader at a time.
 */
public final class SandboxInputStream extends InputStream {
  private final ByteSource source;
  private final boolean textAllowed;
  private ByteString chunk = ByteString.EMPTY;
  private int pos;
  private boolean ended;

  SandboxInputStream(ByteSource source, boolean textAllowed) {
    this.source = source;
    this.textAllowed = textAllowed;
  }

  private boolean fill() {
    while (pos >= chunk.size()) {
      if (ended) {
        return false;
      }
      ByteString next = source.next();
      if (next == null) {
        ended = true;
        chunk = ByteString.EMPTY;
        pos = 0;
        return false;
      }
      chunk = next;
      pos = 0;
    }
    return true;
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return chunk.byteAt(pos++) & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Args.notNull(b, "b");
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.size() - pos);
    chunk.copyTo(b, pos, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.size() - pos;
  }

  /**
   * Reads to the end and returns every byte not read yet.
   *
   * @throws ModalException if the output cannot be read
   */
  public byte[] readBytes() {
    return rest().toByteArray();
  }

  @Override
  public byte[] readAllBytes() {
    return readBytes();
  }

  private ByteString rest() {
    ByteString out = ByteString.EMPTY;
    if (pos < chunk.size()) {
      out = chunk.substring(pos);
    }
    chunk = ByteString.EMPTY;
    pos = 0;
    while (!ended) {
      ByteString next = source.next();
      if (next == null) {
        ended = true;
      } else {
        out = out.concat(next);
      }
    }
    return out;
  }

  /**
   * Reads to the end and decodes what was not read yet as UTF-8.
   *
   * @throws InvalidException if the command was started in {@link StreamMode#BINARY}
   * @throws ModalException if the output cannot be read
   */
  public String readText() {
    checkText();
    return rest().toStringUtf8();
  }

  /**
   * The lines not read yet, decoded as UTF-8, read as the stream is consumed. Close the stream (or
   * this input stream) to stop early.
   *
   * @throws InvalidException if the command was started in {@link StreamMode#BINARY}
   */
  public Stream<String> lines() {
    checkText();
    BufferedReader reader = new BufferedReader(new InputStreamReader(this, StandardCharsets.UTF_8));
    return reader.lines().onClose(this::close);
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    Args.notNull(out, "out");
    long n = 0;
    while (fill()) {
      ByteString rest = pos == 0 ? chunk : chunk.substring(pos);
      rest.writeTo(out);
      n += rest.size();
      pos = chunk.size();
    }
    return n;
  }

  private void checkText() {
    if (!textAllowed) {
      throw new InvalidException("The command was started in binary mode: read bytes, not text");
    }
  }

  /** Stops fetching the output; later reads return end of stream. */
  @Override
  public void close() {
    ended = true;
    chunk = ByteString.EMPTY;
    pos = 0;
    source.close();
  }
}
