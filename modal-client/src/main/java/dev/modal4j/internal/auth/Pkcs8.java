package dev.modal4j.internal.auth;

import java.io.ByteArrayOutputStream;

/** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads. */
final class Pkcs8 {
  /** AlgorithmIdentifier { rsaEncryption, NULL } in DER. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private Pkcs8() {}

  static byte[] wrapRsa(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04); // OCTET STRING holding the PKCS#1 key
    body.writeBytes(length(pkcs1.length));
    body.writeBytes(pkcs1);
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(length(content.length));
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] length(int n) {
    if (n < 0x80) {
      return new byte[] {(byte) n};
    }
    if (n < 0x100) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    if (n < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }
}
