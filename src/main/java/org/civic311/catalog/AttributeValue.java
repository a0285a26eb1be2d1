package org.civic311.catalog;

/** One choice of a list question: the key a client sends and the name a person reads. */
public record AttributeValue(String key, String name) {}
