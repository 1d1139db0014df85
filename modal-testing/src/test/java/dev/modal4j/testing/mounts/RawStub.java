package dev.modal4j.testing.mounts;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.Image;
import dev.modal4j.proto.ImageGetOrCreateRequest;
import dev.modal4j.proto.ImageGetOrCreateResponse;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountGetOrCreateRequest;
import dev.modal4j.proto.MountPutFileRequest;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Raw requests of the mount protocol, as Modal's Python SDK sends them. */
final class RawStub {
  private RawStub() {}

  /** A stub authenticated against {@code emulator}. */
  static ModalClientBlockingStub of(ModalEmulator emulator) {
    Metadata credentials = new Metadata();
    credentials.put(key("x-modal-token-id"), "ak-t");
    credentials.put(key("x-modal-token-secret"), "as-t");
    String token =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    credentials.put(key("x-modal-auth-token"), token);
    return ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts {@code text} inline and returns its file entry at {@code path}. */
  static MountFile put(ModalClientBlockingStub stub, String path, String text, int mode) {
    String hex = sha256(text);
    boolean exists =
        stub.mountPutFile(
                MountPutFileRequest.newBuilder()
                    .setSha256Hex(hex)
                    .setData(ByteString.copyFromUtf8(text))
                    .build())
            .getExists();
    if (!exists) {
      throw new AssertionError("MountPutFile did not store " + path);
    }
    return MountFile.newBuilder().setFilename(path).setSha256Hex(hex).setMode(mode).build();
  }

  /** An ephemeral mount of these files. */
  static String ephemeralMount(ModalClientBlockingStub stub, MountFile... files) {
    return stub.mountGetOrCreate(
            MountGetOrCreateRequest.newBuilder()
                .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL)
                .addAllFiles(java.util.List.of(files))
                .build())
        .getMountId();
  }

  /** Defines the image and waits for its build's result. */
  static ImageGetOrCreateResponse build(ModalClientBlockingStub stub, String appId, Image image) {
    ImageGetOrCreateResponse r =
        stub.imageGetOrCreate(
            ImageGetOrCreateRequest.newBuilder()
                .setAppId(appId)
                .setImage(image)
                .setBuilderVersion("2025.06")
                .build());
    if (r.hasResult()) {
      return r;
    }
    var items =
        stub.withDeadlineAfter(150, TimeUnit.SECONDS)
            .imageJoinStreaming(
                ImageJoinStreamingRequest.newBuilder()
                    .setImageId(r.getImageId())
                    .setTimeout(140)
                    .build());
    StringBuilder log = new StringBuilder();
    while (items.hasNext()) {
      ImageJoinStreamingResponse item = items.next();
      item.getTaskLogsList().forEach(l -> log.append(l.getData()));
      if (item.hasResult()) {
        GenericResult result = item.getResult();
        return r.toBuilder().setResult(result).build();
      }
    }
    throw new AssertionError("the build of " + r.getImageId() + " gave no result; log: " + log);
  }
}
