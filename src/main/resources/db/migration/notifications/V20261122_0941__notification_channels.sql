-- Messages go out by email, SMS, or as replies in an X or Mastodon thread.
alter table notification drop constraint notification_channel_check;
alter table notification add constraint notification_channel_check
    check (channel in ('EMAIL', 'SMS', 'X', 'FEDIVERSE'));
alter table notification add column visibility text;
alter table notification add column external_id text;
