package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile cannot be built here (no container daemon), so this checks what ties it to the
 * rest of the repository: the jar the build stage produces and the user the Deployment expects.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("deploy/Dockerfile");

  @Test
  void buildsWithMavenAndRunsTheShadedJarOnAJre17() throws Exception {
    String dockerfile = Files.readString(DOCKERFILE);
    String finalName =
        group(Files.readString(Path.of("pom.xml")), "<finalName>([^<]+)</finalName>");

    List<String> stages =
        Pattern.compile("(?m)^FROM (\\S+)")
            .matcher(dockerfile)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0)).startsWith("maven:").contains("17");
    assertThat(stages.get(1)).contains("17-jre");
    assertThat(dockerfile).contains("COPY --from=build /src/target/" + finalName + ".jar ");
  }

  @Test
  void runsAsTheNonRootUserTheDeploymentDeclares() throws Exception {
    String user = group(Files.readString(DOCKERFILE), "(?m)^USER (\\d+):\\d+$");
    String runAsUser =
        group(Files.readString(Path.of("deploy/deployment.yaml")), "runAsUser: (\\d+)");

    assertThat(user).isNotEqualTo("0").isEqualTo(runAsUser);
  }

  private static String group(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in the file", regex).isTrue();
    return matcher.group(1);
  }
}
