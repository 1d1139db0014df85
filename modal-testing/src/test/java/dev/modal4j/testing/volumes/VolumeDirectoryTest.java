package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.VolumeDeleteRequest;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The files API and the host directory sandboxes mount are one tree. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VolumeDirectoryTest {

  @Test
  void anUploadedFileIsInTheDirectoryAndAFileWrittenThereIsListedAndRead() throws Exception {
    try (ModalEmulator emulator = ModalEmulator.builder().start()) {
      RawVolumes raw = new RawVolumes(emulator.inProcessChannel());
      String vol = raw.volume("shared", 2);
      byte[] content = "through the API\n".getBytes(StandardCharsets.UTF_8);
      raw.putFiles2(vol, List.of(RawVolumes.Upload.of("in/api.txt", content)), true, null);
      Path dir = emulator.volumeFiles().directory(vol);
      assertThat(Files.readAllBytes(dir.resolve("in/api.txt"))).isEqualTo(content);

      VolumeEditsTest.write(dir.resolve("out/sandbox.txt"), "written by a sandbox\n");
      assertThat(raw.list2(vol, "out", false))
          .extracting(FileEntry::getPath, FileEntry::getSize)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("out/sandbox.txt", 21L));
      assertThat(new String(raw.read(vol, "out/sandbox.txt"), StandardCharsets.UTF_8))
          .isEqualTo("written by a sandbox\n");

      raw.stub.volumeDelete(VolumeDeleteRequest.newBuilder().setVolumeId(vol).build());
      assertThat(Files.exists(dir)).isFalse();
      assertThatThrownBy(() -> raw.list2(vol, "", true))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  @Test
  void aSymbolicLinkOutOfTheVolumeIsNotFollowed(@TempDir Path outside) throws Exception {
    try (ModalEmulator emulator = ModalEmulator.builder().start()) {
      RawVolumes raw = new RawVolumes(emulator.inProcessChannel());
      String vol = raw.volume("links", 2);
      Files.writeString(outside.resolve("secret.txt"), "host file");
      Path dir = emulator.volumeFiles().directory(vol);
      Files.createSymbolicLink(dir.resolve("escape"), outside);
      Files.createSymbolicLink(dir.resolve("file-link"), outside.resolve("secret.txt"));
      assertThat(raw.list2(vol, "", false))
          .extracting(FileEntry::getPath, FileEntry::getType)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("escape", FileEntry.FileType.SYMLINK),
              org.assertj.core.groups.Tuple.tuple("file-link", FileEntry.FileType.SYMLINK));
      for (String path : List.of("escape/secret.txt", "file-link")) {
        assertThatThrownBy(() -> raw.read(vol, path))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      }
      assertThatThrownBy(
              () ->
                  raw.putFiles2(
                      vol,
                      List.of(RawVolumes.Upload.of("escape/new.txt", new byte[] {1})),
                      true,
                      null))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
    }
  }
}
