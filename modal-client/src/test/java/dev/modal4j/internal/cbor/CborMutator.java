package dev.modal4j.internal.cbor;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations of a valid {@link CborSample}: each one breaks (or bends) the payload
 * at a data item's boundary the way a buggy or hostile peer would, rather than at random bytes.
 */
final class CborMutator {
  /** The mutations, each named for the report of a failing case. */
  enum Kind {
    FLIP_MAJOR_TYPE,
    CHANGE_COUNT,
    HUGE_LENGTH,
    TRUNCATE_AT_BOUNDARY,
    NEST_DEEPLY,
    INSERT_INDEFINITE,
    MAKE_INDEFINITE,
    STRAY_BREAK,
    BAD_UTF8,
    SPLICE_ITEM,
    DROP_ITEM,
    RESERVED_INFO,
    RANDOM_BYTE,
  }

  /** Declared lengths no payload here has: near and past the int and long limits. */
  private static final long[] HUGE = {
    Integer.MAX_VALUE - 8L,
    Integer.MAX_VALUE,
    1L << 31,
    (1L << 32) - 1,
    1L << 32,
    1L << 53,
    Long.MAX_VALUE,
    -1L, // 2^64 - 1 as an unsigned argument
  };

  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xff},
    {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a lone surrogate
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
    {(byte) 0xe2, (byte) 0x82}, // a truncated 3-byte sequence
    {(byte) 0x80},
  };

  private CborMutator() {}

  /** Applies {@code kind} to {@code sample}, choosing where with {@code random}. */
  static byte[] mutate(CborSample sample, Kind kind, Random random) {
    byte[] b = sample.bytes;
    List<CborSample.Item> items = sample.items;
    CborSample.Item item = items.get(random.nextInt(items.size()));
    switch (kind) {
      case FLIP_MAJOR_TYPE:
        {
          byte[] out = b.clone();
          int major = random.nextInt(8);
          out[item.start()] = (byte) ((major << 5) | (out[item.start()] & 0x1f));
          return out;
        }
      case CHANGE_COUNT:
        {
          CborSample.Item sized = pick(items, random, true);
          if (sized == null) {
            return mutate(sample, Kind.RANDOM_BYTE, random);
          }
          long count = argument(b, sized);
          long[] deltas = {-2, -1, 1, 2, 7, 100};
          long changed = Math.max(0, count + deltas[random.nextInt(deltas.length)]);
          return replaceHeader(b, sized, CborSample.header(sized.major(), changed, 0));
        }
      case HUGE_LENGTH:
        {
          CborSample.Item sized = pick(items, random, true);
          long huge = HUGE[random.nextInt(HUGE.length)];
          byte[] header = CborSample.header(2 + random.nextInt(4), huge, 8);
          if (sized == null || random.nextInt(4) == 0) {
            // A huge string/array/map header followed by a little real data.
            return concat(header, Arrays.copyOf(b, Math.min(b.length, 16)));
          }
          return replaceHeader(b, sized, CborSample.header(sized.major(), huge, 8));
        }
      case TRUNCATE_AT_BOUNDARY:
        {
          int[] cuts = {item.start(), item.headerEnd(), item.end() - 1, item.start() + 1};
          int cut = Math.max(0, Math.min(b.length - 1, cuts[random.nextInt(cuts.length)]));
          return Arrays.copyOf(b, cut);
        }
      case NEST_DEEPLY:
        {
          int depth = new int[] {501, 2_000, 100_000}[random.nextInt(3)];
          int[] wrappers = {0x81, 0x9f, 0xc6, 0xd8}; // [x], [_ x, tag 6(x), tag 24(x)
          int wrapper = wrappers[random.nextInt(wrappers.length)];
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          for (int i = 0; i < depth; i++) {
            out.write(wrapper);
            if (wrapper == 0xd8) {
              out.write(32);
            }
          }
          out.writeBytes(b);
          if (wrapper == 0x9f) {
            for (int i = 0; i < depth; i++) {
              out.write(0xff);
            }
          }
          return out.toByteArray();
        }
      case INSERT_INDEFINITE:
        {
          int[] markers = {0x5f, 0x7f, 0x9f, 0xbf};
          int at = random.nextBoolean() ? item.start() : item.headerEnd();
          return insert(b, at, new byte[] {(byte) markers[random.nextInt(markers.length)]});
        }
      case MAKE_INDEFINITE:
        {
          // A definite container or string rewritten with an indefinite header and a break: valid
          // for arrays and maps, invalid for strings whose content is not chunks.
          CborSample.Item sized = pick(items, random, true);
          if (sized == null) {
            return mutate(sample, Kind.INSERT_INDEFINITE, random);
          }
          byte[] out = replaceHeader(b, sized, new byte[] {(byte) ((sized.major() << 5) | 31)});
          int shift = 1 - (sized.headerEnd() - sized.start());
          return insert(out, sized.end() + shift, new byte[] {(byte) 0xff});
        }
      case STRAY_BREAK:
        return insert(b, random.nextBoolean() ? item.start() : item.end(), new byte[] {-1});
      case BAD_UTF8:
        {
          CborSample.Item text = pickText(items, b, random);
          byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
          if (text == null) {
            return concat(CborSample.header(3, bad.length, 0), bad);
          }
          byte[] out = b.clone();
          int length = text.end() - text.headerEnd();
          int at = text.headerEnd() + random.nextInt(length);
          for (int i = 0; i < bad.length && at + i < text.end(); i++) {
            out[at + i] = bad[i];
          }
          return out;
        }
      case SPLICE_ITEM:
        {
          CborSample.Item other = items.get(random.nextInt(items.size()));
          byte[] copy = Arrays.copyOfRange(b, other.start(), other.end());
          return insert(b, item.start(), copy);
        }
      case DROP_ITEM:
        {
          byte[] out = new byte[b.length - (item.end() - item.start())];
          System.arraycopy(b, 0, out, 0, item.start());
          System.arraycopy(b, item.end(), out, item.start(), b.length - item.end());
          return out;
        }
      case RESERVED_INFO:
        {
          // Additional information 28-30 is reserved in every major type; 31 is not allowed on
          // integers and tags.
          byte[] out = b.clone();
          int info = 28 + random.nextInt(4);
          out[item.start()] = (byte) ((out[item.start()] & 0xe0) | info);
          return out;
        }
      default:
        {
          byte[] out = b.clone();
          int n = 1 + random.nextInt(3);
          for (int i = 0; i < n && out.length > 0; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
          }
          return out;
        }
    }
  }

  /** A random definite-length string, array or map item, or null if there is none. */
  private static CborSample.Item pick(
      List<CborSample.Item> items, Random random, boolean definite) {
    for (int tries = 0; tries < 20; tries++) {
      CborSample.Item i = items.get(random.nextInt(items.size()));
      if (i.major() >= 2 && i.major() <= 5 && i.indefinite() != definite) {
        return i;
      }
    }
    return null;
  }

  private static CborSample.Item pickText(List<CborSample.Item> items, byte[] b, Random random) {
    for (int tries = 0; tries < 20; tries++) {
      CborSample.Item i = items.get(random.nextInt(items.size()));
      if (i.major() == 3 && !i.indefinite() && i.end() > i.headerEnd()) {
        return i;
      }
    }
    return null;
  }

  /** The argument (length or count) in an item's definite header. */
  private static long argument(byte[] b, CborSample.Item item) {
    int info = b[item.start()] & 0x1f;
    if (info < 24) {
      return info;
    }
    long value = 0;
    for (int i = item.start() + 1; i < item.headerEnd(); i++) {
      value = (value << 8) | (b[i] & 0xff);
    }
    return value;
  }

  private static byte[] replaceHeader(byte[] b, CborSample.Item item, byte[] header) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, item.start());
    out.writeBytes(header);
    out.write(b, item.headerEnd(), b.length - item.headerEnd());
    return out.toByteArray();
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    int p = Math.max(0, Math.min(b.length, at));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, p);
    out.writeBytes(what);
    out.write(b, p, b.length - p);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
