package dev.modal4j.bench;

import java.util.BitSet;

/**
 * Checks the outputs of {@code square} mapped over {@code 0..n-1}: each index exactly once, each
 * value correct. Memory is one bit per input (1.2 MiB for 10,000,000 inputs).
 */
final class MapTally {

  private final int n;
  private final BitSet seen;
  private int received;
  private int duplicates;
  private int wrong;
  private boolean inOrder = true;
  private long checksum;

  MapTally(int n) {
    this.n = n;
    this.seen = new BitSet(n);
  }

  /**
   * Records the output for input {@code idx}; returns true if it is the first output for a valid
   * index (a duplicate, an out-of-range index or a wrong value returns false and is counted).
   */
  boolean accept(int idx, long value) {
    if (idx < 0 || idx >= n || value != (long) idx * idx) {
      wrong++;
      return false;
    }
    if (seen.get(idx)) {
      duplicates++;
      return false;
    }
    if (idx != received) {
      inOrder = false;
    }
    seen.set(idx);
    received++;
    checksum += value;
    return true;
  }

  /** Records an output whose index is not known: the index is the value's integer square root. */
  boolean acceptValue(long value) {
    long root = value < 0 ? -1 : (long) Math.sqrt((double) value);
    while (root > 0 && root * root > value) {
      root--;
    }
    while ((root + 1) * (root + 1) <= value) {
      root++;
    }
    if (root < 0 || root >= n || root * root != value) {
      wrong++;
      return false;
    }
    return accept((int) root, value);
  }

  /** True once every index has had exactly one correct output. */
  boolean complete() {
    return received == n;
  }

  /** True if every output was correct, none duplicated, none missing, and the checksum matches. */
  boolean verified() {
    return received == n && duplicates == 0 && wrong == 0 && checksum == expectedChecksum(n);
  }

  /** Whether the outputs arrived in input order. */
  boolean inOrder() {
    return inOrder;
  }

  /** A one-line account of what was received. */
  String summary() {
    return String.format(
        "received=%d/%d duplicates=%d wrong=%d ordered=%b checksum=%s",
        received, n, duplicates, wrong, inOrder, checksum == expectedChecksum(n) ? "ok" : "BAD");
  }

  /** Sum of i*i for i in 0..n-1, modulo 2^64 (independent of arrival order). */
  static long expectedChecksum(int n) {
    java.math.BigInteger m = java.math.BigInteger.valueOf(n);
    return m.subtract(java.math.BigInteger.ONE)
        .multiply(m)
        .multiply(m.shiftLeft(1).subtract(java.math.BigInteger.ONE))
        .divide(java.math.BigInteger.valueOf(6))
        .longValue();
  }
}
