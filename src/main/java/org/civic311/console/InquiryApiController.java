package org.civic311.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.civic311.common.InvalidInputException;
import org.civic311.inquiries.CallbackPromise;
import org.civic311.inquiries.ContactChannel;
import org.civic311.inquiries.FollowUp;
import org.civic311.inquiries.Inquiries;
import org.civic311.inquiries.Inquiry;
import org.civic311.inquiries.NewInquiry;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Inquiries, escalations with callback promises, callbacks and follow-ups, for the console and integrations. */
@RestController
@Tag(name = "Inquiries and callback promises")
@SecurityRequirement(name = "basic")
class InquiryApiController {

    private final Inquiries inquiries;
    private final StaffAccess access;
    private final org.civic311.triage.Triage triage;

    InquiryApiController(Inquiries inquiries, StaffAccess access, org.civic311.triage.Triage triage) {
        this.inquiries = inquiries;
        this.access = access;
        this.triage = triage;
    }

    record InquiryBody(
            @Nullable String question,
            @Nullable String callerName,
            @Nullable String callerPhone,
            @Nullable String callerEmail,
            @Nullable Boolean consent,
            @Nullable String preferredChannel,
            @Nullable String department,
            @Nullable Boolean notAnEmergency) {}

    /** Whom to escalate to, by when, how the caller wants to be reached, and the number given to the caller. */
    record EscalationBody(
            @Nullable String person,
            @Nullable Instant deadline,
            @Nullable String channel,
            @Nullable String fallbackContact) {}

    record OutcomeBody(@Nullable String outcome, @Nullable Boolean shareAsArticle) {}

    record WithdrawalBody(@Nullable String reason) {}

    record FollowUpBody(@Nullable Boolean reached, @Nullable String resolution, @Nullable Integer satisfaction) {}

    @PostMapping("/api/v1/inquiries")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log a caller's question the knowledge base could not answer")
    Inquiry open(
            @RequestBody InquiryBody body,
            @org.springframework.web.bind.annotation.RequestHeader(value = "Idempotency-Key", required = false)
                    @Nullable
                    String retryKey,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (retryKey != null && retryKey.strip().length() > 200) {
            throw new InvalidInputException("Idempotency-Key", "is longer than 200 characters");
        }
        // As on the form: an emergency put as a question goes to 911, unless the agent judged otherwise.
        if (body.question() != null
                && !Boolean.TRUE.equals(body.notAnEmergency())
                && triage.screen(body.question()).emergency() != null) {
            throw new InvalidInputException(
                    "question",
                    "sounds like an emergency: send the caller to 911 now. Nothing was logged; if you have spoken with"
                            + " them and it is not one, send it again with notAnEmergency true");
        }
        return inquiries.open(
                member.jurisdictionId(),
                new NewInquiry(
                        body.question() == null ? "" : body.question(),
                        body.callerName(),
                        body.callerPhone(),
                        body.callerEmail(),
                        Boolean.TRUE.equals(body.consent()),
                        channel("preferredChannel", body.preferredChannel(), ContactChannel.PHONE),
                        body.department()),
                member.username(),
                // A retry after a time-out sends the same key and gets the inquiry the first try logged.
                retryKey == null || retryKey.isBlank() ? null : "api:" + member.username() + ":" + retryKey.strip());
    }

    @GetMapping("/api/v1/inquiries/{reference}")
    @Operation(summary = "An inquiry with its callback promises and follow-ups")
    Inquiry inquiry(@PathVariable String reference, Authentication authentication) {
        return inquiries.find(access.member(authentication).jurisdictionId(), reference);
    }

    @PostMapping("/api/v1/inquiries/{reference}/escalations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Escalate to a named person of the directory with a callback promise")
    CallbackPromise escalate(
            @PathVariable String reference, @RequestBody EscalationBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (body.person() == null || body.person().isBlank()) {
            throw new InvalidInputException("person", "is required");
        }
        return inquiries.escalate(
                member.jurisdictionId(),
                reference,
                body.person().strip(),
                body.deadline(),
                body.channel() == null ? null : channel("channel", body.channel(), null),
                body.fallbackContact(),
                member.username());
    }

    @PostMapping("/api/v1/callbacks/{id}/outcome")
    @Operation(summary = "Record the callback and its outcome; a follow-up goes back to the first agent")
    CallbackPromise outcome(@PathVariable long id, @RequestBody OutcomeBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return inquiries.recordCallback(
                member.jurisdictionId(),
                id,
                body.outcome() == null ? "" : body.outcome(),
                Boolean.TRUE.equals(body.shareAsArticle()),
                StaffAccess.acting(member));
    }

    @PostMapping("/api/v1/inquiries/{reference}/promises/{id}/withdrawal")
    @Operation(summary = "Withdraw a callback promise the caller no longer needs, with the reason")
    CallbackPromise withdraw(
            @PathVariable String reference,
            @PathVariable long id,
            @RequestBody WithdrawalBody body,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        return inquiries.withdrawPromise(
                member.jurisdictionId(),
                reference,
                id,
                body.reason() == null ? "" : body.reason(),
                StaffAccess.acting(member));
    }

    @GetMapping("/api/v1/escalations")
    @Operation(summary = "A person's escalations waiting for their callback, soonest deadline first")
    List<CallbackPromise> escalations(
            @RequestParam(required = false) @Nullable String person, Authentication authentication) {
        StaffMember member = access.member(authentication);
        String key = person != null ? person : member.personKey();
        if (person != null && !StaffAccess.acting(member).mayReadEscalationsOf(person)) {
            throw new AccessDeniedException(member.username() + " may not read the escalations of " + person);
        }
        if (key == null) {
            throw new InvalidInputException("person", "is required: this account is not in the people directory");
        }
        return inquiries.queueOf(member.jurisdictionId(), key);
    }

    @GetMapping("/api/v1/callbacks/broken")
    @Operation(summary = "Callback promises whose deadline passed without a callback")
    List<CallbackPromise> broken(Authentication authentication) {
        return inquiries.broken(access.member(authentication).jurisdictionId());
    }

    @GetMapping("/api/v1/followups")
    @Operation(summary = "An agent's follow-ups still to do, soonest first")
    List<FollowUp> followUps(@RequestParam(required = false) @Nullable String owner, Authentication authentication) {
        StaffMember member = access.member(authentication);
        if (owner != null && !StaffAccess.acting(member).mayReadFollowUpsOf(owner)) {
            throw new AccessDeniedException(member.username() + " may not read the follow-ups of " + owner);
        }
        return inquiries.followUpsOf(member.jurisdictionId(), owner == null ? member.username() : owner);
    }

    @PostMapping("/api/v1/followups/{id}/complete")
    @Operation(summary = "Close the inquiry: was the caller reached, how it ended, the caller's satisfaction (1-5)")
    Inquiry complete(@PathVariable long id, @RequestBody FollowUpBody body, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return inquiries.completeFollowUp(
                member.jurisdictionId(),
                id,
                Boolean.TRUE.equals(body.reached()),
                body.resolution() == null ? "" : body.resolution(),
                body.satisfaction(),
                StaffAccess.acting(member));
    }

    private static ContactChannel channel(String field, @Nullable String value, @Nullable ContactChannel fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new InvalidInputException(field, "is required");
            }
            return fallback;
        }
        try {
            return ContactChannel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be PHONE, EMAIL or SMS");
        }
    }
}
