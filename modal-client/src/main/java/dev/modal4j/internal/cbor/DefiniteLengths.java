package dev.modal4j.internal.cbor;

import java.util.Arrays;

/**
 * Rewrites one CBOR data item so that every byte string, text string, array and map carries a
 * definite length.
 *
 * <p>Jackson writes maps, records, POJOs and text longer than about 4,000 characters with
 * indefinite lengths; Modal's JS SDK (cbor-x) refuses indefinite byte and text strings, and Modal's
 * own SDKs only write definite lengths. Chunked strings become one string (chunks concatenated);
 * indefinite arrays and maps get their item count in the header. Tags, values and order are kept.
 * Input that is already all definite is returned as is, without copying.
 *
 * <p>Two passes: the first walks the item and records, in pre-order, the size of every
 * indefinite-length item and the exact output length; the second writes the output.
 */
public final class DefiniteLengths {
  private static final int BREAK = 0xff;
  private static final int INDEFINITE = 31;

  private final byte[] in;
  private int pos;
  private long[] sizes = new long[16];
  private int sizeCount;
  private int sizeNext;
  private long outputLength;
  private byte[] out;
  private int outPos;

  private DefiniteLengths(byte[] in) {
    this.in = in;
    this.outputLength = in.length;
  }

  /**
   * Returns {@code cbor} with every indefinite length made definite.
   *
   * @param cbor exactly one well-formed CBOR data item
   * @return the same array if nothing needed rewriting, else a new array
   * @throws IllegalArgumentException if {@code cbor} is not exactly one well-formed data item
   */
  public static byte[] rewrite(byte[] cbor) {
    DefiniteLengths rewriter = new DefiniteLengths(cbor);
    rewriter.scan();
    if (rewriter.pos != cbor.length) {
      throw rewriter.malformed("trailing bytes after the data item");
    }
    if (rewriter.sizeCount == 0) {
      return cbor;
    }
    if (rewriter.outputLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("CBOR output too large: " + rewriter.outputLength);
    }
    rewriter.out = new byte[(int) rewriter.outputLength];
    rewriter.pos = 0;
    rewriter.write();
    if (rewriter.outPos != rewriter.out.length) {
      throw new IllegalStateException("CBOR rewrite produced an unexpected length");
    }
    return rewriter.out;
  }

  private void scan() {
    int initial = readByte();
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == INDEFINITE) {
      scanIndefinite(major);
      return;
    }
    long argument = readArgument(info);
    switch (major) {
      case 2, 3 -> skip(argument);
      case 4 -> repeat(argument, false);
      case 5 -> repeat(argument, true);
      case 6 -> scan();
      default -> {}
    }
  }

  private void repeat(long count, boolean pairs) {
    for (long i = 0; i < count; i++) {
      scan();
      if (pairs) {
        scan();
      }
    }
  }

  private void scanIndefinite(int major) {
    int start = pos - 1;
    if (major < 2 || major > 5) {
      throw malformed("indefinite length on major type " + major + " at offset " + start);
    }
    int slot = reserveSize();
    long size = 0;
    long chunkHeaders = 0;
    while (peek() != BREAK) {
      if (major == 2 || major == 3) {
        int chunkStart = pos;
        int header = readByte();
        if (header >>> 5 != major || (header & 0x1f) == INDEFINITE) {
          throw malformed("bad chunk in an indefinite-length string at offset " + chunkStart);
        }
        long length = readArgument(header & 0x1f);
        chunkHeaders += pos - chunkStart;
        skip(length);
        size += length;
      } else {
        repeat(1, major == 5);
        size++;
      }
    }
    pos++;
    sizes[slot] = size;
    outputLength += headerLength(size) - 2 - chunkHeaders;
  }

  private void write() {
    int start = pos;
    int initial = readByte();
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == INDEFINITE) {
      writeIndefinite(major);
      return;
    }
    long argument = readArgument(info);
    if (major == 2 || major == 3) {
      skip(argument);
    }
    copy(start, pos - start);
    switch (major) {
      case 4 -> writeItems(argument, false);
      case 5 -> writeItems(argument, true);
      case 6 -> write();
      default -> {}
    }
  }

  private void writeItems(long count, boolean pairs) {
    for (long i = 0; i < count; i++) {
      write();
      if (pairs) {
        write();
      }
    }
  }

  private void writeIndefinite(int major) {
    writeHeader(major, sizes[sizeNext++]);
    while (peek() != BREAK) {
      if (major == 2 || major == 3) {
        long length = readArgument(readByte() & 0x1f);
        copy(pos, (int) length);
        pos += (int) length;
      } else {
        writeItems(1, major == 5);
      }
    }
    pos++;
  }

  private static int headerLength(long value) {
    if (value < 24) {
      return 1;
    } else if (value < 0x100) {
      return 2;
    } else if (value < 0x10000) {
      return 3;
    } else if (value < 0x100000000L) {
      return 5;
    }
    return 9;
  }

  private void writeHeader(int major, long value) {
    int length = headerLength(value);
    int info = length == 1 ? (int) value : 24 + Integer.numberOfTrailingZeros(length - 1);
    out[outPos++] = (byte) (major << 5 | info);
    for (int shift = (length - 2) * 8; shift >= 0; shift -= 8) {
      out[outPos++] = (byte) (value >>> shift);
    }
  }

  private long readArgument(int info) {
    if (info < 24) {
      return info;
    }
    if (info > 27) {
      throw malformed("reserved additional information " + info + " at offset " + (pos - 1));
    }
    int bytes = 1 << (info - 24);
    if (bytes > in.length - pos) {
      throw malformed("truncated data item");
    }
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    return value;
  }

  private void skip(long length) {
    if (length < 0 || length > in.length - pos) {
      throw malformed("string length " + length + " overruns the input at offset " + pos);
    }
    pos += (int) length;
  }

  private void copy(int from, int length) {
    System.arraycopy(in, from, out, outPos, length);
    outPos += length;
  }

  private int reserveSize() {
    if (sizeCount == sizes.length) {
      sizes = Arrays.copyOf(sizes, sizeCount * 2);
    }
    return sizeCount++;
  }

  private int peek() {
    if (pos >= in.length) {
      throw malformed("truncated data item");
    }
    return in[pos] & 0xff;
  }

  private int readByte() {
    int b = peek();
    pos++;
    return b;
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("malformed CBOR: " + what);
  }
}
