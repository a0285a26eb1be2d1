-- Replies to residents' messages: an email reply names the message it answers, so it lands in the same thread.
alter table notification add column in_reply_to text;
create index notification_sent_external on notification (channel, external_id) where external_id is not null;
-- Photos a reply carries (paths of the media store): uploaded to X or Mastodon, linked in an MMS, attached to email.
alter table notification add column media_paths text[] not null default '{}';
