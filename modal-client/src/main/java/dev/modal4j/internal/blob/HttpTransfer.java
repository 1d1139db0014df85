package dev.modal4j.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One blob HTTP request with {@link HttpURLConnection} (java.net.http.HttpClient would leave a
 * selector thread running on JDK 17). Bodies are streamed: uploads in fixed-length mode, downloads
 * into one array sized by Content-Length. A stale kept-alive connection surfaces as an IOException,
 * which the caller retries.
 */
final class HttpTransfer {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
  private static final int CHUNK = 64 * 1024;
  static final int MAX_RESPONSE = 1 << 20;

  private HttpTransfer() {}

  /** PUTs {@code data} as application/octet-stream with Content-MD5. */
  static void put(String url, byte[] data, String contentMd5) throws IOException {
    HttpURLConnection c = open(url);
    try {
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode((long) data.length);
      c.setRequestProperty("Content-Type", "application/octet-stream");
      c.setRequestProperty("Content-MD5", contentMd5);
      try (OutputStream out = c.getOutputStream()) {
        for (int off = 0; off < data.length; off += CHUNK) {
          out.write(data, off, Math.min(CHUNK, data.length - off));
        }
      }
      int code = c.getResponseCode();
      drain(c, code);
      if (code / 100 != 2) {
        throw new HttpStatusException("PUT", url, code);
      }
    } finally {
      c.disconnect();
    }
  }

  /** GETs the whole body. */
  static byte[] get(String url) throws IOException {
    HttpURLConnection c = open(url);
    try {
      c.setRequestMethod("GET");
      int code = c.getResponseCode();
      if (code / 100 != 2) {
        drain(c, code);
        throw new HttpStatusException("GET", url, code);
      }
      long length = c.getContentLengthLong();
      try (InputStream in = c.getInputStream()) {
        if (length < 0) {
          return in.readAllBytes();
        }
        if (length > Integer.MAX_VALUE - 8) {
          throw new IOException("blob of " + length + " bytes is too large for one array");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
          throw new IOException(
              "blob download ended after " + body.length + " of " + length + " bytes");
        }
        return body;
      }
    } finally {
      c.disconnect();
    }
  }

  /**
   * PUTs {@code length} bytes of {@code source} from {@code offset} (Content-MD5 only when {@code
   * contentMd5} is not null) and returns at most {@link #MAX_RESPONSE} bytes of the response body.
   */
  static byte[] putRange(
      String url, RangeSource source, long offset, long length, String contentMd5)
      throws IOException {
    HttpURLConnection c = open(url);
    try {
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(length);
      c.setRequestProperty("Content-Type", "application/octet-stream");
      if (contentMd5 != null) {
        c.setRequestProperty("Content-MD5", contentMd5);
      }
      try (OutputStream out = c.getOutputStream()) {
        source.copyTo(out, offset, length);
      }
      return answer(c, "PUT", url);
    } finally {
      c.disconnect();
    }
  }

  /**
   * PUTs {@code length} bytes of {@code source} from {@code offset} as one part of a multipart
   * upload (no Content-Type, as Modal's Python SDK sends parts), computing their MD5 as they are
   * sent, and checks that the answer's ETag (quotes and a {@code W/} prefix stripped) is that MD5.
   *
   * @return the part's MD5, in hex
   */
  static String putPart(String url, RangeSource source, long offset, long length)
      throws IOException {
    HttpURLConnection c = open(url);
    try {
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(length);
      // HttpURLConnection adds a form Content-Type to a body without one; an empty one stands in
      // for none.
      c.setRequestProperty("Content-Type", "");
      MessageDigest md5 = md5();
      try (OutputStream out = new DigestOutputStream(c.getOutputStream(), md5)) {
        source.copyTo(out, offset, length);
      }
      int code = c.getResponseCode();
      drain(c, code);
      if (code / 100 != 2) {
        throw new HttpStatusException("PUT", url, code);
      }
      String local = HexFormat.of().formatHex(md5.digest());
      String etag = c.getHeaderField("ETag");
      String remote = etag == null ? "" : etag.trim();
      if (remote.startsWith("W/") || remote.startsWith("w/")) {
        remote = remote.substring(2);
      }
      if (remote.length() >= 2 && remote.startsWith("\"") && remote.endsWith("\"")) {
        remote = remote.substring(1, remote.length() - 1);
      }
      if (!local.equalsIgnoreCase(remote)) {
        throw new IOException(
            "blob part PUT to "
                + host(url)
                + ": the answer's ETag "
                + (etag == null ? "(none)" : etag)
                + " is not the part's MD5 "
                + local);
      }
      return local;
    } finally {
      c.disconnect();
    }
  }

