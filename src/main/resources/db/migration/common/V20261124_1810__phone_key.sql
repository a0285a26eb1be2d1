-- The digits a phone number is known by: the last ten, whatever its punctuation, country code or extension
-- ("(416) 555-0101", "+1 416 555 0101" and "416-555-0101 x23" are all 4165550101). Every module compares phone numbers
-- with it, and indexes it, so a caller is found, exported and erased however the number was written down
-- (ResidentAddress.phoneKey says the same in Java).
create function phone_key(phone text) returns text
    language sql immutable strict parallel safe
as $$
select right(regexp_replace(
                     regexp_replace(phone, '\s*(x|ext\.?|extension|poste)\s*[0-9]{1,6}\s*$', '', 'i'),
                     '\D', '', 'g'), 10)
$$;
