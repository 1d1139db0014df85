package dev.modal4j.interop;

import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Reads a volume file through the emulator's raw files API (VolumeGetFile2 + HTTP GETs). */
final class RawVolumeRead {
  private static final long BLOCK = 8L * 1024 * 1024;

  private RawVolumeRead() {}

  /** The hex SHA-256 of {@code path} in the named volume, zero-padding short blocks. */
  static String sha256Hex(String serverUrl, String volumeName, String path) throws Exception {
    URI uri = URI.create(serverUrl);
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
    try {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER), "ak-j");
      headers.put(
          Metadata.Key.of("x-modal-token-secret", Metadata.ASCII_STRING_MARSHALLER), "as-j");
      String token =
          ModalClientGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
              .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
              .getToken();
      headers.put(Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER), token);
      ModalClientGrpc.ModalClientBlockingStub stub =
          ModalClientGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      String volumeId =
          stub.volumeGetOrCreate(
                  VolumeGetOrCreateRequest.newBuilder().setDeploymentName(volumeName).build())
              .getVolumeId();
      VolumeGetFile2Response resp =
          stub.volumeGetFile2(
              VolumeGetFile2Request.newBuilder().setVolumeId(volumeId).setPath(path).build());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long pos = resp.getStart();
      long end = resp.getStart() + resp.getLen();
      byte[] buf = new byte[64 * 1024];
      for (String url : resp.getGetUrlsList()) {
        long blockEnd = Math.min(end, (pos / BLOCK + 1) * BLOCK);
        long got = 0;
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
          int n;
          while ((n = in.read(buf)) > 0) {
            digest.update(buf, 0, n);
            got += n;
          }
        }
        for (; got < blockEnd - pos; got++) {
          digest.update((byte) 0);
        }
        pos = blockEnd;
      }
      return HexFormat.of().formatHex(digest.digest());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
