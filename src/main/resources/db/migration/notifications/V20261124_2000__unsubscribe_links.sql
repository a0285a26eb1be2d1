-- A follower's email says in its headers where to stop following, so that mail programs offer it as a button
-- (RFC 2369, and one click by RFC 8058) instead of residents marking a city's updates as spam.
alter table notification add column unsubscribe_url text;
