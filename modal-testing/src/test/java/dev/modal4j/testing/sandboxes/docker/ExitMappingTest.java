package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import org.junit.jupiter.api.Test;

class ExitMappingTest {

  @Test
  void codesFrom129To192AreSignals() {
    assertThat(ExitMapping.of(0, false)).isEqualTo(ExitStatus.exited(0));
    assertThat(ExitMapping.of(3, false)).isEqualTo(ExitStatus.exited(3));
    assertThat(ExitMapping.of(128, false)).isEqualTo(ExitStatus.exited(128));
    assertThat(ExitMapping.of(129, false)).isEqualTo(ExitStatus.killed(1));
    assertThat(ExitMapping.of(143, false)).isEqualTo(ExitStatus.killed(15));
    assertThat(ExitMapping.of(192, false)).isEqualTo(ExitStatus.killed(64));
    assertThat(ExitMapping.of(193, false)).isEqualTo(ExitStatus.exited(193));
    assertThat(ExitMapping.of(255, false)).isEqualTo(ExitStatus.exited(255));
    assertThat(ExitMapping.of(1, true)).isEqualTo(ExitStatus.killed(9));
  }
}
