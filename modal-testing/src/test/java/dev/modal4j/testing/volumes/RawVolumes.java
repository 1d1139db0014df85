package dev.modal4j.testing.volumes;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeListFiles2Request;
import dev.modal4j.proto.VolumeListFilesRequest;
import dev.modal4j.proto.VolumePutFiles2Request;
import dev.modal4j.proto.VolumePutFiles2Response;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What a client does with the volume files API, spoken raw: gRPC stubs from {@code
 * dev.modal4j.proto} and plain HTTP, as Modal's Python SDK does it (blocks of 8 MiB hashed without
 * their trailing zeros).
 */
final class RawVolumes {
  static final int BLOCK = 8 * 1024 * 1024;

  final ModalClientBlockingStub stub;

  RawVolumes(Channel channel) {
    Metadata credentials = new Metadata();
    credentials.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-t");
    credentials.put(
        Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-t");
    ModalClientBlockingStub plain =
        ModalClientGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    String token = plain.authTokenGet(AuthTokenGetRequest.getDefaultInstance()).getToken();
    credentials.put(Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER), token);
    this.stub =
        ModalClientGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
  }

  /** Creates (if missing) the named volume of this version; returns its id. */
  String volume(String name, int version) {
    return stub.volumeGetOrCreate(
            VolumeGetOrCreateRequest.newBuilder()
                .setDeploymentName(name)
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
                .setVersion(VolumeFsVersion.forNumber(version))
                .build())
        .getVolumeId();
  }

  /** A file to upload: its size and its bytes from any offset. */
  record Upload(String path, long size, LongFunction<InputStream> from) {
    static Upload of(String path, byte[] content) {
      return new Upload(
          path,
          content.length,
          off -> new java.io.ByteArrayInputStream(content, (int) off, content.length - (int) off));
    }
  }

  /** One block as Python describes it: hash of the bytes up to the last non-zero one. */
  record Block(long start, long end, byte[] sha256) {}

  static List<Block> blocks(Upload u) {
    List<Block> out = new ArrayList<>();
    for (long start = 0; start < u.size(); start += BLOCK) {
      long len = Math.min(BLOCK, u.size() - start);
      MessageDigest all = sha256();
      long lastNonZero = -1;
      byte[] buf = new byte[64 * 1024];
      long pos = 0;
      // first pass: find the end without trailing zeros
      try (InputStream in = u.from().apply(start)) {
        while (pos < len) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, len - pos));
          if (n < 0) {
            break;
          }
          for (int i = n - 1; i >= 0; i--) {
            if (buf[i] != 0) {
              lastNonZero = pos + i;
              break;
            }
          }
          pos += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long end = start + lastNonZero + 1;
      try (InputStream in = u.from().apply(start)) {
        long left = end - start;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          all.update(buf, 0, n);
          left -= n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.add(new Block(start, end, all.digest()));
    }
    return out;
  }

  static VolumePutFiles2Request request(
      String volumeId,
      List<Upload> files,
      List<List<Block>> blocks,
      Map<String, byte[]> receipts,
      boolean disallowOverwrite,
      Integer mode) {
    VolumePutFiles2Request.Builder r =
        VolumePutFiles2Request.newBuilder()
            .setVolumeId(volumeId)
            .setDisallowOverwriteExistingFiles(disallowOverwrite);
    for (int i = 0; i < files.size(); i++) {
      VolumePutFiles2Request.File.Builder f =
          VolumePutFiles2Request.File.newBuilder()
              .setPath(files.get(i).path())
              .setSize(files.get(i).size());
      if (mode != null) {
        f.setMode(mode);
      }
      for (Block b : blocks.get(i)) {
        VolumePutFiles2Request.Block.Builder bb =
            VolumePutFiles2Request.Block.newBuilder()
                .setContentsSha256(ByteString.copyFrom(b.sha256()));
        byte[] receipt = receipts.get(hex(b.sha256()));
        if (receipt != null) {
          bb.setPutResponse(ByteString.copyFrom(receipt));
        }
        f.addBlocks(bb);
      }
      r.addFiles(f);
    }
    return r.build();
  }

