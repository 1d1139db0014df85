package dev.modal4j.testing.functions.internal;

/**
 * A test oracle that reads CBOR headers byte by byte, with no CBOR library behind it: it walks one
 * data item, fails on an indefinite-length header (additional information 31), a reserved header,
 * or missing or trailing bytes, and counts the data items (tags are not items of their own).
 */
public final class DefiniteLengthScanner {
  private final byte[] cbor;
  private int pos;
  private long items;

  private DefiniteLengthScanner(byte[] cbor) {
    this.cbor = cbor;
  }

  /** Scans {@code cbor}; returns how many data items it holds, nested ones included. */
  public static long assertAllDefinite(byte[] cbor) {
    DefiniteLengthScanner scanner = new DefiniteLengthScanner(cbor);
    scanner.item();
    if (scanner.pos != cbor.length) {
      throw new AssertionError((cbor.length - scanner.pos) + " trailing bytes at " + scanner.pos);
    }
    return scanner.items;
  }

  private void item() {
    int at = pos;
    int initial = next();
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == 31) {
      throw new AssertionError(
          "indefinite-length header 0x" + Integer.toHexString(initial) + " at " + at);
    }
    long argument = argument(info, at);
    if (major == 6) {
      item();
      return;
    }
    items++;
    switch (major) {
      case 2:
      case 3:
        skip(argument);
        break;
      case 4:
        for (long i = 0; i < argument; i++) {
          item();
        }
        break;
      case 5:
        for (long i = 0; i < 2 * argument; i++) {
          item();
        }
        break;
      default:
        break;
    }
  }

  private long argument(int info, int at) {
    if (info < 24) {
      return info;
    }
    int width;
    switch (info) {
      case 24:
        width = 1;
        break;
      case 25:
        width = 2;
        break;
      case 26:
        width = 4;
        break;
      case 27:
        width = 8;
        break;
      default:
        throw new AssertionError("reserved additional information " + info + " at " + at);
    }
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | next();
    }
    return value;
  }

  private void skip(long length) {
    if (length < 0 || length > cbor.length - pos) {
      throw new AssertionError("a string of " + length + " bytes runs past the end at " + pos);
    }
    pos += (int) length;
  }

  private int next() {
    if (pos >= cbor.length) {
      throw new AssertionError("CBOR ends early at " + pos);
    }
    return cbor[pos++] & 0xff;
  }
}
