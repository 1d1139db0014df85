package dev.modal4j.internal.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A valid CBOR payload written by hand (not by the codec under test), with the position of every
 * data item in it, so a fuzzer can mutate it along its structure.
 *
 * <p>The payloads look like function results and arguments: nested maps and lists, text (ASCII and
 * not), byte strings, integers across every header width, bignums (tags 2/3), date/time tags 0/1,
 * other tags, half/single/double floats, simple values, and indefinite-length containers and
 * strings the way other encoders write them.
 */
final class CborSample {
  /** One data item: where it starts, where its header ends, where it ends, and its major type. */
  record Item(int start, int headerEnd, int end, int major, boolean indefinite) {}

  final byte[] bytes;
  final List<Item> items;

  private CborSample(byte[] bytes, List<Item> items) {
    this.bytes = bytes;
    this.items = items;
  }

  /**
   * A random valid payload; {@code shape} 0 is free-form, 1 is {@code [args, kwargs]}, 2 is an item
   * record.
   */
  static CborSample generate(Random random, int shape) {
    Writer w = new Writer(random);
    switch (shape) {
      case 1 -> w.args();
      case 2 -> w.itemRecord();
      default -> w.value(0);
    }
    return new CborSample(w.out.toByteArray(), w.items);
  }

  /** Bytes of unknown structure, seen as one item: only blind mutations apply. */
  static CborSample raw(byte[] bytes) {
    int major = bytes.length == 0 ? 0 : (bytes[0] & 0xff) >>> 5;
    return new CborSample(
        bytes, List.of(new Item(0, Math.min(1, bytes.length), bytes.length, major, false)));
  }

