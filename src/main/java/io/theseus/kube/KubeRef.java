package io.theseus.kube;

/**
 * A Kubernetes object as named in messages: {@code Deployment shop/checkout}.
 *
 * @param kind the object's kind ({@code Deployment}, {@code VirtualService}, {@code Lease})
 * @param namespace its namespace
 * @param name its name; may be a description such as {@code <host checkout>} before the object is
 *     known
 */
public record KubeRef(String kind, String namespace, String name) {

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
