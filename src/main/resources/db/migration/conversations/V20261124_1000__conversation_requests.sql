-- Every request a conversation led to. A thread may outlive one matter (a number texting about a pothole in March and
-- about bins in June): the conversation's own link is its current matter's, and a new message after it was closed
-- starts a new one; the requests of earlier matters keep their conversation here.
create table conversation_request (
    conversation_id   bigint      not null references conversation (id) on delete cascade,
    request_public_id text        not null,
    filed_here        boolean     not null,
    linked_at         timestamptz not null,
    primary key (conversation_id, request_public_id)
);

create index conversation_request_by_request on conversation_request (request_public_id);

insert into conversation_request (conversation_id, request_public_id, filed_here, linked_at)
select id, request_public_id, request_filed_here, last_message_at from conversation where request_public_id is not null;
