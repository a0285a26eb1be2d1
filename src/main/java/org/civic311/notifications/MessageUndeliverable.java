package org.civic311.notifications;

/**
 * A message of the outbox was given up on: the provider refused it for good, or it kept failing. The module that
 * queued it reacts (a conversation whose reply never left is open again).
 *
 * @param key the message's outbox key, as its sender gave it
 * @param reason the provider's or the mail server's last answer
 */
public record MessageUndeliverable(String key, String channel, String reason) {}
