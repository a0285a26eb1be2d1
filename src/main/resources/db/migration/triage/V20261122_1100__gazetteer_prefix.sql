-- Address suggestions while an agent or a resident types: a prefix search on the address as written.
create index gazetteer_address_prefix on gazetteer_entry (jurisdiction_id, lower(address) text_pattern_ops);
