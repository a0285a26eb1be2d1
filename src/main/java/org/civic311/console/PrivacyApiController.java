package org.civic311.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.civic311.privacy.ResidentData;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Residents' requests for their data, answered by administrators: an export, or an erasure. */
@RestController
@Tag(name = "Residents' data")
@SecurityRequirement(name = "basic")
class PrivacyApiController {

    private final ResidentData residents;
    private final StaffAccess access;

    PrivacyApiController(ResidentData residents, StaffAccess access) {
        this.residents = residents;
        this.access = access;
    }

    /** The resident asked about: an email address, a phone number or an X account. */
    record ErasureBody(@Nullable String address) {}

    /**
     * Refused, saying where the address goes: a query string is written into proxies' and servers' logs, which no
     * erasure reaches. (It was the API's first way to ask.)
     */
    @GetMapping("/api/v1/privacy/export")
    @Operation(summary = "Refused: send the address in the body of POST /api/v1/privacy/exports")
    Map<String, Object> export() {
        throw new org.civic311.common.InvalidInputException(
                "address",
                "goes in the body of POST /api/v1/privacy/exports, never in a URL: a query string is written into"
                        + " proxies' and servers' logs");
    }

    /** Everything kept that names a resident, the address in the body. */
    @PostMapping("/api/v1/privacy/exports")
    @Operation(summary = "Everything kept that names a resident (by email address, phone number or account), by kind")
    Map<String, Object> exportPosted(@RequestBody ErasureBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return residents.export(member.jurisdictionId(), body.address(), member.username());
    }

    @PostMapping("/api/v1/privacy/erasures")
    @Operation(summary = "Erase a resident's personal data from every record; the records stay without them")
    Map<String, Object> erase(@RequestBody ErasureBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return Map.of("erased", residents.erase(member.jurisdictionId(), body.address(), member.username()));
    }
}
