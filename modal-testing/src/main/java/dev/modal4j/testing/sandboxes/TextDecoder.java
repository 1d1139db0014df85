package dev.modal4j.testing.sandboxes;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Decodes a byte stream as UTF-8 piece by piece (a character split across pieces is kept whole;
 * malformed bytes become U+FFFD) and hands each decoded piece on. Not thread-safe.
 */
final class TextDecoder {
  private final Consumer<String> sink;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer carry = ByteBuffer.allocate(0);

  TextDecoder(Consumer<String> sink) {
    this.sink = sink;
  }

  void accept(ByteString bytes) {
    ByteBuffer in = ByteBuffer.allocate(carry.remaining() + bytes.size());
    in.put(carry);
    bytes.copyTo(in);
    in.flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    carry = in.slice();
    emit(out);
  }

  void finish() {
    CharBuffer out = CharBuffer.allocate(carry.remaining() + 2);
    decoder.decode(carry, out, true);
    decoder.flush(out);
    emit(out);
  }

  private void emit(CharBuffer out) {
    out.flip();
    if (out.hasRemaining()) {
      sink.accept(out.toString());
    }
  }
}