  /** POSTs {@code body} (no Content-Type) and returns at most {@link #MAX_RESPONSE} bytes. */
  static byte[] post(String url, byte[] body) throws IOException {
    HttpURLConnection c = open(url);
    try {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode((long) body.length);
      c.setRequestProperty("Content-Type", "");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      return answer(c, "POST", url);
    } finally {
      c.disconnect();
    }
  }

  /**
   * The body of a 2xx answer to {@code method} (at most {@link #MAX_RESPONSE} bytes, the rest read
   * and dropped so the connection can be reused); any other status is drained and thrown.
   */
  private static byte[] answer(HttpURLConnection c, String method, String url) throws IOException {
    int code = c.getResponseCode();
    if (code / 100 != 2) {
      drain(c, code);
      throw new HttpStatusException(method, url, code);
    }
    try (InputStream in = c.getInputStream()) {
      byte[] body = in.readNBytes(MAX_RESPONSE);
      in.transferTo(OutputStream.nullOutputStream());
      return body;
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every JDK", e);
    }
  }

  /** GETs a body of exactly {@code length} bytes into the start of {@code buffer}. */
  static void getInto(String url, byte[] buffer, int length) throws IOException {
    HttpURLConnection c = open(url);
    try {
      InputStream in = openBody(c, url, length);
      try (in) {
        int n = in.readNBytes(buffer, 0, length);
        checkLength(n, length, in);
      }
    } finally {
      c.disconnect();
    }
  }

  /**
   * GETs a body of exactly {@code length} bytes into {@code channel} at {@code position}, through
   * one buffer of {@link #CHUNK} bytes; returns {@code length}.
   */
  static long getToChannel(String url, FileChannel channel, long position, long length)
      throws IOException {
    HttpURLConnection c = open(url);
    try {
      InputStream in = openBody(c, url, length);
      try (in) {
        byte[] buf = new byte[CHUNK * 4];
        long done = 0;
        while (done < length) {
          int r = in.read(buf, 0, (int) Math.min(buf.length, length - done));
          if (r < 0) {
            break;
          }
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
          while (bb.hasRemaining()) {
            done += channel.write(bb, position + done);
          }
        }
        checkLength(done, length, in);
        return length;
      }
    } finally {
      c.disconnect();
    }
  }

  private static InputStream openBody(HttpURLConnection c, String url, long length)
      throws IOException {
    c.setRequestMethod("GET");
    int code = c.getResponseCode();
    if (code / 100 != 2) {
      drain(c, code);
      throw new HttpStatusException("GET", url, code);
    }
    long declared = c.getContentLengthLong();
    if (declared >= 0 && declared != length) {
      drain(c, code);
      throw new IOException("block of " + declared + " bytes where " + length + " were expected");
    }
    return c.getInputStream();
  }

  private static void checkLength(long got, long length, InputStream in) throws IOException {
    if (got != length) {
      throw new IOException("block download ended after " + got + " of " + length + " bytes");
    }
    if (in.read() != -1) {
      throw new IOException("block download is longer than the " + length + " bytes expected");
    }
  }

  private static HttpURLConnection open(String url) throws IOException {
    URL u;
    try {
      u = URI.create(url).toURL();
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed blob URL", e);
    }
    HttpURLConnection c = (HttpURLConnection) u.openConnection();
    c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    c.setReadTimeout((int) READ_TIMEOUT.toMillis());
    c.setUseCaches(false);
    return c;
  }

  private static void drain(HttpURLConnection c, int code) {
    try (InputStream in = code / 100 == 2 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException ignored) {
      // the status code decides the outcome; the body is only drained to reuse the connection
    }
  }

  /** A non-2xx answer; the message names the host only (signed URLs carry credentials). */
  static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpStatusException(String method, String url, int status) {
      super("blob " + method + " to " + host(url) + " answered HTTP " + status);
      this.status = status;
    }

    boolean retryable() {
      return status >= 500 || status == 408 || status == 429;
    }
  }

  static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "?" : h;
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }
}
