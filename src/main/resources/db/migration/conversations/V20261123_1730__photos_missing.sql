-- Photos a resident sent that did not reach the conversation (the provider's media host down or timing out, more
-- than a message keeps, not an image Civic311 takes): the message is kept, and the agent told how many are missing,
-- to ask for them again.
alter table conversation_message add column photos_missing int not null default 0;
