package io.theseus.kube;

import io.theseus.testing.Blocking;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A loopback shim in front of the mock API server, so client-java can watch it: the mock serves
 * {@code ?watch=true} only as a WebSocket upgrade, while client-java watches over chunked HTTP. A
 * watch GET becomes a WebSocket to the mock whose every text frame is written as one line of a
 * chunked response (the API server's watch format); every other request is forwarded as is.
 */
final class WatchBridge implements AutoCloseable {

  /** Per-hop headers Vert.x sets itself on each side. */
  private static final Set<String> HOP =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade");

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = vertx.createHttpClient();
  private final WebSocketClient websockets = vertx.createWebSocketClient();
  private final String host;
  private final int port;
  private final HttpServer server;

  /** Starts the bridge on a random loopback port, forwarding to the mock at {@code host:port}. */
  WatchBridge(String host, int port) {
    this.host = host;
    this.port = port;
    this.server =
        Blocking.await(
            vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
  }

  /** The bridge's base URL, without a trailing slash. */
  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void handle(HttpServerRequest in) {
    if (in.method() == HttpMethod.GET && "true".equals(in.getParam("watch"))) {
      watch(in);
    } else {
      forward(in);
    }
  }

  private void forward(HttpServerRequest in) {
    var options =
        new RequestOptions().setMethod(in.method()).setHost(host).setPort(port).setURI(in.uri());
    copy(in.headers(), options::addHeader);
    in.body()
        .compose(body -> http.request(options).compose(out -> out.send(body)))
        .compose(
            answer ->
                answer
                    .body()
                    .compose(
                        body -> {
                          var out = in.response().setStatusCode(answer.statusCode());
                          copy(answer.headers(), out.headers()::add);
                          return out.end(body);
                        }))
        .onFailure(e -> in.response().setStatusCode(502).end(String.valueOf(e)));
  }

  private void watch(HttpServerRequest in) {
    var options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI(in.uri());
    copy(in.headers(), options::addHeader);
    websockets
        .connect(options)
        .onSuccess(
            ws -> {
              var out =
                  in.response().setChunked(true).putHeader("Content-Type", "application/json");
              out.writeHead();
              ws.textMessageHandler(frame -> out.write(frame + "\n"));
              ws.closeHandler(v -> out.end());
              out.closeHandler(v -> ws.close());
            })
        .onFailure(e -> in.response().setStatusCode(502).end(String.valueOf(e)));
  }

  private static void copy(MultiMap from, BiConsumer<String, String> to) {
    from.forEach(
        h -> {
          if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
            to.accept(h.getKey(), h.getValue());
          }
        });
  }

  @Override
  public void close() {
    Blocking.await(vertx.close());
  }
}
