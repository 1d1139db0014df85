package dev.modal4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** modal4j's identity on the wire (DESIGN.md "Transport"). */
public final class ClientVersion {
  /** The version when the build did not provide one (e.g. classes run from an IDE unfiltered). */
  public static final String UNKNOWN = "dev";

  /**
   * This SDK's version (the Maven project version, from {@code dev/modal4j/version.properties}),
   * sent as {@code x-modal-libmodal-version: modal4j/<version>}; {@link #UNKNOWN} if absent.
   */
  public static final String VERSION = load();

  /** Modal has no Java client type; modal4j sends the libmodal Go value. */
  public static final String CLIENT_TYPE = "9";

  /** The Python SDK version modal4j behaves like. */
  public static final String CLIENT_VERSION = "1.0.0";

  /** The value of {@code x-modal-libmodal-version}. */
  public static final String LIBMODAL_VERSION = "modal4j/" + VERSION;

  private ClientVersion() {}

  private static String load() {
    try (InputStream in =
        ClientVersion.class.getResourceAsStream("/dev/modal4j/version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").trim();
      return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    } catch (IOException | IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
