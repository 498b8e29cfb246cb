package io.theseus.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.StreamSupport;

/** Loads the independently computed known answers in src/test/resources/judge/testvectors. */
final class TestVectors {

  private TestVectors() {}

  static JsonNode json(String name) {
    try (InputStream in = stream(name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream stream(String name) {
    InputStream in = TestVectors.class.getResourceAsStream("/judge/testvectors/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test vector " + name);
    }
    return in;
  }

  static long[] longs(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).mapToLong(JsonNode::asLong).toArray();
  }
}
