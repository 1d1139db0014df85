package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.VolumeCommitRequest;
import dev.modal4j.proto.VolumeCopyFiles2Request;
import dev.modal4j.proto.VolumeCopyFilesRequest;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetByIdRequest;
import dev.modal4j.proto.VolumeGetByIdResponse;
import dev.modal4j.proto.VolumeGetOrCreateRequest;
import dev.modal4j.proto.VolumeRemoveFile2Request;
import dev.modal4j.proto.VolumeRemoveFileRequest;
import dev.modal4j.proto.VolumeRenameRequest;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VolumeEditsTest {
  private ModalEmulator emulator;
  private RawVolumes raw;

  @BeforeEach
  void start() {
    emulator = ModalEmulator.builder().start();
    raw = new RawVolumes(emulator.inProcessChannel());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static void refused(ThrowingCallable call, Status.Code code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }

  private String v2WithTree() {
    String vol = raw.volume("edits-v2", 2);
    raw.putFiles2(
        vol,
        List.of(
            RawVolumes.Upload.of("t/a.txt", "a".getBytes(StandardCharsets.UTF_8)),
            RawVolumes.Upload.of("t/s/b.txt", "b".getBytes(StandardCharsets.UTF_8)),
            RawVolumes.Upload.of("top.txt", "top".getBytes(StandardCharsets.UTF_8))),
        true,
        null);
    return vol;
  }

  private void copy2(String vol, List<String> src, String dst, boolean recursive) {
    raw.stub.volumeCopyFiles2(
        VolumeCopyFiles2Request.newBuilder()
            .setVolumeId(vol)
            .addAllSrcPaths(src)
            .setDstPath(dst)
            .setRecursive(recursive)
            .build());
  }

  private void remove2(String vol, String path, boolean recursive) {
    raw.stub.volumeRemoveFile2(
        VolumeRemoveFile2Request.newBuilder()
            .setVolumeId(vol)
            .setPath(path)
            .setRecursive(recursive)
            .build());
  }

  @Test
  void copyFollowsCpOntoAFileIntoADirectoryAndTreesOnlyRecursively() {
    String vol = v2WithTree();
    copy2(vol, List.of("top.txt"), "renamed.txt", false);
    assertThat(raw.read(vol, "renamed.txt")).isEqualTo("top".getBytes(StandardCharsets.UTF_8));
    copy2(vol, List.of("top.txt"), "t", false);
    assertThat(raw.read(vol, "t/top.txt")).isEqualTo("top".getBytes(StandardCharsets.UTF_8));
    copy2(vol, List.of("top.txt", "renamed.txt"), "many", false);
    assertThat(raw.list2(vol, "many", false))
        .extracting(FileEntry::getPath)
        .containsExactly("many/renamed.txt", "many/top.txt");
    refused(() -> copy2(vol, List.of("t"), "t2", false), Status.Code.INVALID_ARGUMENT);
    copy2(vol, List.of("t"), "t2", true);
    assertThat(raw.list2(vol, "t2", true))
        .extracting(FileEntry::getPath)
        .containsExactly("t2/a.txt", "t2/s", "t2/s/b.txt", "t2/top.txt");
    copy2(vol, List.of("t"), "t2", true);
    assertThat(raw.read(vol, "t2/t/s/b.txt")).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
    refused(() -> copy2(vol, List.of("t"), "t/inside", true), Status.Code.INVALID_ARGUMENT);
    refused(() -> copy2(vol, List.of("nope"), "x", false), Status.Code.NOT_FOUND);
    assertThat(raw.read(vol, "top.txt")).isEqualTo("top".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void removeTakesFilesAndDirectoriesOnlyWithRecursive() {
    String vol = v2WithTree();
    remove2(vol, "top.txt", false);
    refused(() -> raw.read(vol, "top.txt"), Status.Code.NOT_FOUND);
    refused(() -> remove2(vol, "t", false), Status.Code.INVALID_ARGUMENT);
    assertThat(raw.list2(vol, "t", true)).hasSize(3);
    remove2(vol, "/t/", true);
    assertThat(raw.list2(vol, "", true)).isEmpty();
    refused(() -> remove2(vol, "t", true), Status.Code.NOT_FOUND);
  }

  @Test
  void v1RefusesRecursiveCopiesAndServesItsOwnFamily() {
    String vol = raw.volume("edits-v1", 1);
    Path dir = emulator.volumeFiles().directory(vol);
    write(dir.resolve("d/f.txt"), "f");
    raw.stub.volumeCopyFiles(
        VolumeCopyFilesRequest.newBuilder()
            .setVolumeId(vol)
            .addSrcPaths("d/f.txt")
            .setDstPath("g.txt")
            .build());
    assertThat(raw.read(vol, "g.txt")).isEqualTo("f".getBytes(StandardCharsets.UTF_8));
    refused(
        () ->
            raw.stub.volumeCopyFiles(
                VolumeCopyFilesRequest.newBuilder()
                    .setVolumeId(vol)
                    .addSrcPaths("d")
                    .setDstPath("e")
                    .setRecursive(true)
                    .build()),
        Status.Code.INVALID_ARGUMENT);
    raw.stub.volumeRemoveFile(
        VolumeRemoveFileRequest.newBuilder()
            .setVolumeId(vol)
            .setPath("d")
            .setRecursive(true)
            .build());
    assertThat(Files.exists(dir.resolve("d"))).isFalse();
    refused(() -> remove2(vol, "g.txt", false), Status.Code.FAILED_PRECONDITION);
    assertThat(
            raw.stub
                .volumeCommit(VolumeCommitRequest.newBuilder().setVolumeId(vol).build())
                .getSkipReload())
        .isFalse();
    assertThat(
            raw.stub
                .volumeCommit(
                    VolumeCommitRequest.newBuilder().setVolumeId(raw.volume("c2", 2)).build())
                .getSkipReload())
        .isTrue();
    refused(
        () -> raw.stub.volumeCommit(VolumeCommitRequest.newBuilder().setVolumeId("vo-x").build()),
        Status.Code.NOT_FOUND);
  }

  @Test
  void getByIdAnswersTheMetadataAndRenameMovesTheName() {
    String vol = raw.volume("before", 2);
    String other = raw.volume("taken", 1);
    VolumeGetByIdResponse got =
        raw.stub.volumeGetById(VolumeGetByIdRequest.newBuilder().setVolumeId(vol).build());
    assertThat(got.getVolumeId()).isEqualTo(vol);
    assertThat(got.getMetadata().getName()).isEqualTo("before");
    assertThat(got.getMetadata().getVersion()).isEqualTo(VolumeFsVersion.VOLUME_FS_VERSION_V2);

    raw.stub.volumeRename(
        VolumeRenameRequest.newBuilder().setVolumeId(vol).setName("after").build());
    assertThat(
            raw.stub
                .volumeGetById(VolumeGetByIdRequest.newBuilder().setVolumeId(vol).build())
                .getMetadata()
                .getName())
        .isEqualTo("after");
    refused(
        () ->
            raw.stub.volumeGetOrCreate(
                VolumeGetOrCreateRequest.newBuilder().setDeploymentName("before").build()),
        Status.Code.NOT_FOUND);
    assertThat(
            raw.stub
                .volumeGetOrCreate(
                    VolumeGetOrCreateRequest.newBuilder().setDeploymentName("after").build())
                .getVolumeId())
        .isEqualTo(vol);
    refused(
        () ->
            raw.stub.volumeRename(
                VolumeRenameRequest.newBuilder().setVolumeId(other).setName("after").build()),
        Status.Code.ALREADY_EXISTS);
    refused(
        () ->
            raw.stub.volumeGetById(VolumeGetByIdRequest.newBuilder().setVolumeId("vo-no").build()),
        Status.Code.NOT_FOUND);
  }

  static void write(Path p, String content) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
