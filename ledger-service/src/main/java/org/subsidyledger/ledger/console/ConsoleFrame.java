package org.subsidyledger.ledger.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.subsidyledger.projections.port.AccessScope;

/**
 * What every page's frame shows about the signed-in user — roles in Chinese, region scope, whether personal data is
 * masked for them — and the navigation their roles open. Templates call it as {@code @consoleFrame}.
 */
@Component("consoleFrame")
public class ConsoleFrame {

    /** A role as the console names it, and what its holder does here. */
    public record RoleView(String code, String name, String work) {
    }

    /** A place in the navigation. */
    public record Link(String path, String label) {
    }

    private static final Map<String, RoleView> ROLES = new LinkedHashMap<>();

    static {
        for (RoleView role : List.of(
                new RoleView("CLERK", "经办员", "登记领取人、上传月度发放批次、登记死亡等信息变更"),
                new RoleView("REVIEWER", "复核员", "逐级审核待审批次"),
                new RoleView("FINANCE", "财务", "审批与发放、登记退票、月结"),
                new RoleView("INSPECTOR", "稽核员", "追回台账、案件处理与追回"),
                new RoleView("EVALUATOR", "评价人员", "绩效指标、下钻明细与评分表"),
                new RoleView("AUDITOR", "审计人员", "事件链核验与访问日志"),
                new RoleView("ADMIN", "管理员", "项目设置与运行维护"))) {
            ROLES.put(role.code(), role);
        }
    }

    /** The districts of the seed programs, named; other codes are shown as codes. */
    private static final Map<String, String> REGION_NAMES = Map.of("65", "新疆维吾尔自治区", "6501", "乌鲁木齐市",
            "650100", "乌鲁木齐市", "650102", "天山区", "650103", "沙依巴克区", "650104", "新市区", "650105", "水磨沟区");

    public List<RoleView> roles() {
        List<RoleView> roles = new ArrayList<>();
        for (String code : ROLES.keySet()) {
            if (has(code)) {
                roles.add(ROLES.get(code));
            }
        }
        return roles;
    }

    public String roleNames() {
        return String.join("、", roles().stream().map(RoleView::name).toList());
    }

    /** The region scope, named: 天山区（650102）…, empty for all regions. */
    public List<String> regions() {
        return scope().regions().stream().map(ConsoleFrame::regionLabel).toList();
    }

    public boolean masked() {
        return scope().masked();
    }

    /** Roles as the access log records them ({@code ROLE_INSPECTOR,ROLE_ADMIN}) → 稽核员、管理员. */
    public String roleLabels(String roles) {
        if (roles == null || roles.isBlank()) {
            return "";
        }
        return String.join("、", java.util.Arrays.stream(roles.split("[,\\s]+")).map(String::strip)
                .map(role -> role.startsWith("ROLE_") ? role.substring(5) : role)
                .map(role -> ROLES.containsKey(role) ? ROLES.get(role).name() : role).toList());
    }

    public static String regionLabel(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return REGION_NAMES.containsKey(code) ? REGION_NAMES.get(code) + "（" + code + "）" : code;
    }

    /** The navigation, in the order of a month's work. */
    public List<Link> navigation() {
        List<Link> links = new ArrayList<>();
        links.add(new Link("/", "工作台"));
        if (has("CLERK") || has("ADMIN") || has("FINANCE") || has("REVIEWER")) {
            links.add(new Link("/console/programs", "项目与批次"));
        }
        if (has("REVIEWER") || has("FINANCE")) {
            links.add(new Link("/console/inbox", "待我审批"));
        }
        if (has("INSPECTOR") || has("FINANCE") || has("AUDITOR") || has("EVALUATOR") || has("ADMIN")) {
            links.add(new Link("/console/overpayments", "追回台账"));
        }
        if (has("CLERK") || has("INSPECTOR") || has("ADMIN")) {
            links.add(new Link("/console/suspected-facts", "两上两下核实"));
        }
        if (has("CLERK") || has("FINANCE") || has("AUDITOR") || has("ADMIN")) {
            links.add(new Link("/console/arrears", "待补发"));
        }
        if (has("CLERK") || has("AUDITOR") || has("ADMIN")) {
            links.add(new Link("/console/certifications", "生存认证"));
        }
        if (has("EVALUATOR") || has("AUDITOR") || has("FINANCE") || has("INSPECTOR") || has("ADMIN")) {
            links.add(new Link("/console/indicators", "绩效指标"));
        }
        links.add(new Link("/console/recipients", "领取人查询"));
        if (has("AUDITOR") || has("ADMIN")) {
            links.add(new Link("/console/audit", "审计核验"));
        }
        return links;
    }

    /** Whether the page shown is {@code path} or one below it (the navigation marks it). */
    public boolean current(String path) {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet)) {
            return false;
        }
        String uri = servlet.getRequest().getRequestURI();
        return path.equals("/") ? uri.equals("/") : uri.equals(path) || uri.startsWith(path + "/");
    }

    public boolean has(String role) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null) {
            return false;
        }
        for (GrantedAuthority authority : user.getAuthorities()) {
            if (authority.getAuthority().equals("ROLE_" + role)) {
                return true;
            }
        }
        return false;
    }

    private static AccessScope scope() {
        return AccessScope.current();
    }
}
