-- When a request first went past its due time, kept whatever happens to it after: its due day moved, reopened, given
-- another type. The service report counts it late on this, as the due time it has now may have moved since.
alter table service_request add column breached_at timestamptz;

update service_request set breached_at = least(expected_at, now())
where expected_at is not null
  and ((closed and closed_at > expected_at) or (not closed and expected_at <= now()) or sla_state = 'BREACHED');
