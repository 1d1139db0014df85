package dev.modal4j.testing.functions.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Modal-shaped object ids ({@code fu-...}, {@code fc-...}, {@code in-...}, {@code bl-...}): unique
 * within one emulator and deterministic across runs.
 */
public final class Ids {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private final AtomicLong counter = new AtomicLong();

  /** Returns a new id with the given prefix, e.g. {@code next("fc")}. */
  public String next(String prefix) {
    long n = counter.incrementAndGet();
    long mixed = n * MIX;
    char[] out = new char[prefix.length() + 1 + 22];
    prefix.getChars(0, prefix.length(), out, 0);
    out[prefix.length()] = '-';
    int pos = prefix.length() + 1;
    long hi = mixed;
    for (int i = 0; i < 11; i++) {
      out[pos++] = ALPHABET[(int) Long.remainderUnsigned(hi, 62)];
      hi = Long.divideUnsigned(hi, 62);
    }
    long lo = n;
    for (int i = 0; i < 11; i++) {
      out[pos + 10 - i] = ALPHABET[(int) (lo % 62)];
      lo /= 62;
    }
    return new String(out);
  }
}
