-- Who closed an inquiry (the agent at its follow-up, or a supervisor for an agent away), and who did a follow-up:
-- one closed for someone else looked the same as one closed by its agent.
alter table inquiry add column closed_by text;
alter table follow_up add column done_by text;
