package dev.modal4j.testing.sandboxes.tunnels;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's tunnel certificates, made at start with the JDK's own APIs (no certificate
 * library): a self-signed P-256 CA, and a server certificate it signed for {@code localhost} and
 * {@code 127.0.0.1} that the encrypted tunnels present. Clients trust the CA.
 */
public final class TunnelCertificates {
  private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
  private static final char[] NO_PASSWORD = new char[0];
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  private final X509Certificate ca;
  private final X509Certificate server;
  private final PrivateKey serverKey;

  private TunnelCertificates(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
    this.ca = ca;
    this.server = server;
    this.serverKey = serverKey;
  }

  /** A new CA and a server certificate it signed for localhost and 127.0.0.1. */
  public static TunnelCertificates generate() {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      byte[] caName = name("modal4j emulator tunnel CA");
      byte[] caKeyId = keyId(caKeys);
      byte[] caExtensions =
          Der.sequence(
              extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
              extension("2.5.29.15", true, Der.bits(1, new byte[] {(byte) 0x86})),
              extension("2.5.29.14", false, Der.octets(caKeyId)));
      X509Certificate ca =
          sign(
              caName,
              caName,
              caKeys.getPublic().getEncoded(),
              caExtensions,
              caKeys.getPrivate(),
              random);
      byte[] serverExtensions =
          Der.sequence(
              extension("2.5.29.19", true, Der.sequence()),
              extension("2.5.29.15", true, Der.bits(7, new byte[] {(byte) 0x80})),
              extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
              extension(
                  "2.5.29.17",
                  false,
                  Der.sequence(
                      Der.tagged(
                          0x82, "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                      Der.tagged(0x87, InetAddress.getLoopbackAddress().getAddress()))),
              extension("2.5.29.35", false, Der.sequence(Der.tagged(0x80, caKeyId))));
      X509Certificate server =
          sign(
              caName,
              name("localhost"),
              serverKeys.getPublic().getEncoded(),
              serverExtensions,
              caKeys.getPrivate(),
              random);
      server.verify(caKeys.getPublic());
      return new TunnelCertificates(ca, server, serverKeys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the emulator's tunnel certificate", e);
    }
  }

  X509Certificate ca() {
    return ca;
  }

  /** Key managers presenting the server certificate and its chain. */
  public KeyManagerFactory keyManagers() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("tunnel", serverKey, NO_PASSWORD, new Certificate[] {server, ca});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the server certificate's keys", e);
    }
  }

  /** An SSLContext for the tunnels' listeners: the server certificate and its chain. */
  SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers().getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the tunnels' TLS", e);
    }
  }

  /** A trust store holding only the CA. */
  KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("modal4j-emulator-tunnel-ca", ca);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the tunnels' trust store", e);
    }
  }

  /** An SSLContext for clients that trusts the CA (and nothing else). */
  SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a client context for the tunnels", e);
    }
  }

  private static X509Certificate sign(
      byte[] issuer,
      byte[] subject,
      byte[] publicKeyInfo,
      byte[] extensions,
      PrivateKey signer,
      SecureRandom random)
      throws GeneralSecurityException {
    byte[] serial = new byte[12];
    random.nextBytes(serial);
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
    byte[] tbs =
        Der.sequence(
            Der.tagged(0xa0, Der.integer(BigInteger.TWO)),
            Der.integer(new BigInteger(1, serial)),
            algorithm,
            issuer,
            Der.sequence(
                Der.utcTime(now.minusDays(1).format(UTC_TIME)),
                Der.utcTime(now.plusYears(10).format(UTC_TIME))),
            subject,
            publicKeyInfo,
            Der.tagged(0xa3, extensions));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(signer, random);
    signature.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(0, signature.sign()));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
        : Der.sequence(Der.oid(oid), Der.octets(value));
  }

  private static byte[] keyId(KeyPair keys) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
    return Arrays.copyOf(digest, 20);
  }
}
