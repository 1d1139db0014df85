package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountPutFileRequest;
import dev.modal4j.proto.VolumeGetFileRequest;
import dev.modal4j.proto.VolumeGetFileResponse;
import dev.modal4j.proto.VolumePutFilesRequest;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VolumeFilesV1Test {
  private ModalEmulator emulator;
  private RawVolumes raw;
  private String vol;

  @BeforeEach
  void start() {
    emulator = ModalEmulator.builder().start();
    raw = new RawVolumes(emulator.inProcessChannel());
    vol = raw.volume("files-v1", 1);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static String sha(byte[] b) {
    return RawVolumes.hex(RawVolumes.sha256(b));
  }

  private boolean exists(String sha) {
    return raw.stub
        .mountPutFile(MountPutFileRequest.newBuilder().setSha256Hex(sha).build())
        .getExists();
  }

  private void putFiles(boolean disallowOverwrite, MountFile... files) {
    raw.stub.volumePutFiles(
        VolumePutFilesRequest.newBuilder()
            .setVolumeId(vol)
            .addAllFiles(java.util.List.of(files))
            .setDisallowOverwriteExistingFiles(disallowOverwrite)
            .build());
  }

  private static MountFile file(String name, byte[] content) {
    return MountFile.newBuilder().setFilename(name).setSha256Hex(sha(content)).build();
  }

  @Test
  void inlineContentIsStoredByItsHashThenNamedByVolumePutFiles() throws Exception {
    byte[] content = "v1 inline\n".getBytes(StandardCharsets.UTF_8);
    assertThat(exists(sha(content))).isFalse();
    assertThat(
            raw.stub
                .mountPutFile(
                    MountPutFileRequest.newBuilder()
                        .setSha256Hex(sha(content))
                        .setData(ByteString.copyFrom(content))
                        .build())
                .getExists())
        .isTrue();
    assertThat(exists(sha(content))).isTrue();
    putFiles(
        true,
        file("/docs/a.txt", content).toBuilder().setSize(content.length).setMode(0600).build());

    assertThat(raw.read(vol, "docs/a.txt")).isEqualTo(content);
    VolumeGetFileResponse legacy =
        raw.stub.volumeGetFile(
            VolumeGetFileRequest.newBuilder().setVolumeId(vol).setPath("/docs/a.txt").build());
    assertThat(legacy.getData().toByteArray()).isEqualTo(content);
    assertThat(legacy.getSize()).isEqualTo(content.length);
    assertThat(raw.list1(vol, "docs", false))
        .extracting(FileEntry::getPath)
        .containsExactly("docs/a.txt");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    emulator.volumeFiles().directory(vol).resolve("docs/a.txt"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aLargeFileComesThroughABlobAndTheLegacyReadAnswersItThroughABlobToo() throws Exception {
    byte[] content = new byte[5 * 1024 * 1024 + 3];
    new Random(3).nextBytes(content);
    BlobCreateResponse blob =
        raw.stub.blobCreate(
            BlobCreateRequest.newBuilder()
                .setContentLength(content.length)
                .setContentSha256Base64(
                    Base64.getEncoder().encodeToString(RawVolumes.sha256(content)))
                .build());
    assertThat(
            RawVolumes.put(blob.getUploadUrl(), new ByteArrayInputStream(content), content.length)
                .status())
        .isEqualTo(200);
    assertThat(
            raw.stub
                .mountPutFile(
                    MountPutFileRequest.newBuilder()
                        .setSha256Hex(sha(content))
                        .setDataBlobId(blob.getBlobId())
                        .build())
                .getExists())
        .isTrue();
    putFiles(true, file("big.bin", content));
    assertThat(sha(raw.read(vol, "big.bin"))).isEqualTo(sha(content));

    VolumeGetFileResponse legacy =
        raw.stub.volumeGetFile(
            VolumeGetFileRequest.newBuilder().setVolumeId(vol).setPath("big.bin").build());
    assertThat(legacy.getDataOneofCase())
        .isEqualTo(VolumeGetFileResponse.DataOneofCase.DATA_BLOB_ID);
    String url =
        raw.stub
            .blobGet(BlobGetRequest.newBuilder().setBlobId(legacy.getDataBlobId()).build())
            .getDownloadUrl();
    assertThat(sha(VolumeFilesV2Test.get(url))).isEqualTo(sha(content));
  }

  @Test
  void contentNotMatchingItsHashOrNeverUploadedIsRefusedAndOverwriteToo() {
    byte[] content = "real".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                raw.stub.mountPutFile(
                    MountPutFileRequest.newBuilder()
                        .setSha256Hex(sha("other".getBytes(StandardCharsets.UTF_8)))
                        .setData(ByteString.copyFrom(content))
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> putFiles(true, file("never.txt", content)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));

    raw.stub.mountPutFile(
        MountPutFileRequest.newBuilder()
            .setSha256Hex(sha(content))
            .setData(ByteString.copyFrom(content))
            .build());
    putFiles(true, file("x.txt", content));
    byte[] empty = new byte[0];
    assertThat(exists(sha(empty))).isTrue();
    assertThatThrownBy(() -> putFiles(true, file("x.txt", empty)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    assertThat(raw.read(vol, "x.txt")).isEqualTo(content);
    putFiles(false, file("x.txt", empty));
    assertThat(raw.read(vol, "x.txt")).isEmpty();
  }
}