  /** Uploads like Python's batch_upload on a v2 volume; returns how many blocks were PUT. */
  int putFiles2(String volumeId, List<Upload> files, boolean disallowOverwrite, Integer mode) {
    List<List<Block>> blocks = files.stream().map(RawVolumes::blocks).toList();
    Map<String, byte[]> receipts = new HashMap<>();
    int puts = 0;
    for (int round = 0; round < 2; round++) {
      VolumePutFiles2Response resp =
          stub.volumePutFiles2(request(volumeId, files, blocks, receipts, disallowOverwrite, mode));
      if (resp.getMissingBlocksCount() == 0) {
        return puts;
      }
      for (VolumePutFiles2Response.MissingBlock m : resp.getMissingBlocksList()) {
        Upload u = files.get((int) m.getFileIndex());
        Block b = blocks.get((int) m.getFileIndex()).get((int) m.getBlockIndex());
        HttpResult r = put(m.getPutUrl(), u.from().apply(b.start()), b.end() - b.start());
        if (r.status() != 200) {
          throw new IllegalStateException("PUT " + m.getPutUrl() + ": " + r);
        }
        receipts.put(hex(b.sha256()), r.body());
        puts++;
      }
    }
    throw new IllegalStateException("blocks still missing after two rounds");
  }

  /** Reads a file like Python's read_file: GetFile2, then each block URL, zero-padded. */
  byte[] read(String volumeId, String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    readInto(volumeId, path, out);
    return out.toByteArray();
  }

  /** Streams a file into {@code out}; returns the GetFile2 answer. */
  VolumeGetFile2Response readInto(String volumeId, String path, OutputStream out) {
    VolumeGetFile2Response resp =
        stub.volumeGetFile2(
            VolumeGetFile2Request.newBuilder().setVolumeId(volumeId).setPath(path).build());
    long pos = resp.getStart();
    long end = resp.getStart() + resp.getLen();
    try {
      for (String url : resp.getGetUrlsList()) {
        long blockEnd = Math.min(end, (pos / BLOCK + 1) * BLOCK);
        long expected = blockEnd - pos;
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (c.getResponseCode() != 200) {
          throw new IllegalStateException("GET " + url + ": " + c.getResponseCode());
        }
        long got;
        try (InputStream in = c.getInputStream()) {
          got = in.transferTo(out);
        }
        if (got > expected) {
          throw new IllegalStateException("block longer than expected: " + got);
        }
        for (long i = got; i < expected; i++) {
          out.write(0);
        }
        pos = blockEnd;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return resp;
  }

  List<FileEntry> list2(String volumeId, String path, boolean recursive) {
    List<FileEntry> out = new ArrayList<>();
    stub.volumeListFiles2(
            VolumeListFiles2Request.newBuilder()
                .setVolumeId(volumeId)
                .setPath(path)
                .setRecursive(recursive)
                .build())
        .forEachRemaining(r -> out.addAll(r.getEntriesList()));
    return out;
  }

  List<FileEntry> list1(String volumeId, String path, boolean recursive) {
    List<FileEntry> out = new ArrayList<>();
    stub.volumeListFiles(
            VolumeListFilesRequest.newBuilder()
                .setVolumeId(volumeId)
                .setPath(path)
                .setRecursive(recursive)
                .build())
        .forEachRemaining(r -> out.addAll(r.getEntriesList()));
    return out;
  }

  record HttpResult(int status, byte[] body) {
    @Override
    public String toString() {
      return status + " " + new String(body, StandardCharsets.UTF_8);
    }
  }

  /** HTTP PUT of {@code length} bytes from {@code body}, streamed. */
  static HttpResult put(String url, InputStream body, long length) {
    try (body) {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setRequestMethod("PUT");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(length);
      try (OutputStream out = c.getOutputStream()) {
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
          int n = body.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            throw new IOException("body ended early");
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
      int status = c.getResponseCode();
      InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
      byte[] resp = in == null ? new byte[0] : in.readAllBytes();
      return new HttpResult(status, resp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
