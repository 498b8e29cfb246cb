package io.theseus.archfixture.controller;

import io.kubernetes.client.openapi.ApiClient;
import io.theseus.archfixture.routing.istio.ConcreteRouter;

/** Names an adapter class and the Kubernetes client on purpose: the rules must reject it. */
public final class AdapterNamingController {
  ConcreteRouter router;
  ApiClient client;
}