  /** Writes one item's header: major type and argument, minimally or with a wider width. */
  static byte[] header(int major, long argument, int width) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int m = major << 5;
    if (width == 0 && argument >= 0 && argument < 24) {
      out.write(m | (int) argument);
    } else if (width <= 1 && argument >= 0 && argument < 256) {
      out.write(m | 24);
      out.write((int) argument);
    } else if (width <= 2 && argument >= 0 && argument < 65536) {
      out.write(m | 25);
      writeBigEndian(out, argument, 2);
    } else if (width <= 4 && argument >= 0 && argument < (1L << 32)) {
      out.write(m | 26);
      writeBigEndian(out, argument, 4);
    } else {
      out.write(m | 27);
      writeBigEndian(out, argument, 8);
    }
    return out.toByteArray();
  }

  private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  private static final class Writer {
    private static final String[] TEXTS = {
      "", "x", "name", "héllo wörld", "日本語のテキスト", "emoji \uD83D\uDE00 and more", "a\u0000b",
    };
    private static final String[] DATES = {
      "2024-01-02T03:04:05Z", "1970-01-01T00:00:00.123456Z", "2030-12-31T23:59:59+02:00",
    };

    final Random random;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<Item> items = new ArrayList<>();

    Writer(Random random) {
      this.random = random;
    }

    private int width() {
      // Mostly minimal headers, sometimes a wider (still valid) width.
      return random.nextInt(10) < 7 ? 0 : new int[] {1, 2, 4, 8}[random.nextInt(4)];
    }

    private int begin(int major, long argument, boolean indefinite) {
      int start = out.size();
      if (indefinite) {
        out.write((major << 5) | 31);
      } else {
        out.writeBytes(header(major, argument, width()));
      }
      return start;
    }

    private void end(int start, int headerEnd, int major, boolean indefinite) {
      items.add(new Item(start, headerEnd, out.size(), major, indefinite));
    }

    private void simple(int major, long argument) {
      int start = begin(major, argument, false);
      end(start, out.size(), major, false);
    }

    void text(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > 1 && random.nextInt(8) == 0) {
        int start = begin(3, 0, true);
        int headerEnd = out.size();
        int cut = random.nextInt(utf8.length);
        // Chunks must each be valid UTF-8: split only at a character boundary.
        while (cut > 0 && (utf8[cut] & 0xc0) == 0x80) {
          cut--;
        }
        chunk(3, utf8, 0, cut);
        chunk(3, utf8, cut, utf8.length);
        out.write(0xff);
        end(start, headerEnd, 3, true);
        return;
      }
      int start = begin(3, utf8.length, false);
      int headerEnd = out.size();
      out.writeBytes(utf8);
      end(start, headerEnd, 3, false);
    }

    private void chunk(int major, byte[] data, int from, int to) {
      int start = begin(major, to - from, false);
      int headerEnd = out.size();
      out.write(data, from, to - from);
      end(start, headerEnd, major, false);
    }

    void bytes(byte[] data) {
      if (data.length > 1 && random.nextInt(8) == 0) {
        int start = begin(2, 0, true);
        int headerEnd = out.size();
        int cut = random.nextInt(data.length);
        chunk(2, data, 0, cut);
        chunk(2, data, cut, data.length);
        out.write(0xff);
        end(start, headerEnd, 2, true);
        return;
      }
      int start = begin(2, data.length, false);
      int headerEnd = out.size();
      out.writeBytes(data);
      end(start, headerEnd, 2, false);
    }

    private byte[] randomBytes(int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }

    private String randomText() {
      if (random.nextInt(10) == 0) {
        StringBuilder sb = new StringBuilder();
        int n = 24 + random.nextInt(2000);
        for (int i = 0; i < n; i++) {
          sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
      }
      return TEXTS[random.nextInt(TEXTS.length)];
    }

    private void tagged(int tag, Runnable content) {
      int start = begin(6, tag, false);
      int headerEnd = out.size();
      content.run();
      end(start, headerEnd, 6, false);
    }

    private void floating() {
      int start = out.size();
      switch (random.nextInt(3)) {
        case 0 -> {
          out.write(0xf9);
          int half = new int[] {0x3c00, 0x7c00, 0x7e00, 0xfc00, 0x0001, 0x8000}[random.nextInt(6)];
          writeBigEndian(out, half, 2);
        }
        case 1 -> {
          out.write(0xfa);
          writeBigEndian(out, Float.floatToIntBits(random.nextFloat() * 1e6f) & 0xffffffffL, 4);
        }
        default -> {
          out.write(0xfb);
          double[] ds = {Math.PI, -0.0, Double.NaN, Double.MAX_VALUE, Double.MIN_VALUE, 1e300};
          writeBigEndian(out, Double.doubleToRawLongBits(ds[random.nextInt(ds.length)]), 8);
        }
      }
      end(start, start + 1, 7, false);
    }

    void value(int depth) {
      int choice = random.nextInt(depth > 5 ? 12 : 16);
      switch (choice) {
        case 0 -> simple(0, random.nextInt(24));
        case 1 -> simple(0, random.nextLong()); // unsigned 64-bit, any value
        case 2 -> simple(1, random.nextInt(100_000));
        case 3 -> text(randomText());
        case 4 -> bytes(randomBytes(random.nextInt(40)));
        case 5 -> tagged(2 + random.nextInt(2), () -> bytes(randomBytes(9 + random.nextInt(12))));
        case 6 -> tagged(0, () -> text(DATES[random.nextInt(DATES.length)]));
        case 7 -> tagged(1, () -> simple(0, 1_700_000_000L + random.nextInt(1000)));
        case 8 -> floating();
        case 9 -> simple(7, new int[] {20, 21, 22, 23}[random.nextInt(4)]);
        case 10 -> tagged(new int[] {32, 55799, 258, 1000}[random.nextInt(4)], () -> value(depth));
        case 11 -> simple(1, random.nextLong()); // negative, -1 - (unsigned 64-bit)
        case 12, 13 -> array(depth);
        default -> map(depth);
      }
    }

    void array(int depth) {
      int n = random.nextInt(7);
      boolean indefinite = random.nextInt(6) == 0;
      int start = begin(4, n, indefinite);
      int headerEnd = out.size();
      for (int i = 0; i < n; i++) {
        value(depth + 1);
      }
      if (indefinite) {
        out.write(0xff);
      }
      end(start, headerEnd, 4, indefinite);
    }

    void map(int depth) {
      int n = random.nextInt(6);
      boolean indefinite = random.nextInt(6) == 0;
      int start = begin(5, n, indefinite);
      int headerEnd = out.size();
      for (int i = 0; i < n; i++) {
        if (random.nextInt(8) == 0) {
          simple(0, i);
        } else {
          text("k" + i + (random.nextBoolean() ? "" : randomText()));
        }
        value(depth + 1);
      }
      if (indefinite) {
        out.write(0xff);
      }
      end(start, headerEnd, 5, indefinite);
    }

    /** {@code [args, kwargs]}, as function inputs are encoded. */
    void args() {
      int start = begin(4, 2, false);
      int headerEnd = out.size();
      array(1);
      map(1);
      end(start, headerEnd, 4, false);
    }

    /** The map form of {@code Item(String name, List<Integer> counts, byte[] blob)}. */
    void itemRecord() {
      int start = begin(5, 3, false);
      int headerEnd = out.size();
      text("name");
      text(randomText());
      text("counts");
      int n = random.nextInt(5);
      int listStart = begin(4, n, false);
      int listHeaderEnd = out.size();
      for (int i = 0; i < n; i++) {
        simple(random.nextBoolean() ? 0 : 1, random.nextInt(1 << 20));
      }
      end(listStart, listHeaderEnd, 4, false);
      text("blob");
      bytes(randomBytes(random.nextInt(16)));
      end(start, headerEnd, 5, false);
    }
  }
}
