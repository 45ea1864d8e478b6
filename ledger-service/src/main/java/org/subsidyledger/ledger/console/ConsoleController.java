package org.subsidyledger.ledger.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.subsidyledger.ledger.demo.DemoDataStatus;
import org.subsidyledger.projections.port.AccessScope;

/**
 * The console's frame (issue 16, first part): the sign-in page and the home page, which shows who is signed in —
 * name, roles and region scope, always — and the work of each role. The pages of each role's work come next; like
 * these, they call the same services and queries as the HTTP API and hold no rules of their own.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden // pages, not the API: not in /v3/api-docs
class ConsoleController {

    /** A role as the console names it, and what its holder does here. */
    record RoleView(String code, String name, String work) {
    }

    private static final Map<String, RoleView> ROLES = Map.of(
            "CLERK", new RoleView("CLERK", "经办员", "登记领取人、上传月度发放批次、登记死亡等信息变更"),
            "REVIEWER", new RoleView("REVIEWER", "复核员", "逐级审核待审批次"),
            "FINANCE", new RoleView("FINANCE", "财务", "审批与发放、登记资金到位和退票、月结"),
            "INSPECTOR", new RoleView("INSPECTOR", "稽核员", "追回台账、案件处理与追回"),
            "EVALUATOR", new RoleView("EVALUATOR", "评价人员", "绩效指标、下钻明细与评分表"),
            "AUDITOR", new RoleView("AUDITOR", "审计人员", "事件链核验与访问日志"),
            "ADMIN", new RoleView("ADMIN", "管理员", "项目设置与运行维护"));

    /** The districts of the seed programs, named; other codes are shown as codes. */
    private static final Map<String, String> REGION_NAMES = Map.of("65", "新疆维吾尔自治区", "6501", "乌鲁木齐市",
            "650102", "天山区", "650103", "沙依巴克区", "650104", "新市区", "650105", "水磨沟区");

    private final DemoDataStatus demoData;

    ConsoleController(DemoDataStatus demoData) {
        this.demoData = demoData;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/")
    String home(Authentication user, Model model) {
        List<RoleView> roles = new ArrayList<>();
        for (GrantedAuthority authority : user.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith("ROLE_") && ROLES.containsKey(name.substring(5))) {
                roles.add(ROLES.get(name.substring(5)));
            }
        }
        AccessScope scope = AccessScope.of(user.getAuthorities());
        List<String> regions = scope.regions().stream()
                .map(code -> REGION_NAMES.containsKey(code) ? REGION_NAMES.get(code) + "（" + code + "）" : code)
                .toList();
        model.addAttribute("roles", roles);
        model.addAttribute("regions", regions);
        model.addAttribute("masked", scope.masked());
        DemoDataStatus.Snapshot demo = demoData.snapshot();
        if (demo.state() != DemoDataStatus.State.OFF && demo.state() != DemoDataStatus.State.SKIPPED) {
            model.addAttribute("demoData", demo);
        }
        return "console/home";
    }
}
