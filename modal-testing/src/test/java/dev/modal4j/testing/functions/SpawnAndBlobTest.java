package dev.modal4j.testing.functions;

import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC;
import static dev.modal4j.proto.FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallFromIdRequest;
import dev.modal4j.proto.FunctionCallFromIdResponse;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.testing.functions.internal.CborCodec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SpawnAndBlobTest {
  static FnFixture fx;

  @BeforeAll
  static void start() {
    fx = new FnFixture();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    fx.close();
  }

  @Test
  void spawnThenGetTwiceAndFromId() {
    String square = fx.functionId("square");
    FunctionMapResponse map =
        fx.call(
            square,
            FUNCTION_CALL_INVOCATION_TYPE_ASYNC,
            FnFixture.cborInput(List.of(12), Map.of()));
    FunctionGetOutputsItem first = fx.poll(map.getFunctionCallId(), 10, false).getOutputs(0);
    FunctionGetOutputsItem again = fx.poll(map.getFunctionCallId(), 0, false).getOutputs(0);
    assertThat(FnFixture.decode(first.getResult().getData())).isEqualTo(144L);
    assertThat(again).isEqualTo(first);
    FunctionCallFromIdResponse fromId =
        fx.stub.functionCallFromId(
            FunctionCallFromIdRequest.newBuilder()
                .setFunctionCallId(map.getFunctionCallId())
                .build());
    assertThat(fromId.getNumInputs()).isEqualTo(1);
    assertThat(fromId.getMetadata().getFunctionId()).isEqualTo(square);
    assertThat(fromId.getMetadata().getAppId()).startsWith("ap-");
    assertThatThrownBy(
            () ->
                fx.stub.functionCallFromId(
                    FunctionCallFromIdRequest.newBuilder().setFunctionCallId("fc-missing").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void spawnedResultAbove8KiBComesBackAsBlob() throws Exception {
    String payload = "x".repeat(100 * 1024);
    FunctionMapResponse map =
        fx.call(
            fx.functionId("echo"),
            FUNCTION_CALL_INVOCATION_TYPE_ASYNC,
            FnFixture.cborInput(List.of(payload), Map.of()));
    GenericResult result = fx.poll(map.getFunctionCallId(), 10, false).getOutputs(0).getResult();
    assertThat(result.getDataOneofCase()).isEqualTo(GenericResult.DataOneofCase.DATA_BLOB_ID);
    assertThat(CborCodec.decode(download(result.getDataBlobId()))).isEqualTo(payload);
  }

  @Test
  void syncResultsUseBlobsAboveTheFunctionsOverride() throws Exception {
    fx.backend
        .deploy("small-app")
        .function(
            "repeat",
            (args, kwargs) -> "y".repeat(((Number) args.get(0)).intValue()),
            FunctionSpec.builder().maxObjectSizeBytes(1024).build());
    String id =
        fx.stub
            .functionGet(
                dev.modal4j.proto.FunctionGetRequest.newBuilder()
                    .setAppName("small-app")
                    .setObjectTag("repeat")
                    .build())
            .getFunctionId();
    String large = "y".repeat(5000);
    GenericResult r1 =
        fx.poll(
                fx.call(
                        id,
                        FUNCTION_CALL_INVOCATION_TYPE_SYNC,
                        FnFixture.cborInput(List.of(500), Map.of()))
                    .getFunctionCallId(),
                10,
                true)
            .getOutputs(0)
            .getResult();
    GenericResult r2 =
        fx.poll(
                fx.call(
                        id,
                        FUNCTION_CALL_INVOCATION_TYPE_SYNC,
                        FnFixture.cborInput(List.of(5000), Map.of()))
                    .getFunctionCallId(),
                10,
                true)
            .getOutputs(0)
            .getResult();
    assertThat(r1.getDataOneofCase()).isEqualTo(GenericResult.DataOneofCase.DATA);
    assertThat(r2.getDataOneofCase()).isEqualTo(GenericResult.DataOneofCase.DATA_BLOB_ID);
    assertThat(CborCodec.decode(download(r2.getDataBlobId()))).isEqualTo(large);
  }

  @Test
  void blobArgumentsAreReadFromTheBlobStore() throws Exception {
    String big = "z".repeat(3 * 1024 * 1024);
    byte[] args = CborCodec.encode(List.of(List.of(big), Map.of()));
    String blobId = upload(args, true);
    FunctionInput input =
        FunctionInput.newBuilder()
            .setArgsBlobId(blobId)
            .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
            .build();
    FunctionMapResponse map =
        fx.call(fx.functionId("echo"), FUNCTION_CALL_INVOCATION_TYPE_SYNC, input);
    GenericResult result = fx.poll(map.getFunctionCallId(), 10, true).getOutputs(0).getResult();
    assertThat(result.getStatus()).isEqualTo(GenericStatus.GENERIC_STATUS_SUCCESS);
    assertThat(result.getDataOneofCase()).isEqualTo(GenericResult.DataOneofCase.DATA_BLOB_ID);
    assertThat(CborCodec.decode(download(result.getDataBlobId()))).isEqualTo(big);
  }

  @Test
  void uploadsWithAWrongMd5AreRefusedAndUnknownBlobsAreNotFound() throws Exception {
    BlobCreateResponse created =
        fx.stub.blobCreate(BlobCreateRequest.newBuilder().setContentLength(3).build());
    HttpURLConnection conn = (HttpURLConnection) new URL(created.getUploadUrl()).openConnection();
    conn.setRequestMethod("PUT");
    conn.setDoOutput(true);
    conn.setFixedLengthStreamingMode(3);
    conn.setRequestProperty("Content-MD5", Base64.getEncoder().encodeToString(new byte[16]));
    try (OutputStream out = conn.getOutputStream()) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(conn.getResponseCode()).isEqualTo(400);
    assertThatThrownBy(
            () ->
                fx.stub.blobGet(BlobGetRequest.newBuilder().setBlobId(created.getBlobId()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    FunctionInput input =
        FunctionInput.newBuilder()
            .setArgsBlobId(created.getBlobId())
            .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
            .build();
    assertThatThrownBy(
            () -> fx.call(fx.functionId("echo"), FUNCTION_CALL_INVOCATION_TYPE_SYNC, input))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  static String upload(byte[] content, boolean withMd5) throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(content);
    BlobCreateResponse created =
        fx.stub.blobCreate(
            BlobCreateRequest.newBuilder()
                .setContentLength(content.length)
                .setContentMd5(Base64.getEncoder().encodeToString(md5))
                .build());
    assertThat(created.getBlobIdsList()).containsExactly(created.getBlobId());
    assertThat(created.getUploadUrls().getItemsList()).containsExactly(created.getUploadUrl());
    HttpURLConnection conn = (HttpURLConnection) new URL(created.getUploadUrl()).openConnection();
    conn.setRequestMethod("PUT");
    conn.setDoOutput(true);
    conn.setFixedLengthStreamingMode(content.length);
    conn.setRequestProperty("Content-Type", "application/octet-stream");
    if (withMd5) {
      conn.setRequestProperty("Content-MD5", Base64.getEncoder().encodeToString(md5));
    }
    try (OutputStream out = conn.getOutputStream()) {
      out.write(content);
    }
    assertThat(conn.getResponseCode()).isEqualTo(200);
    assertThat(conn.getHeaderField("ETag"))
        .isEqualTo("\"" + java.util.HexFormat.of().formatHex(md5) + "\"");
    return created.getBlobId();
  }

  static byte[] download(String blobId) throws Exception {
    String url =
        fx.stub.blobGet(BlobGetRequest.newBuilder().setBlobId(blobId).build()).getDownloadUrl();
    HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection();
    try (InputStream in = conn.getInputStream()) {
      assertThat(conn.getResponseCode()).isEqualTo(200);
      return in.readAllBytes();
    }
  }
}
