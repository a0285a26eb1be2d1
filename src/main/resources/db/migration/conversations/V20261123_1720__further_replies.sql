-- An agent may send a further message after answering (the tracking number of a request filed after the reply):
-- it is marked as such, so that an answer is still one per resident message, and a further message is sent once
-- for its form (its outbox key is unique).
alter table conversation_message add column further boolean not null default false;
drop index conversation_one_reply;
create unique index conversation_one_reply on conversation_message (reply_to)
    where direction = 'OUT' and not automatic and not further;
create unique index conversation_message_outbox_key on conversation_message (outbox_key) where outbox_key is not null;
