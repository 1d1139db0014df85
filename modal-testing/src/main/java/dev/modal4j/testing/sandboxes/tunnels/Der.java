package dev.modal4j.testing.sandboxes.tunnels;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The few DER encodings an X.509 certificate needs, each returning the encoded element. */
final class Der {
  private Der() {}

  static byte[] tagged(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = body.size();
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tagged(0x30, parts);
  }

  static byte[] set(byte[]... parts) {
    return tagged(0x31, parts);
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
  }

  static byte[] octets(byte[] value) {
    return tagged(0x04, value);
  }

  /** A BIT STRING of whole bytes, or with {@code unusedBits} unused at the end of the last. */
  static byte[] bits(int unusedBits, byte[] value) {
    byte[] body = new byte[value.length + 1];
    body[0] = (byte) unusedBits;
    System.arraycopy(value, 0, body, 1, value.length);
    return tagged(0x03, body);
  }

  static byte[] utf8(String value) {
    return tagged(0x0c, value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utcTime(String yymmddhhmmssZ) {
    return tagged(0x17, yymmddhhmmssZ.getBytes(StandardCharsets.US_ASCII));
  }

  /** An OBJECT IDENTIFIER from its dotted form. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(40 * Integer.parseInt(arcs[0]) + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = 1;
      for (long rest = arc >> 7; rest > 0; rest >>= 7) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int seven = (int) ((arc >> (7 * g)) & 0x7f);
        body.write(g > 0 ? seven | 0x80 : seven);
      }
    }
    return tagged(0x06, body.toByteArray());
  }
}
