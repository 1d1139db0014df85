package dev.modal4j.testing.sandboxes.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Copies the engine's output stream of one process into its stdout and stderr pipes. Without a tty
 * the engine multiplexes both in frames (an 8-byte header: stream 1 or 2, three zero bytes, a
 * big-endian length; then that many bytes); with a tty everything is stdout, unframed. Reads in
 * large chunks and parses frames from them, so a 32 KiB frame costs one read, not two.
 */
final class StreamPump {

  private static final int CHUNK = 128 * 1024;
  private static final int HEADER = 8;

  private final InputStream in;
  private final boolean raw;
  private final BoundedPipe stdout;
  private final BoundedPipe stderr;

  StreamPump(InputStream in, boolean raw, BoundedPipe stdout, BoundedPipe stderr) {
    this.in = in;
    this.raw = raw;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Copies until the engine ends the stream (the process and everything holding its output have
   * exited) or the connection fails, then closes both pipes' writing sides.
   */
  void run() {
    try {
      if (raw) {
        copyRaw();
      } else {
        copyFrames();
      }
    } catch (IOException e) {
      // The connection ended abruptly (the container was removed): the streams end here.
    } finally {
      stdout.closeWriter();
      stderr.closeWriter();
    }
  }

  private void copyRaw() throws IOException {
    byte[] buffer = new byte[CHUNK];
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
      stdout.write(buffer, 0, n);
    }
  }

  private void copyFrames() throws IOException {
    byte[] buffer = new byte[CHUNK];
    int start = 0;
    int end = 0;
    BoundedPipe target = null;
    long payloadLeft = 0;
    while (true) {
      if (payloadLeft > 0 && start < end) {
        int n = (int) Math.min(payloadLeft, end - start);
        target.write(buffer, start, n);
        start += n;
        payloadLeft -= n;
        continue;
      }
      if (payloadLeft == 0 && end - start >= HEADER) {
        target = buffer[start] == 2 ? stderr : stdout;
        payloadLeft =
            ((buffer[start + 4] & 0xffL) << 24)
                | ((buffer[start + 5] & 0xff) << 16)
                | ((buffer[start + 6] & 0xff) << 8)
                | (buffer[start + 7] & 0xff);
        start += HEADER;
        continue;
      }
      if (start == end) {
        start = 0;
        end = 0;
      } else if (buffer.length - end < HEADER) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return;
      }
      end += n;
    }
  }
}
