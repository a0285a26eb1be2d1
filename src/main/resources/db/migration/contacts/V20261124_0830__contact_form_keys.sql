-- "Take a call" clicked twice starts one contact: the form's own key, once per agent.
alter table contact add column submission_key text;

create unique index contact_submission on contact (agent, submission_key) where submission_key is not null;
