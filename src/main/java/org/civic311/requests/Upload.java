package org.civic311.requests;

/**
 * A file sent with a request.
 *
 * @param field the form field it came in, named in any refusal
 */
public record Upload(String field, byte[] content) {}
