package dev.modal4j.testing.functions.internal;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import java.io.IOException;

/**
 * The emulator's CBOR codec, built on PeterO's CBOR library ({@code com.upokecenter:cbor}) and
 * nothing of the SDK's, so that an SDK encoding bug cannot come back as a passing round trip.
 *
 * <p>What it accepts is what a Modal container (Python's {@code cbor2}) accepts from Modal's SDKs:
 * well-formed RFC 8949 items, definite or indefinite lengths (cbor2 reads both), one item with no
 * trailing bytes, valid UTF-8, map keys that are text strings without duplicates, and the tags
 * listed in {@link CborToJava}. Everything else is an {@link IOException}, which the emulator
 * reports as a {@code DeserializationError}.
 *
 * <p>What it writes is what cbor2 writes and Modal's JS SDK (cbor-x) reads: definite lengths only,
 * integers in their shortest form (plain major types up to 64 bits, bignum tags 2/3 beyond), floats
 * as float64, instants as tag 0 RFC 3339 text. See {@link JavaToCbor}.
 */
public final class CborCodec {
  /** Nesting deeper than this is refused, on both sides, before the stack runs out. */
  static final int MAX_DEPTH = 500;

  private static final CBOREncodeOptions OPTIONS =
      new CBOREncodeOptions(
          "allowduplicatekeys=false;allowempty=false;keepkeyorder=true;resolvereferences=false;"
              + "useindeflengthstrings=false;float64=true;ctap2canonical=false");

  private CborCodec() {}

  /**
   * Decodes one CBOR data item into plain Java values: {@code Long} (or {@code BigInteger} beyond
   * 64 bits), {@code Double}, {@code String}, {@code byte[]}, {@code List}, {@code Map<String,
   * Object>} in wire order, {@code Boolean}, null, {@code Instant} (tags 0 and 1), {@code
   * BigDecimal} (tag 4) and {@code Set} (tag 258).
   *
   * @throws IOException if the bytes are empty, malformed, or hold something the emulator refuses
   */
  public static Object decode(byte[] bytes) throws IOException {
    if (bytes == null || bytes.length == 0) {
      throw new IOException("empty CBOR payload");
    }
    CBORObject item;
    try {
      item = CBORObject.DecodeFromBytes(bytes, OPTIONS);
    } catch (CBORException e) {
      throw new IOException("malformed CBOR: " + e.getMessage(), e);
    }
    return CborToJava.convert(item);
  }

  /**
   * Encodes a value (collections, numbers, strings, bytes, instants, records, beans) as one CBOR
   * data item with definite lengths only.
   *
   * @throws IOException if the value, or something inside it, cannot be encoded
   */
  public static byte[] encode(Object value) throws IOException {
    CBORObject item = JavaToCbor.convert(value);
    try {
      return item.EncodeToBytes(OPTIONS);
    } catch (CBORException | IllegalArgumentException e) {
      throw new IOException("cannot encode as CBOR: " + e.getMessage(), e);
    }
  }
}
