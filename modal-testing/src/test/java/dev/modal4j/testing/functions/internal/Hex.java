package dev.modal4j.testing.functions.internal;

/** Hex text (spaces allowed) to bytes and back, for CBOR test vectors written out by hand. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    String digits = hex.replace(" ", "");
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static String of(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
