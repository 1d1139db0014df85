package dev.modal4j.bench;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountPutFileRequest;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumePutFiles2Request;
import dev.modal4j.proto.VolumePutFiles2Response;
import dev.modal4j.proto.VolumePutFilesRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The volume protocol done by hand, the floor for the SDK's volume files: the raw stubs for the
 * RPCs and HttpURLConnection for the same bytes' PUTs and GETs to the emulator's HTTP server; v2
 * blocks hashed on every core and PUT {@value #PUTS_AT_ONCE} at once, as the SDK does, the rest one
 * request at a time. Its hashing and HTTP times are kept apart so the report can show both.
 */
final class RawVolumeFloor {
  static final int BLOCK = 8 << 20;

  /** Block PUTs in flight at once: the SDK's bound. */
  static final int PUTS_AT_ONCE = 8;

  private final ModalClientGrpc.ModalClientBlockingStub stub;
  private final String volumeId;
  private final int version;
  private final byte[] buf = new byte[BLOCK];
  long hashNanos;
  long httpNanos;

  RawVolumeFloor(RawConnection connection, String volumeId, int version) {
    this.stub = connection.stub();
    this.volumeId = volumeId;
    this.version = version;
  }

  /** Uploads {@code file} as {@code remote}, overwriting it. */
  void upload(Path file, String remote) throws IOException {
    if (version == 2) {
      uploadV2(file, remote);
    } else {
      uploadV1(file, remote);
    }
  }

  private void uploadV2(Path file, String remote) throws IOException {
    long size = java.nio.file.Files.size(file);
    int blocks = (int) ((size + BLOCK - 1) / BLOCK);
    ByteString[] shas = new ByteString[blocks];
    int[] ends = new int[blocks];
    long t0 = System.nanoTime();
    // hashing on every core, as the SDK does
    parallel(
        file,
        Runtime.getRuntime().availableProcessors(),
        java.util.stream.IntStream.range(0, blocks).boxed().toList(),
        (ch, block, i) -> {
          int len =
              readInto(ch, block, (long) i * BLOCK, (int) Math.min(BLOCK, size - (long) i * BLOCK));
          int end = len;
          while (end > 0 && block[end - 1] == 0) {
            end--;
          }
          MessageDigest md = sha256();
          md.update(block, 0, end);
          shas[i] = ByteString.copyFrom(md.digest());
          ends[i] = end;
        });
    hashNanos += System.nanoTime() - t0;
    Map<ByteString, ByteString> answers = new java.util.concurrent.ConcurrentHashMap<>();
    List<ByteString> shaList = List.of(shas);
    VolumePutFiles2Response r = stub.volumePutFiles2(putFiles2(remote, size, shaList, answers));
    long t1 = System.nanoTime();
    // the missing blocks PUT as many at once as the SDK puts them
    parallel(
        file,
        PUTS_AT_ONCE,
        r.getMissingBlocksList(),
        (ch, block, m) -> {
          int i = (int) m.getBlockIndex();
          int len = readInto(ch, block, (long) i * BLOCK, ends[i]);
          answers.put(
              shas[i],
              ByteString.copyFrom(put(m.getPutUrl(), len, null, out -> out.write(block, 0, len))));
        });
    httpNanos += System.nanoTime() - t1;
    if (r.getMissingBlocksCount() > 0) {
      r = stub.volumePutFiles2(putFiles2(remote, size, shaList, answers));
      if (r.getMissingBlocksCount() > 0) {
        throw new IOException("VolumePutFiles2 still lacks blocks after they were uploaded");
      }
    }
  }

  private interface BlockTask<T> {
    void run(FileChannel ch, byte[] block, T item) throws IOException;
  }

  /**
   * Runs {@code task} for every item on {@code threads} threads, each with its own block buffer.
   */
  private static <T> void parallel(Path file, int threads, List<T> items, BlockTask<T> task)
      throws IOException {
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        workers.add(
            pool.submit(
                () -> {
                  byte[] block = new byte[BLOCK];
                  for (int k; (k = next.getAndIncrement()) < items.size(); ) {
                    task.run(ch, block, items.get(k));
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static int readInto(FileChannel ch, byte[] block, long start, int len)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(block, 0, len);
    while (bb.hasRemaining()) {
      if (ch.read(bb, start + bb.position()) < 0) {
        throw new IOException("file ended early");
      }
    }
    return len;
  }

  private VolumePutFiles2Request putFiles2(
      String remote, long size, List<ByteString> shas, Map<ByteString, ByteString> answers) {
    VolumePutFiles2Request.File.Builder f =
        VolumePutFiles2Request.File.newBuilder().setPath(remote).setSize(size).setMode(0644);
    for (ByteString sha : shas) {
      VolumePutFiles2Request.Block.Builder b =
          VolumePutFiles2Request.Block.newBuilder().setContentsSha256(sha);
      if (answers.containsKey(sha)) {
        b.setPutResponse(answers.get(sha));
      }
      f.addBlocks(b);
    }
    return VolumePutFiles2Request.newBuilder()
        .setVolumeId(volumeId)
        .addFiles(f)
        .setDisallowOverwriteExistingFiles(false)
        .build();
  }

  private void uploadV1(Path file, String remote) throws IOException {
    long t0 = System.nanoTime();
    MessageDigest sha = sha256();
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
      for (long start = 0; start < size; start += BLOCK) {
        int len = read(ch, start, (int) Math.min(BLOCK, size - start));
        sha.update(buf, 0, len);
        md5.update(buf, 0, len);
      }
    }
    byte[] shaBytes = sha.digest();
    String shaHex = HexFormat.of().formatHex(shaBytes);
    String md5b64 = Base64.getEncoder().encodeToString(md5.digest());
    hashNanos += System.nanoTime() - t0;
    if (!stub.mountPutFile(MountPutFileRequest.newBuilder().setSha256Hex(shaHex).build())
        .getExists()) {
      BlobCreateResponse blob =
          stub.blobCreate(
              BlobCreateRequest.newBuilder()
                  .setContentMd5(md5b64)
                  .setContentSha256Base64(Base64.getEncoder().encodeToString(shaBytes))
                  .setContentLength(size)
                  .build());
      long t1 = System.nanoTime();
      final long length = size;
      put(
          blob.getUploadUrl(),
          length,
          md5b64,
          out -> {
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
              for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
              }
            }
          });
      httpNanos += System.nanoTime() - t1;
      if (!stub.mountPutFile(
              MountPutFileRequest.newBuilder()
                  .setSha256Hex(shaHex)
                  .setDataBlobId(blob.getBlobId())
                  .build())
          .getExists()) {
        throw new IOException("MountPutFile did not confirm the blob");
      }
    }
    stub.volumePutFiles(
        VolumePutFilesRequest.newBuilder()
            .setVolumeId(volumeId)
            .addFiles(MountFile.newBuilder().setFilename(remote).setSha256Hex(shaHex).setMode(0644))
            .setDisallowOverwriteExistingFiles(false)
            .build());
  }

  /** Reads {@code remote} block by block with plain GETs; returns the CRC32C of its bytes. */
  long download(String remote) throws IOException {
    VolumeGetFile2Response r =
        stub.volumeGetFile2(
            VolumeGetFile2Request.newBuilder().setVolumeId(volumeId).setPath(remote).build());
    CRC32C crc = new CRC32C();
    long t0 = System.nanoTime();
    for (String url : r.getGetUrlsList()) {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      try {
        check(c.getResponseCode(), "block GET");
        try (InputStream in = c.getInputStream()) {
          for (int n; (n = in.read(buf)) > 0; ) {
            crc.update(buf, 0, n);
          }
        }
      } finally {
        c.disconnect();
      }
    }
    httpNanos += System.nanoTime() - t0;
    return crc.getValue();
  }

  /** Writes a request body. */
  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** One PUT with a fixed-length streamed body; returns the response body. */
  private static byte[] put(String url, long length, String md5, Body body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(length);
      c.setRequestProperty("Content-Type", "application/octet-stream");
      if (md5 != null) {
        c.setRequestProperty("Content-MD5", md5);
      }
      try (OutputStream out = c.getOutputStream()) {
        body.writeTo(out);
      }
      check(c.getResponseCode(), "PUT");
      try (InputStream in = c.getInputStream()) {
        return in.readAllBytes();
      }
    } finally {
      c.disconnect();
    }
  }

  private int read(FileChannel ch, long start, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    while (bb.hasRemaining()) {
      if (ch.read(bb, start + bb.position()) < 0) {
        throw new IOException("file ended early");
      }
    }
    return len;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(int status, String what) throws IOException {
    if (status / 100 != 2) {
      throw new IOException(what + " failed with HTTP " + status);
    }
  }
}
