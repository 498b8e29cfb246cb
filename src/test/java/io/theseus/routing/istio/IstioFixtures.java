package io.theseus.routing.istio;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixtures under src/test/resources/istio/. */
final class IstioFixtures {

  private IstioFixtures() {}

  static String text(String name) {
    try (InputStream in = IstioFixtures.class.getResourceAsStream("/istio/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture istio/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }
}
