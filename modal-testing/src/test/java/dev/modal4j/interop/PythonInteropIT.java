package dev.modal4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modal4j.ModalClient;
import dev.modal4j.PyTuple;
import dev.modal4j.dicts.Dict;
import dev.modal4j.dicts.DictFromNameParams;
import dev.modal4j.queues.Queue;
import dev.modal4j.queues.QueueFromNameParams;
import dev.modal4j.queues.QueueGetParams;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modal's Python SDK ({@code modal==1.6.4} from PyPI, in a venv this test creates under target/)
 * and modal4j share a Queue and a Dict through the standalone emulator: what one puts, the other
 * reads with the same meaning. Run with {@code ./mvnw verify -Pinterop}; needs python3 with venv.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PythonInteropIT {
  private static final String MODAL_PY = "modal==1.6.4";

  private static NodeRunner python;
  private static Path venvPython;
  private static StandaloneEmulatorProcess emulator;
  @TempDir static Path home;

  @BeforeAll
  static void createVenvAndStartEmulator() throws Exception {
    Path dir =
        Path.of(System.getProperty("modal4j.interopPythonDir", "src/test/python")).toAbsolutePath();
    python = new NodeRunner(dir);
    Path venv = Path.of("target", "python-venv-modal-1.6.4").toAbsolutePath();
    venvPython = venv.resolve("bin").resolve("python");
    if (!Files.isExecutable(venvPython)) {
      require(
          python.run(
              List.of("python3", "-m", "venv", venv.toString()), Map.of(), Duration.ofMinutes(2)));
      require(
          python.run(
              List.of(venvPython.toString(), "-m", "pip", "install", "-q", MODAL_PY),
              Map.of(),
              Duration.ofMinutes(8)));
    }
    String jar = System.getProperty("modal4j.emulatorJar");
    assertThat(jar).as("system property modal4j.emulatorJar (run with -Pinterop)").isNotBlank();
    emulator = StandaloneEmulatorProcess.start(Path.of(jar), Duration.ofSeconds(30));
  }

  private static void require(NodeRunner.Result r) {
    if (r.exitCode() != 0) {
      fail("setting up the Python venv failed (exit " + r.exitCode() + "):\n" + r.output());
    }
  }

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void queueAndDictSharedWithPython() throws Exception {
    try (ModalClient modal =
        ModalClient.builder()
            .serverUrl(emulator.serverUrl())
            .tokenId("ak-java-interop")
            .tokenSecret("as-java-interop")
            .environmentVariables(Map.of())
            .homeDirectory(home)
            .build()) {
      Queue toPy =
          modal
              .queues()
              .fromName(
                  "interop-java-to-py",
                  QueueFromNameParams.builder().createIfMissing(true).build());
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("b", null);
      Map<String, Object> dict = new LinkedHashMap<>();
      dict.put("a", List.of(1, inner));
      dict.put("\u00fc", true);
      dict.put("n", false);
      java.util.ArrayList<Object> values = new java.util.ArrayList<>();
      values.add(40000);
      values.add(1L << 40);
      values.add(BigInteger.TWO.pow(70));
      values.add(BigInteger.TWO.pow(70).negate());
      values.add(1.5);
      values.add(-0.25);
      values.add(1e300);
      values.add("h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \uD83D\uDE00");
      values.add(new byte[] {0, 1, (byte) 255});
      values.add(List.of(1, List.of(2, List.of(3, "four"))));
      values.add(dict);
      values.add(PyTuple.of(1, "x", PyTuple.of(2.5, null)));
      values.add(new LinkedHashSet<>(List.of(1, 2, 3)));
      values.add(null);
      toPy.putMany(values);

      Dict dictToPy =
          modal
              .dicts()
              .fromName(
                  "interop-java-to-py-dict",
                  DictFromNameParams.builder().createIfMissing(true).build());
      dictToPy.put("s", "str key");
      dictToPy.put(7, List.of(7, 1L << 40));
      dictToPy.put(PyTuple.of(1, "x"), Map.of("tuple", "key"));
      dictToPy.put(BigInteger.TWO.pow(70), BigInteger.TWO.pow(70));

      NodeRunner.Result run = runScript(Duration.ofMinutes(2), "shared_values.py");
      List<String> lines = run.output().lines().toList();
      for (String check :
          List.of(
              "reads the values Java put in a queue, with the same meaning",
              "reads a dict Java wrote, finding Java's keys by Python's keys",
              "puts values and dict entries for Java to read",
              "Python's own queue and dict calls against the emulator")) {
        assertThat(lines)
            .as("output of shared_values.py:\n%s", run.output())
            .anyMatch(l -> l.startsWith("PASS " + check));
      }
      assertThat(run.exitCode()).as(run.output()).isZero();

      List<Object> fromPy =
          modal
              .queues()
              .fromName("interop-py-to-java")
              .getMany(
                  11,
                  Object.class,
                  QueueGetParams.builder().timeout(Duration.ofSeconds(10)).build());
      assertThat(fromPy.subList(0, 6))
          .containsExactly(
              40000L, 1L << 40, BigInteger.TWO.pow(70), -3L, 1.25, "gr\u00fc\u00dfe \u4e16\u754c");
      assertThat((byte[]) fromPy.get(6)).containsExactly(9, 8);
      assertThat(fromPy.get(7)).isEqualTo(List.of(1L, List.of(2L)));
      assertThat(fromPy.get(8)).isEqualTo(Map.of("k", PyTuple.of(1L, 2L)));
      assertThat(((Map<?, ?>) fromPy.get(8)).get("k")).isInstanceOf(PyTuple.class);
      assertThat(fromPy.get(9)).isEqualTo(PyTuple.of(null, true)).isInstanceOf(PyTuple.class);
      assertThat(fromPy.get(10)).isEqualTo(Set.of(5L));

      Dict fromPyDict = modal.dicts().fromName("interop-py-to-java-dict");
      assertThat(fromPyDict.get("s", String.class)).contains("from python");
      assertThat(fromPyDict.get(7, BigInteger.class)).contains(BigInteger.TWO.pow(70));
      List<?> tupleKeyed = fromPyDict.get(PyTuple.of(1, "x"), List.class).orElseThrow();
      assertThat((byte[]) tupleKeyed.get(0)).containsExactly(0);
      assertThat(tupleKeyed.get(1)).isEqualTo(1.5);
      assertThat(fromPyDict.len()).isEqualTo(3);
    }
  }

  /**
   * Modal's Python SDK on a v1 and a v2 named volume: batch_upload, listdir, read_file,
   * remove_file, copy_files and from_name(version=2), each a PASS line of volume_files.py; then the
   * emulator's own answer (raw VolumeGetFile2 + HTTP) for what Python uploaded has Python's bytes.
   */
  @Test
  void volumeFilesWithPython(@TempDir Path scratch) throws Exception {
    NodeRunner.Result run = runScript(Duration.ofMinutes(4), "volume_files.py", scratch.toString());
    List<String> lines = run.output().lines().toList();
    for (String version : List.of("v1", "v2")) {
      for (String check :
          List.of(
              "batch_upload of a small file",
              "listdir flat, recursive",
              "read_file and read_file_into_fileobj give the uploaded bytes",
              "read_file of a missing file raises FileNotFoundError",
              "batch_upload refuses to overwrite unless forced",
              "copy_files",
              "remove_file of a file, of a directory, of a missing path",
              "info and reload")) {
        assertThat(lines)
            .as("output of volume_files.py:%n%s", run.output())
            .anyMatch(l -> l.startsWith("PASS " + version + " " + check));
      }
    }
    assertThat(lines).anyMatch(l -> l.startsWith("PASS Volume.from_name(create_if_missing=True"));
    assertThat(lines).anyMatch(l -> l.startsWith("PASS Volume.from_id, commit and rename"));
    assertThat(run.exitCode()).as(run.output()).isZero();

    // what Python uploaded, read back through the emulator's API by a client that is not Python
    for (String name : List.of("interop-py-files-v1", "interop-py-files-v2")) {
      String expected =
          lines.stream()
              .filter(l -> l.startsWith("SHA " + name + " data/big.bin "))
              .map(l -> l.substring(l.lastIndexOf(' ') + 1))
              .findFirst()
              .orElseThrow();
      assertThat(RawVolumeRead.sha256Hex(emulator.serverUrl(), name, "data/big.bin"))
          .as("sha256 of %s/data/big.bin read through the API", name)
          .isEqualTo(expected);
    }
  }

  /**
   * modal4j uploads files (bytes, a file of two 8 MiB blocks with zero runs and trailing zeros, a
   * directory) to a v1 and a v2 volume and Python reads them with listdir and read_file; Python
   * uploads with batch_upload and modal4j reads them back (stream and into a path), compared by
   * SHA-256 (volume_cross.py).
   */
  @Test
  void volumeFilesCrossReadWithPython(@TempDir Path scratch) throws Exception {
    try (ModalClient modal =
        ModalClient.builder()
            .serverUrl(emulator.serverUrl())
            .tokenId("ak-java-interop")
            .tokenSecret("as-java-interop")
            .environmentVariables(Map.of())
            .homeDirectory(home)
            .build()) {
      VolumeCross.uploadFromJava(modal, scratch);
      NodeRunner.Result run =
          runScript(Duration.ofMinutes(4), "volume_cross.py", scratch.toString());
      List<String> lines = run.output().lines().toList();
      for (String volume : VolumeCross.VOLUMES) {
        for (String check :
            List.of("Python reads what modal4j uploaded", "Python uploads for modal4j")) {
          assertThat(lines)
              .as("output of volume_cross.py:%n%s", run.output())
              .anyMatch(l -> l.startsWith("PASS " + volume + " " + check));
        }
      }
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(VolumeCross.readFromPython(modal, lines, scratch)).isEqualTo(8);
    }
  }

  /**
   * Modal's Python SDK runs sandboxes through the emulator: entrypoint output, exec output, exit
   * code and stdin (sandbox_exec.py). Python dials the command router in TLS, Go and JS in
   * plaintext, on the same port.
   */
  @Test
  void sandboxWithPython() throws Exception {
    NodeRunner.Result run = runScript(Duration.ofMinutes(2), "sandbox_exec.py");
    List<String> lines = run.output().lines().toList();
    for (String check :
        List.of(
            "entrypoint stdout and stderr",
            "entrypoint exit code",
            "exec output and exit code",
            "exec stdin")) {
      assertThat(lines).as(run.output()).contains("PASS " + check);
    }
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  /**
   * Modal's Python SDK puts local files into a sandbox through the emulator's mounts
   * (sandbox_local_files.py): {@code add_local_file(copy=True)}, {@code add_local_dir(copy=True)}
   * and {@code dockerfile_commands} with a {@code COPY} (then a {@code RUN} of a copied script)
   * build layers from context mounts, the default {@code copy=False} file and directory (and a file
   * past the 4 MiB inline limit, put through a blob) are attached at start by the sandbox's mount
   * ids, and an exec reads them all.
   */
  @Test
  void localFilesInASandboxWithPython(@TempDir Path scratch) throws Exception {
    NodeRunner.Result run =
        runScript(Duration.ofMinutes(4), "sandbox_local_files.py", scratch.toString());
    List<String> lines = run.output().lines().toList();
    for (String check :
        List.of(
            "a copied file and an attached file are both there",
            "an attached directory keeps its tree and modes",
            "a copied directory keeps its modes; dockerfile_commands COPY from a context directory",
            "an attached file uploaded through a blob")) {
      assertThat(lines).as(run.output()).contains("PASS " + check);
    }
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  /**
   * Modal's Python SDK's multipart blob uploads: against a second standalone emulator that asks for
   * parts above 1 MiB, Python uploads a file and a BytesIO to a v1 volume (each through
   * BlobCreate's multipart answer, its part PUTs and its CompleteMultipartUpload body) and reads
   * them back (volume_multipart.py), and Java reads the same bytes through the SDK.
   */
  @Test
  void multipartBlobUploadsFromPython(@TempDir Path scratch) throws Exception {
    try (StandaloneEmulatorProcess small =
        StandaloneEmulatorProcess.start(
            Path.of(System.getProperty("modal4j.emulatorJar")),
            Duration.ofSeconds(30),
            "--blob-multipart-threshold",
            "1048576",
            "--blob-multipart-part-length",
            "1048583")) {
      NodeRunner.Result run =
          runScriptAt(
              small.serverUrl(), Duration.ofMinutes(3), "volume_multipart.py", scratch.toString());
      List<String> lines = run.output().lines().toList();
      assertThat(lines)
          .as(run.output())
          .anyMatch(
              l -> l.startsWith("PASS batch_upload of a file and a BytesIO through multipart"))
          .anyMatch(l -> l.startsWith("PASS read_file gives the bytes uploaded in parts"));
      assertThat(run.exitCode()).as(run.output()).isZero();
      try (ModalClient modal =
          ModalClient.builder()
              .serverUrl(small.serverUrl())
              .tokenId("ak-java-interop")
              .tokenSecret("as-java-interop")
              .environmentVariables(Map.of())
              .homeDirectory(home)
              .build()) {
        dev.modal4j.volumes.Volume vol = modal.volumes().fromName("interop-py-multipart-v1");
        for (String line : lines) {
          if (!line.startsWith("SHA interop-py-multipart-v1 ")) {
            continue;
          }
          String[] f = line.split(" ");
          java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
          try (java.io.InputStream in = vol.readFile("/" + f[2])) {
            md.update(in.readAllBytes());
          }
          assertThat(java.util.HexFormat.of().formatHex(md.digest()))
              .as("Java reads %s as Python uploaded it", f[2])
              .isEqualTo(f[3]);
        }
        assertThat(lines).filteredOn(l -> l.startsWith("SHA ")).hasSize(2);
      }
    }
  }

  /**
   * Runs one of our Python scripts with Modal's SDK in the venv against the emulator; prints it.
   */
  private static NodeRunner.Result runScript(Duration timeout, String... scriptAndArgs)
      throws Exception {
    return runScriptAt(emulator.serverUrl(), timeout, scriptAndArgs);
  }

  /** Runs one of our Python scripts against the emulator at {@code serverUrl}; prints it. */
  private static NodeRunner.Result runScriptAt(
      String serverUrl, Duration timeout, String... scriptAndArgs) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(venvPython.toString());
    command.addAll(List.of(scriptAndArgs));
    NodeRunner.Result run =
        python.run(
            command,
            Map.of(
                "MODAL_SERVER_URL",
                serverUrl,
                "MODAL_TOKEN_ID",
                "ak-py-interop",
                "MODAL_TOKEN_SECRET",
                "as-py-interop",
                "MODAL_CONFIG_PATH",
                home.resolve("absent.modal.toml").toString()),
            timeout);
    System.out.printf("--- %s (exit %d) ---%n%s%n", scriptAndArgs[0], run.exitCode(), run.output());
    return run;
  }
}
