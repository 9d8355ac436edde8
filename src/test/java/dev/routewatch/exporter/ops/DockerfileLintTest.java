package dev.routewatch.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** dockerfilelint (npm; .ci/run installs it) finds nothing in the Dockerfile. */
class DockerfileLintTest {

  @Test
  void dockerfilelintFindsNoIssue() throws Exception {
    assumeTrue(Tools.installed("dockerfilelint"), "dockerfilelint is not installed");
    Tools.Result result = Tools.run(Path.of("."), "dockerfilelint", "Dockerfile");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Issues: None found");
  }
}
