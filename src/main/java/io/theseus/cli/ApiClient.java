package io.theseus.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CLI's side of the HTTP API: one request with connect and request timeouts, the bearer token
 * from a file, and each answer turned into an exit code and a message that says what to do.
 */
final class ApiClient {

  /** The request reached the API and it did what was asked. */
  static final int EXIT_OK = 0;

  /** The rollout's phase does not allow the action (409). */
  static final int EXIT_CONFLICT = 1;

  /** Bad arguments, or the API refused the request as malformed (400). */
  static final int EXIT_USAGE = TheseusCli.EXIT_USAGE;

  /** No valid token (401) or not allowed (403). */
  static final int EXIT_AUTH = 3;

  /** The rollout does not exist (404). */
  static final int EXIT_NOT_FOUND = 4;

  /** The API cannot be reached, timed out, or answered something unexpected. */
  static final int EXIT_UNAVAILABLE = 5;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final URI server;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  /**
   * @param server the API's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param tokenFile the bearer token's file, or null to send none
   * @throws CliException when the URL or token file is unusable (exit 2)
   */
  ApiClient(String server, Path tokenFile) {
    this.server = base(server);
    this.token = tokenFile == null ? null : token(tokenFile);
  }

  private static URI base(String server) {
    try {
      URI uri =
          URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new CliException(EXIT_USAGE, "--server: " + server + " is not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliException(EXIT_USAGE, "--server: " + server + " is not a URL");
    }
  }

  private static String token(Path file) {
    try {
      String token =
          Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (token.isEmpty()) {
        throw new CliException(EXIT_USAGE, "--token-file: " + file + " holds no token");
      }
      return token;
    } catch (IOException e) {
      throw new CliException(EXIT_USAGE, "--token-file: " + file + " cannot be read: " + e);
    }
  }

  /** GETs {@code path} and returns the JSON answer; any status but 200 throws. */
  JsonObject get(String path) {
    return answer(send(request(path).GET(), ""), 200);
  }

  /** POSTs {@code body} to {@code path} and returns the JSON answer; any status but 202 throws. */
  JsonObject post(String path, JsonObject body) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    // An override waits behind the tick in progress (a long hook or query): it may still land.
    String pending =
        "; the daemon may still apply the override when its current tick ends:"
            + " check with `theseus status`";
    return answer(send(request, pending), 202);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String onTimeout) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new CliException(
          EXIT_UNAVAILABLE,
          "no answer from the API at "
              + server
              + " within "
              + REQUEST_TIMEOUT.toSeconds()
              + " s"
              + onTimeout);
    } catch (IOException e) {
      throw new CliException(EXIT_UNAVAILABLE, "cannot reach the API at " + server + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(EXIT_UNAVAILABLE, "interrupted while waiting for " + server);
    }
  }

  private JsonObject answer(HttpResponse<String> response, int expected) {
    JsonObject body = json(response);
    if (response.statusCode() == expected) {
      return body;
    }
    String said = body.getString("error", "HTTP " + response.statusCode());
    throw switch (response.statusCode()) {
      case 400 -> new CliException(EXIT_USAGE, "the API refused the request: " + said);
      case 401 ->
          new CliException(
              EXIT_AUTH, said + " (pass --token-file with the token the server printed or uses)");
      case 403 -> new CliException(EXIT_AUTH, "not allowed: " + said);
      case 404 -> new CliException(EXIT_NOT_FOUND, said);
      case 409 -> new CliException(EXIT_CONFLICT, said);
      default -> new CliException(EXIT_UNAVAILABLE, "the API at " + server + " failed: " + said);
    };
  }

  private JsonObject json(HttpResponse<String> response) {
    try {
      return new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw new CliException(
          EXIT_UNAVAILABLE,
          server + " answered HTTP " + response.statusCode() + " without JSON: is it Theseus?");
    }
  }
}
