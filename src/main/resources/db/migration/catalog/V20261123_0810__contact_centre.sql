-- The department that is the city's 311 contact centre: its supervisor hears of callback promises its agents made
-- that are at risk or broken. Cities name their departments as they like, so it is a setting, not a code.
alter table jurisdiction add column contact_centre text;
