package dev.modal4j.bench;

import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A payload round trip done by hand: digests, BlobCreate and an HTTP PUT of the bytes, then BlobGet
 * and an HTTP GET, checked byte for byte. The floor for the SDK's large-argument path.
 */
final class RawBlobFloor {

  private final ModalClientGrpc.ModalClientBlockingStub stub;
  private final HttpClient http;

  RawBlobFloor(RawConnection connection) {
    this.stub = connection.stub();
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Timings of one round trip, in nanoseconds. */
  record Timing(long digestNanos, long uploadNanos, long downloadNanos) {
    long totalNanos() {
      return digestNanos + uploadNanos + downloadNanos;
    }
  }

  /** Uploads {@code data}, downloads it again, checks it, and returns the time each part took. */
  Timing roundTrip(byte[] data) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    String md5 = digest("MD5", data);
    String sha256 = digest("SHA-256", data);
    long t1 = System.nanoTime();
    BlobCreateResponse created =
        stub.blobCreate(
            BlobCreateRequest.newBuilder()
                .setContentMd5(md5)
                .setContentSha256Base64(sha256)
                .setContentLength(data.length)
                .build());
    if (!created.hasUploadUrl()) {
      throw new IOException("BlobCreate returned no upload_url");
    }
    HttpResponse<Void> put =
        http.send(
            HttpRequest.newBuilder(URI.create(created.getUploadUrl()))
                .header("Content-Type", "application/octet-stream")
                .header("Content-MD5", md5)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    check(put.statusCode(), "PUT");
    long t2 = System.nanoTime();
    String url =
        stub.blobGet(BlobGetRequest.newBuilder().setBlobId(created.getBlobId()).build())
            .getDownloadUrl();
    HttpResponse<byte[]> get =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    check(get.statusCode(), "GET");
    long t3 = System.nanoTime();
    if (!Arrays.equals(get.body(), data)) {
      throw new IOException("downloaded blob differs from the uploaded bytes");
    }
    return new Timing(t1 - t0, t2 - t1, t3 - t2);
  }

  private static void check(int status, String what) throws IOException {
    if (status / 100 != 2) {
      throw new IOException("blob " + what + " failed with HTTP " + status);
    }
  }

  private static String digest(String algorithm, byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
