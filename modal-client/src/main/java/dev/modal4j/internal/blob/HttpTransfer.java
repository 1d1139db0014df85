package dev.modal4j.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

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
