-- A promise minutes from its deadline and still without a callback alerts the agents' supervisor too, once.
alter table callback_promise add column at_risk_alerted timestamptz;
