-- An email address follows a request once, whatever case it was typed in: mail servers read it in any case, and a
-- resident who typed it twice differently heard every update twice. Of two spellings, the one that receives updates
-- (confirmed, or needing no confirmation) stays, else the older.
delete from request_follower a using request_follower b
where a.channel = 'EMAIL' and b.channel = 'EMAIL' and a.request_id = b.request_id and a.id <> b.id
  and lower(a.address) = lower(b.address)
  and ((b.confirm_token is null or b.confirmed_at is not null) > (a.confirm_token is null or a.confirmed_at is not null)
       or ((b.confirm_token is null or b.confirmed_at is not null) = (a.confirm_token is null or a.confirmed_at is not null)
           and b.id < a.id));

update request_follower set address = lower(address) where channel = 'EMAIL' and address <> lower(address);
