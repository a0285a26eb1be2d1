-- Callback alerts went to the supervisor of department TO311 until cities named their contact centre: a database
-- that has that department keeps its alerts.
update jurisdiction j set contact_centre = 'TO311'
where contact_centre is null
  and exists (select 1 from department d where d.jurisdiction_id = j.id and d.code = 'TO311');
