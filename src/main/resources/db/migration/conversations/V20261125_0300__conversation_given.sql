-- A supervisor gives a conversation to a named agent (who reads its language, who knows the case).
alter table conversation_event drop constraint conversation_event_action_check;
alter table conversation_event add constraint conversation_event_action_check
    check (action in ('CLAIMED', 'TAKEN_OVER', 'GIVEN', 'RELEASED', 'CLOSED', 'REOPENED'));
