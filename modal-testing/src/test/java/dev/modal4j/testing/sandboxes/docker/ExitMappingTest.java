package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import org.junit.jupiter.api.Test;

class ExitMappingTest {

  @Test
  void codesAbove128AreSignalsOnlyWhenSentOrSigkill() {
    assertThat(ExitMapping.of(0, 0, false)).isEqualTo(ExitStatus.exited(0));
    assertThat(ExitMapping.of(3, 15, false)).isEqualTo(ExitStatus.exited(3));
    assertThat(ExitMapping.of(143, 15, false)).isEqualTo(ExitStatus.killed(15));
    assertThat(ExitMapping.of(130, 0, false)).isEqualTo(ExitStatus.exited(130));
    assertThat(ExitMapping.of(137, 0, false)).isEqualTo(ExitStatus.killed(9));
    assertThat(ExitMapping.of(1, 0, true)).isEqualTo(ExitStatus.killed(9));
    assertThat(ExitMapping.of(255, 127, false)).isEqualTo(ExitStatus.exited(255));
  }
}
