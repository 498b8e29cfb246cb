package io.theseus.playground;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * An answer of Prometheus's instant query API.
 *
 * @param status HTTP status code
 * @param body the JSON body as sent
 */
public record QueryAnswer(int status, String body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when the query succeeded with at least one series. */
  public boolean hasData() {
    try {
      return status == 200 && JSON.readTree(body).path("data").path("result").size() > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
