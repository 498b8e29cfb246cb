package io.theseus.kube;

import io.kubernetes.client.informer.cache.ReflectorRunnable;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the client-java client the adapters share: the in-cluster service account when running in
 * a pod, otherwise the kubeconfig that {@code KUBECONFIG} (first entry) or {@code ~/.kube/config}
 * names.
 *
 * <p>The read timeout bounds each request on the wire; {@link KubeCalls} adds its own timeout on
 * top. Watches (the {@link CanaryRolloutInformer}) need a second client whose read timeout outlasts
 * a quiet watch: {@link #WATCH_READ_TIMEOUT}.
 */
public final class KubeClients {

  /**
   * Read timeout of the informer's client: client-java's reflector asks the server to end each
   * watch after at most {@code REFLECTOR_WATCH_CLIENTSIDE_MAX_TIMEOUT} (10 min), so a watch that
   * stays silent for a minute longer is a dead connection, dropped and re-listed.
   */
  public static final Duration WATCH_READ_TIMEOUT =
      ReflectorRunnable.REFLECTOR_WATCH_CLIENTSIDE_MAX_TIMEOUT.plusMinutes(1);

  private KubeClients() {}

  /**
   * @param env the process environment ({@code System.getenv()})
   * @param readTimeout per-request read timeout
   * @throws IllegalArgumentException naming {@code KUBECONFIG} when no configuration is found or it
   *     cannot be read
   */
  public static ApiClient fromEnvironment(Map<String, String> env, Duration readTimeout) {
    ApiClient client;
    try {
      client =
          env.containsKey("KUBERNETES_SERVICE_HOST")
              ? ClientBuilder.cluster().build()
              : fromKubeconfig(kubeconfigPath(env));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Kubernetes client: cannot load the cluster configuration: " + e.getMessage(), e);
    }
    client.setReadTimeout((int) readTimeout.toMillis());
    return client;
  }

  private static Path kubeconfigPath(Map<String, String> env) {
    String list = env.getOrDefault("KUBECONFIG", "");
    Path path =
        list.isBlank()
            ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config")
            : Path.of(list.split(java.io.File.pathSeparator)[0]);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "KUBECONFIG: "
              + path
              + " is not a file (run in a pod with a service account, or set KUBECONFIG to a"
              + " kubeconfig)");
    }
    return path;
  }

  private static ApiClient fromKubeconfig(Path path) throws IOException {
    try (Reader reader = Files.newBufferedReader(path)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(path.toFile()); // resolves certificate paths relative to the file
      return ClientBuilder.kubeconfig(config).build();
    }
  }
}
