-- A request reported as one of a type whose places are private (someone's home) keeps its place private even when an
-- administrator later makes that type public: its privacy is stored with it when it is filed, from now on, and here
-- for the requests filed before.
update service_request r set location_private = true
from service_type st
where st.jurisdiction_id = r.jurisdiction_id and st.code = r.service_code and st.private_location
  and not r.location_private;
