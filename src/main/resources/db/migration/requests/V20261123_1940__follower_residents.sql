-- Who follows, when it is not the address updates go to: a resident on X or Mastodon follows through the post or
-- direct-message thread they wrote in, so an erasure of their account must find the follower by the account.
alter table request_follower add column resident text;
