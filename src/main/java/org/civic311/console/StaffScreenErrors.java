package org.civic311.console;

import org.civic311.common.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** What a staff screen shows when the thing asked for is not there, not the member's, or asked for wrongly. */
@ControllerAdvice(
        assignableTypes = {
            DepartmentScreens.class,
            ConsoleScreens.class,
            InquiryScreens.class,
            ContactScreens.class,
            DashboardScreens.class,
            KnowledgeEditorScreens.class,
            ProfileScreens.class,
            InboxScreens.class,
            InboxAnswers.class,
            ApiKeyScreens.class,
            AccountScreens.class,
            CatalogueScreens.class,
            CatalogueEditingScreens.class,
            ReadyAnswerScreens.class,
            WardScreens.class,
            ReportScreens.class,
            QueueBulkWork.class
        })
class StaffScreenErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    @ExceptionHandler(AccessDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(AccessDeniedException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    @ExceptionHandler(org.civic311.common.InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(org.civic311.common.InvalidInputException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "staff/not-found";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Exception e, Model model) {
        model.addAttribute(
                "message",
                e instanceof MethodArgumentTypeMismatchException mismatch
                        ? "'" + mismatch.getName() + "' is not valid here"
                        : e.getMessage());
        return "staff/not-found";
    }
}
