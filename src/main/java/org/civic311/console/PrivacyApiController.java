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
import org.springframework.web.bind.annotation.RequestParam;
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

    @GetMapping("/api/v1/privacy/export")
    @Operation(summary = "Everything kept that names a resident (by email address or phone number), by kind")
    Map<String, Object> export(
            @RequestParam(required = false) @Nullable String address, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return residents.export(member.jurisdictionId(), address, member.username());
    }

    /** The same, with the address in the body: a query string is written into proxies' and servers' logs. */
    @PostMapping("/api/v1/privacy/exports")
    @Operation(summary = "Everything kept that names a resident, the address sent in the body rather than the URL")
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
