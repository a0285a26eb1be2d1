-- Followers in the channel their report came from: email, SMS, or the X or Mastodon thread, whose visibility
-- replies keep.
alter table request_follower drop constraint request_follower_channel_check;
alter table request_follower add constraint request_follower_channel_check
    check (channel in ('EMAIL', 'SMS', 'X', 'FEDIVERSE'));
alter table request_follower add column visibility text
    check (visibility is null or visibility in ('public', 'unlisted', 'private', 'direct'));
