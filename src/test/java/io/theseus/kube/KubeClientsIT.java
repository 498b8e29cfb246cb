package io.theseus.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsIT {

  @Test
  void outsideAPodTalksToTheClusterTheKubeconfigNames(@TempDir Path dir) throws Exception {
    try (var server = KubeTestServer.start()) {
      Path kubeconfig = writeKubeconfig(dir, server.url());
      new GenericKubernetesApi<>(
              V1Namespace.class, V1NamespaceList.class, "", "v1", "namespaces", server.client())
          .create(
              new V1Namespace()
                  .apiVersion("v1")
                  .kind("Namespace")
                  .metadata(new V1ObjectMeta().name("shop")));

      var client =
          KubeClients.fromEnvironment(
              Map.of("KUBECONFIG", kubeconfig + ":" + dir.resolve("other")), Duration.ofSeconds(5));
      var namespaces =
          new GenericKubernetesApi<>(
              V1Namespace.class, V1NamespaceList.class, "", "v1", "namespaces", client);

      assertThat(namespaces.get("shop").getObject().getMetadata().getName()).isEqualTo("shop");
      assertThat(client.getReadTimeout()).isEqualTo(5000);
    }
  }

  private static Path writeKubeconfig(Path dir, String serverUrl) throws Exception {
    return Files.writeString(
        dir.resolve("config"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        users: [{name: dev, user: {token: t0ken}}]
        contexts: [{name: mock, context: {cluster: mock, user: dev}}]
        current-context: mock
        """
            .formatted(serverUrl));
  }

  @Test
  void aMissingKubeconfigIsReportedNamingTheVariable(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(
            () ->
                KubeClients.fromEnvironment(
                    Map.of("KUBECONFIG", missing.toString()), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KUBECONFIG: "
                + missing
                + " is not a file (run in a pod with a service account, or set KUBECONFIG to a"
                + " kubeconfig)");
  }
}
