-- The followers filed from posts on X and Mastodon before request_follower.resident existed: each is addressed by a
-- post of the conversation it was filed from (or its direct-message thread), whose resident it is, so that an
-- erasure of their account finds them too.
update request_follower f set resident = c.resident
from conversation c
where f.resident is null and f.channel in ('X', 'FEDIVERSE') and c.channel = f.channel
  and (f.address = c.thread_key
       or exists (select 1 from conversation_message m where m.conversation_id = c.id and m.external_id = f.address));
