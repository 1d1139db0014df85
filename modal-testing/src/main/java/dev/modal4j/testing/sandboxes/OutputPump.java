package dev.modal4j.testing.sandboxes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Copies a process's output stream into a {@link SandboxLog} as UTF-8 text (a character split
 * across reads is kept whole; malformed bytes become U+FFFD), and closes the log at the end. Each
 * piece of text appended is also handed to a second reader (the app's log store).
 */
final class OutputPump {
  private OutputPump() {}

  /** Starts copying on {@code executor}; the future completes once the log is closed. */
  static CompletableFuture<Void> start(
      InputStream in, SandboxLog log, Consumer<String> also, Executor executor) {
    return CompletableFuture.runAsync(() -> copy(in, log, also), executor);
  }

  private static void copy(InputStream in, SandboxLog log, Consumer<String> also) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] buffer = new byte[16 * 1024];
    ByteBuffer bytes = ByteBuffer.allocate(buffer.length + 8);
    CharBuffer chars = CharBuffer.allocate(buffer.length + 8);
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytes.put(buffer, 0, n).flip();
        decoder.decode(bytes, chars, false);
        bytes.compact();
        String text = chars.flip().toString();
        log.append(text);
        also.accept(text);
        chars.clear();
      }
      bytes.flip();
      decoder.decode(bytes, chars, true);
      decoder.flush(chars);
      String text = chars.flip().toString();
      log.append(text);
      also.accept(text);
    } catch (IOException e) {
      // the process or its sandbox went away: the output ends here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      log.close();
    }
  }
}
