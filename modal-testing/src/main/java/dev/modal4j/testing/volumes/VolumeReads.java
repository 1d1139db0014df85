package dev.modal4j.testing.volumes;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumeGetFileRequest;
import dev.modal4j.proto.VolumeGetFileResponse;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.functions.internal.BlobStore;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads of volume files. VolumeGetFile2 (both versions) answers one download URL per 8 MiB-aligned
 * block the requested range touches; the bytes are streamed from disk when fetched. The legacy
 * VolumeGetFile answers small ranges inline and larger ones through a blob.
 */
final class VolumeReads {
  /** Ranges up to this size are answered inline by the legacy VolumeGetFile. */
  static final long INLINE_LIMIT = 2L * 1024 * 1024;

  private final VolumeRoots roots;
  private final BlockEndpoints http;
  private final BlobStore blobs;
  private final EmulatorState state;

  VolumeReads(VolumeRoots roots, BlockEndpoints http, BlobStore blobs, EmulatorState state) {
    this.roots = roots;
    this.http = http;
    this.blobs = blobs;
    this.state = state;
  }

  VolumeGetFile2Response getFile2(VolumeGetFile2Request request) {
    Path root = roots.root(request.getVolumeId(), 0, "VolumeGetFile2");
    String rel = VolumePath.normalize(request.getPath());
    Range r = range(root, rel, request.getPath(), request.getStart(), request.getLen());
    VolumeGetFile2Response.Builder out =
        VolumeGetFile2Response.newBuilder().setSize(r.size).setStart(r.start).setLen(r.len);
    long bs = VolumeWrites.BLOCK_SIZE;
    long end = r.start + r.len;
    for (long block = r.start / bs; r.len > 0 && block * bs < end; block++) {
      long from = Math.max(r.start, block * bs);
      long to = Math.min(end, (block + 1) * bs);
      out.addGetUrls(http.getUrl(request.getVolumeId(), rel, from, to - from));
    }
    return out.build();
  }

  VolumeGetFileResponse getFile(VolumeGetFileRequest request) {
    Path root = roots.root(request.getVolumeId(), 0, "VolumeGetFile");
    String rel = VolumePath.normalize(request.getPath());
    Range r = range(root, rel, request.getPath(), request.getStart(), request.getLen());
    byte[] data = new byte[(int) Math.min(r.len, Integer.MAX_VALUE - 16)];
    try (FileChannel ch = FileChannel.open(r.file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      long pos = r.start;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
    } catch (NoSuchFileException e) {
      throw VolumeRoots.notFound(request.getPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    VolumeGetFileResponse.Builder out =
        VolumeGetFileResponse.newBuilder().setSize(r.size).setStart(r.start).setLen(r.len);
    if (r.len <= INLINE_LIMIT) {
      out.setData(ByteString.copyFrom(data));
    } else {
      String blobId = state.newId("bl");
      blobs.put(blobId, data);
      out.setDataBlobId(blobId);
    }
    return out.build();
  }

  private static Range range(Path root, String rel, String path, long start, long len) {
    Path file = VolumePath.resolve(root, rel);
    if (!VolumeRoots.exists(file)) {
      throw VolumeRoots.notFound(path);
    }
    VolumePath.requireInside(root, file, path);
    if (Files.isDirectory(file)) {
      throw VolumePath.invalid("'" + path + "' is a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw VolumeRoots.notFound(path);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw VolumeRoots.notFound(path);
    }
    if (start < 0 || start > size) {
      throw Status.OUT_OF_RANGE
          .withDescription(
              "start " + start + " is past the end of '" + path + "' (" + size + " bytes)")
          .asRuntimeException();
    }
    long available = size - start;
    long n = len <= 0 || len > available ? available : len;
    return new Range(file, size, start, n);
  }

  private record Range(Path file, long size, long start, long len) {}
}
