-- Replies to residents' messages: an email reply names the message it answers, so it lands in the same thread.
alter table notification add column in_reply_to text;
create index notification_sent_external on notification (channel, external_id) where external_id is not null;
