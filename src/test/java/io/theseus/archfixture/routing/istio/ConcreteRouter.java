package io.theseus.archfixture.routing.istio;

/** A stand-in adapter class for the architecture rule fixtures. */
public final class ConcreteRouter {}
