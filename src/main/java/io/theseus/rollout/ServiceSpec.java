package io.theseus.rollout;

/**
 * The service under rollout.
 *
 * @param name the service (host) whose traffic is split
 * @param url base URL the smoke probe calls through the mesh, e.g. {@code http://shop.demo:8080}
 */
public record ServiceSpec(String name, String url) {}
