package org.subsidyledger.ledger.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.contract.error.RowsRejectedException;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.port.ConsolePage;
import org.subsidyledger.ledger.web.ProblemLanguage;
import org.subsidyledger.ledger.web.Problems;

/**
 * Errors on the console's pages: the same codes and statuses as the API's problem details, shown as a page in
 * Chinese with the way back, instead of JSON. ID numbers in messages are masked for the roles SPEC §8 names.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(RowsRejectedException.class)
    String rowsRejected(RowsRejectedException e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", UploadProgress.rows(e.rows()));
        return page(e.code(), e.getMessage(), model, response);
    }

    @ExceptionHandler(LedgerException.class)
    String ledger(LedgerException e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        return page(e.code(), e.getMessage(), model, response);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    String notFound(AggregateNotFoundException e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        return page(ErrorCode.NOT_FOUND, "没有这条记录", model, response);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    String denied(RuntimeException e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        return page(ErrorCode.FORBIDDEN, "您的角色不能办理此项业务", model, response);
    }

    @ExceptionHandler(org.axonframework.modelling.command.ConcurrencyException.class)
    String concurrent(RuntimeException e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        return page(ErrorCode.CONCURRENT_MODIFICATION, "另一项操作同时修改了这条记录，请刷新页面后重试", model, response);
    }

    /** A form or address with a value missing or of the wrong kind (a letter where a number goes). */
    @ExceptionHandler({org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class,
            IllegalArgumentException.class})
    String malformed(Exception e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        return page(ErrorCode.MALFORMED_REQUEST, "请求中缺少必填的值或值的格式不对", model, response);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        model.addAttribute("rows", List.<RowProblem>of());
        if (Problems.databaseUnavailable(e)) {
            log.warn("Database unavailable: {}", e.getMessage());
            response.setHeader("Retry-After", "5");
            return page(ErrorCode.DATABASE_UNAVAILABLE, "暂时无法连接数据库，本次操作没有记录任何内容；请 5 秒后重试",
                    model, response);
        }
        log.error("Console page failed", e);
        return page(ErrorCode.INTERNAL_ERROR, "系统出现意外错误，本次操作没有记录任何内容；请稍后重试或联系管理员", model,
                response);
    }

    private static String page(ErrorCode code, String message, Model model, HttpServletResponse response) {
        response.setStatus(Problems.status(code).value());
        AccessScope scope = AccessScope.current();
        model.addAttribute("code", code.name());
        model.addAttribute("status", Problems.status(code).value());
        // the code's meaning in Chinese, as the API answers Accept-Language: zh; the particulars under it
        model.addAttribute("title", ProblemLanguage.title(code));
        model.addAttribute("message", ProblemLanguage.detail(code));
        model.addAttribute("particulars", scope.text(message));
        return "console/error";
    }
}
