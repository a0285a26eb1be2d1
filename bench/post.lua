-- One Open311 report per call: graffiti on a litter bin, located by address.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.body = "api_key=demo-key&service_code=SWLMALB-02&address_string=Queen%20St%20W%20%2F%20Spadina%20Ave&description=Tags%20on%20the%20bin"
