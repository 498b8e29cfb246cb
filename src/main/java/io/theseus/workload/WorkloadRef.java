package io.theseus.workload;

/**
 * A workload (Deployment, or a playground service instance group) by namespace and name.
 *
 * @param namespace its namespace
 * @param name its name
 */
public record WorkloadRef(String namespace, String name) {

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
