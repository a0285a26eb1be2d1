/**
 * Conversations: one inbox for every channel. Each channel adapter turns its provider's payloads (email by IMAP,
 * Twilio SMS webhooks, X Account Activity webhooks, Mastodon notifications) into incoming messages; each is triaged,
 * an emergency answered at once, and the conversation worked by one named agent at a time, whose reply goes back in
 * the same thread, fitted to the channel and signed.
 *
 * <p>{@link org.civic311.conversations.Inbox} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "triage", "media", "notifications", "staff"})
@NullMarked
package org.civic311.conversations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
