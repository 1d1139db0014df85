package dev.modal4j.internal.cbor;

/**
 * A test-only CBOR walker, independent of the code under test: it walks one whole data item and
 * fails on any indefinite-length header (additional info 31) or on trailing or missing bytes.
 */
public final class DefiniteCborWalker {
  private final byte[] bytes;
  private int pos;
  private int items;

  private DefiniteCborWalker(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Walks {@code cbor}; returns how many data items it holds (nested ones included). */
  public static int assertAllDefinite(byte[] cbor) {
    DefiniteCborWalker walker = new DefiniteCborWalker(cbor);
    walker.item();
    if (walker.pos != cbor.length) {
      throw new AssertionError("trailing bytes at offset " + walker.pos);
    }
    return walker.items;
  }

  private void item() {
    items++;
    int offset = pos;
    int initial = next();
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == 31) {
      throw new AssertionError("indefinite length (major type " + major + ") at offset " + offset);
    }
    if (info >= 28) {
      throw new AssertionError("reserved additional info " + info + " at offset " + offset);
    }
    long argument = argument(info);
    switch (major) {
      case 2, 3 -> skip(argument);
      case 4 -> repeat(argument);
      case 5 -> repeat(argument * 2);
      case 6 -> item();
      default -> {}
    }
  }

  private long argument(int info) {
    if (info < 24) {
      return info;
    }
    int size = 1 << (info - 24);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | next();
    }
    return value;
  }

  private void repeat(long count) {
    for (long i = 0; i < count; i++) {
      item();
    }
  }

  private void skip(long length) {
    if (length > bytes.length - pos) {
      throw new AssertionError("string of length " + length + " overruns the input");
    }
    pos += (int) length;
  }

  private int next() {
    if (pos >= bytes.length) {
      throw new AssertionError("truncated CBOR");
    }
    return bytes[pos++] & 0xff;
  }
}
