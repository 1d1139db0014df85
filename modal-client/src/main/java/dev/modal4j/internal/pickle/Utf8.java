package dev.modal4j.internal.pickle;

import dev.modal4j.DeserializationException;
import dev.modal4j.InvalidException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 both ways: an unpaired surrogate or a malformed sequence is an error. */
final class Utf8 {
  private Utf8() {}

  static byte[] encode(String s, String parameter) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new InvalidException(parameter + " holds a string with an unpaired surrogate", e);
    }
  }

  static String decode(byte[] data, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DeserializationException("pickle holds a string that is not valid UTF-8", e);
    }
  }
}
