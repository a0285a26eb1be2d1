-- The log marked residents with a plain SHA-256 of their address, which trying every ten-digit phone number reverses in
-- seconds. It now keeps an HMAC under a key held outside the database; the plain digests already written are dropped.
update privacy_request set resident_digest = null where resident_digest is not null;
