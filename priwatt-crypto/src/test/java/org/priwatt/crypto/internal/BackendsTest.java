package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;

/** Issue 11.10: the backend property accepts its documented values and refuses anything else. */
class BackendsTest {
  @TempDir Path dir;

  @Test
  void acceptedValuesSelectTheirBackend() {
    for (String v : new String[] {null, "", "  ", "native", " Native "}) {
      assertThat(Backends.requested(v)).as(String.valueOf(v))
          .isEqualTo(Secp256k1Implementation.NATIVE);
    }
    for (String v : new String[] {"bouncycastle", "BouncyCastle", "java", "pure-java"}) {
      assertThat(Backends.requested(v)).as(v).isEqualTo(Secp256k1Implementation.BOUNCY_CASTLE);
    }
  }

  @Test
  void anUnknownValueIsAnErrorNamingTheAcceptedOnes() {
    for (String v : new String[] {"bc", "bouncy", "nativ", "pure_java", "0"}) {
      assertThatThrownBy(() -> Backends.requested(v)).as(v)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("-Dpriwatt.secp256k1=" + v)
          .hasMessageContaining("native, bouncycastle, java, pure-java");
    }
  }

  /** The start-up path: a fresh JVM with the misspelt property fails on first use, loudly. */
  @Test
  void aFreshJvmWithAnUnknownValueFailsOnFirstUse() throws Exception {
    Result bad = runProbe("bc");
    assertThat(bad.exitCode).as(bad.output).isNotZero();
    assertThat(bad.output).contains("IllegalStateException")
        .contains("-Dpriwatt.secp256k1=bc names no secp256k1 backend")
        .contains("accepted values: native, bouncycastle, java, pure-java")
        .doesNotContain("probe selected");
    // The same probe with an accepted value runs: the failure above is the property's.
    Result good = runProbe("bouncycastle");
    assertThat(good.exitCode).as(good.output).isZero();
    assertThat(good.output).contains("probe selected BOUNCY_CASTLE");
  }

  /** Entry point of the child JVM: uses the curve once and reports the backend. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("probe selected " + Secp256k1.active());
    }
  }

  private record Result(int exitCode, String output) {}

  private Result runProbe(String value) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path out = dir.resolve("probe-" + value + ".txt");
    Process p = new ProcessBuilder(List.of(java, "-Dpriwatt.secp256k1=" + value,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe JVM did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
