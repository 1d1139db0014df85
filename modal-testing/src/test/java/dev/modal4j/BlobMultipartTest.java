package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.MultiPartUpload;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeFromNameParams;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart blob uploads: an emulator told to ask for parts above 1 MiB (parts of 1 MiB + 7 bytes)
 * answers BlobCreate as Modal does for large blobs, checks the parts and the completion body, and
 * the SDK's function inputs and v1 volume files go through it byte-equal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlobMultipartTest {
  private static final long THRESHOLD = 1 << 20;
  private static final long PART = (1 << 20) + 7;
  private static ModalEmulator emulator;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.builder().blobMultipart(THRESHOLD, PART).start();
    DemoApp.deploy(emulator)
        .function(
            "sha256",
            (args, kwargs) -> {
              byte[] data = (byte[]) args.get(0);
              return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void blobCreateAnswersMultipartAboveTheThresholdOnly() {
    ModalClientBlockingStub stub = rawStub();
    BlobCreateResponse big = stub.blobCreate(create(random((3 << 20) + 100, 1)));
    assertThat(big.hasMultipart()).isTrue();
    assertThat(big.hasUploadUrl()).isFalse();
    MultiPartUpload m = big.getMultipart();
    assertThat(m.getPartLength()).isEqualTo(PART);
    assertThat(m.getUploadUrlsCount()).isEqualTo(4);
    assertThat(m.getCompletionUrl()).isNotEmpty();
    assertThat(big.getMultiparts().getItemsList()).containsExactly(m);
    assertThat(big.getBlobIdsList()).containsExactly(big.getBlobId());

    BlobCreateResponse atThreshold = stub.blobCreate(create(random((int) THRESHOLD, 2)));
    assertThat(atThreshold.hasMultipart()).isFalse();
    assertThat(atThreshold.getUploadUrl()).isNotEmpty();
  }

  @Test
  void theEmulatorChecksPartsAndTheCompletionBodyLikeAnObjectStore() throws Exception {
    ModalClientBlockingStub stub = rawStub();
    byte[] data = random((int) (2 * PART + 100), 3);
    BlobCreateResponse r = stub.blobCreate(create(data));
    MultiPartUpload m = r.getMultipart();
    assertThat(m.getUploadUrlsCount()).isEqualTo(3);

    assertThat(http("PUT", m.getUploadUrls(0), Arrays.copyOf(data, 10)).status)
        .as("a part shorter than part_length")
        .isEqualTo(400);
    List<String> etags = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int from = (int) (i * PART);
      int to = (int) Math.min(data.length, from + PART);
      Answer a = http("PUT", m.getUploadUrls(i), Arrays.copyOfRange(data, from, to));
      assertThat(a.status).isEqualTo(200);
      String md5 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(data, from, to)));
      assertThat(a.etag).isEqualTo("\"" + md5 + "\"");
      etags.add(md5);
    }
    assertThat(http("POST", m.getCompletionUrl(), completion(etags.subList(0, 2))).status)
        .as("a completion missing a part")
        .isEqualTo(400);
    List<String> wrong = new ArrayList<>(etags);
    wrong.set(1, "0".repeat(32));
    assertThat(http("POST", m.getCompletionUrl(), completion(wrong)).status)
        .as("a completion with a wrong ETag")
        .isEqualTo(400);
    assertThatThrownBy(
            () -> stub.blobGet(BlobGetRequest.newBuilder().setBlobId(r.getBlobId()).build()))
        .as("nothing is stored before the completion")
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aCompletedUploadIsTheBlobWithTheMultipartEtag() throws Exception {
    ModalClientBlockingStub stub = rawStub();
    byte[] data = random((int) (2 * PART + 100), 4);
    BlobCreateResponse r = stub.blobCreate(create(data));
    MultiPartUpload m = r.getMultipart();
    MessageDigest joined = MessageDigest.getInstance("MD5");
    List<String> etags = new ArrayList<>();
    for (int i = 0; i < m.getUploadUrlsCount(); i++) {
      int from = (int) (i * PART);
      byte[] part = Arrays.copyOfRange(data, from, (int) Math.min(data.length, from + PART));
      byte[] md5 = MessageDigest.getInstance("MD5").digest(part);
      joined.update(md5);
      etags.add(HexFormat.of().formatHex(md5));
      assertThat(http("PUT", m.getUploadUrls(i), part).status).isEqualTo(200);
    }
    Answer done = http("POST", m.getCompletionUrl(), completion(etags));
    assertThat(done.status).isEqualTo(200);
    assertThat(done.body).contains(HexFormat.of().formatHex(joined.digest()) + "-3");
    String url =
        stub.blobGet(BlobGetRequest.newBuilder().setBlobId(r.getBlobId()).build()).getDownloadUrl();
    try (InputStream in = URI.create(url).toURL().openStream()) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
    }
  }

  @Test
  void functionInputsGoThroughMultipartByteEqual() throws Exception {
    try (ModalClient modal = emulator.newClient()) {
      byte[] input = random((5 << 20) + 3, 5);
      var fn = modal.functions().fromName(DemoApp.NAME, "sha256");
      assertThat(fn.remote(String.class, (Object) input)).isEqualTo(sha256(input));
      byte[] echoed =
          modal.functions().fromName(DemoApp.NAME, "echo").remote(byte[].class, (Object) input);
      assertThat(sha256(echoed)).isEqualTo(sha256(input));
    }
  }

  @Test
  void v1VolumeFilesGoThroughMultipartByteEqual() throws Exception {
    try (ModalClient modal = emulator.newClient()) {
      Volume v =
          modal
              .volumes()
              .fromName(
                  "multipart-v1",
                  VolumeFromNameParams.builder().createIfMissing(true).version(1).build());
      byte[] file = random((9 << 20) + 5, 6);
      byte[] streamed = random((6 << 20) + 11, 7);
      Path local = tmp.resolve("file.bin");
      Files.write(local, file);
      v.batchUpload()
          .putFile(local, "/file.bin")
          .putFile(new ByteArrayInputStream(streamed), "/streamed.bin")
          .upload();
      try (InputStream in = v.readFile("/file.bin")) {
        assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(file));
      }
      try (InputStream in = v.readFile("/streamed.bin")) {
        assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(streamed));
      }
    }
  }

  private static BlobCreateRequest create(byte[] data) {
    try {
      return BlobCreateRequest.newBuilder()
          .setContentMd5(
              Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data)))
          .setContentSha256Base64(
              Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data)))
          .setContentLength(data.length)
          .build();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] completion(List<String> etags) {
    StringBuilder sb = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      sb.append("<Part><PartNumber>")
          .append(i + 1)
          .append("</PartNumber><ETag>\"")
          .append(etags.get(i))
          .append("\"</ETag></Part>");
    }
    return sb.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private record Answer(int status, String etag, String body) {}

  private static Answer http(String method, String url, byte[] body) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      c.setRequestMethod(method);
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status / 100 == 2 ? c.getInputStream() : c.getErrorStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(status, c.getHeaderField("ETag"), text);
    } finally {
      c.disconnect();
    }
  }

  private static ModalClientBlockingStub rawStub() {
    Metadata credentials = new Metadata();
    credentials.put(key("x-modal-token-id"), ModalEmulator.TOKEN_ID);
    credentials.put(key("x-modal-token-secret"), ModalEmulator.TOKEN_SECRET);
    String token =
        ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    Metadata headers = new Metadata();
    headers.merge(credentials);
    headers.put(key("x-modal-auth-token"), token);
    return ModalClientGrpc.newBlockingStub(emulator.inProcessChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
