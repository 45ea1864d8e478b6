package org.subsidyledger.ledger.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.ledger.batch.BatchLineCandidate;
import org.subsidyledger.ledger.batch.BatchPostingService;
import org.subsidyledger.ledger.batch.BatchWorkflow;
import org.subsidyledger.ledger.batch.LineStopService;
import org.subsidyledger.ledger.demo.UrumqiYear2023.Retiree;
import org.subsidyledger.ledger.enrolment.EnrolmentCandidate;
import org.subsidyledger.ledger.enrolment.EnrolmentService;
import org.subsidyledger.ledger.evaluation.EvaluationService;
import org.subsidyledger.ledger.fact.DeathComparisonService;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.infrastructure.RequestIds;
import org.subsidyledger.ledger.program.ProgramService;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;

/**
 * Fills an empty database with the 乌鲁木齐 2023 program-year ({@link UrumqiYear2023}) once the service is ready, on
 * a thread of its own, so that a newcomer's first screens show real figures. Everything is recorded through the
 * services the HTTP API calls, with their checks, as the demo users (admin, clerk, reviewer1–3, finance,
 * inspector, evaluator), each step at its 2023 date: its events carry that recorded time ({@link RecordedTimeClock}),
 * so a disbursement is never before its approval and as-of figures of 2023 read as the year went.
 *
 * <p>Only with {@code ledger.demo-data.enabled} (the {@code demo} profile's default; {@code LEDGER_DEMO_DATA=false}
 * turns it off), and only into a database without any program: a restart, or an installation in use, is left alone.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "ledger.demo-data.enabled", havingValue = "true")
public class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    /** The program and plan, the enrolment, twelve months, the evaluation. */
    private static final int STEPS = 15;

    private final DemoDataStatus status;
    private final Programs programs;
    private final ProgramService programService;
    private final EnrolmentService enrolments;
    private final BatchPostingService posting;
    private final BatchWorkflow workflow;
    private final LineStopService disbursements;
    private final DeathComparisonService comparisons;
    private final EvaluationService evaluations;
    private final UserDetailsService users;
    private final CurrentActor currentActor;
    private final TransactionTemplate transactions;
    private final EventStore events;
    private volatile boolean stopping;
    private Thread thread;

    DemoDataLoader(DemoDataStatus status, Programs programs, ProgramService programService,
                   EnrolmentService enrolments, BatchPostingService posting, BatchWorkflow workflow,
                   LineStopService disbursements, DeathComparisonService comparisons, EvaluationService evaluations,
                   UserDetailsService users, CurrentActor currentActor, TransactionTemplate transactions,
                   EventStore events) {
        this.status = status;
        this.programs = programs;
        this.programService = programService;
        this.enrolments = enrolments;
        this.posting = posting;
        this.workflow = workflow;
        this.disbursements = disbursements;
        this.comparisons = comparisons;
        this.evaluations = evaluations;
        this.users = users;
        this.currentActor = currentActor;
        this.transactions = transactions;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        start();
    }

    /**
     * Starts loading on the thread {@code demo-data} when the database holds no program; otherwise records that it
     * skipped. Answers whether it started. Runs when the application is ready; public for the test of a restart.
     */
    public synchronized boolean start() {
        if (programs.anyExists()) {
            status.skipped();
            if (programs.terms(UrumqiYear2023.CODE).isPresent() && !complete()) {
                log.warn("Demo data: {} is only partly loaded (an earlier load stopped part-way) and is not loaded "
                        + "again. To start over, stop the service and delete the embedded database's data directory "
                        + "(LEDGER_DATA_DIR, ./data/postgres by default), or set LEDGER_DEMO_DATA=false",
                        UrumqiYear2023.CODE);
            } else {
                log.info("Demo data: the database already holds programs; nothing is loaded");
            }
            return false;
        }
        status.started(STEPS);
        thread = new Thread(this::load, "demo-data");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Lets a shutdown wait a little for the step under way, and stops the load before the next one. */
    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        Thread running = thread;
        if (running != null) {
            running.join(20_000);
        }
    }

    private boolean complete() {
        return events.lastSequenceNumberFor(EvaluationService.id(UrumqiYear2023.CODE, UrumqiYear2023.YEAR))
                .filter(last -> last >= UrumqiYear2023.QUALITATIVE_SCORES.size()).isPresent();
    }

    private void load() {
        long started = System.nanoTime();
        log.info("Demo data: loading 乌鲁木齐 2023 ({}, {} retirees, 12 batches) in the background; its events are "
                + "recorded with 2023 times", UrumqiYear2023.CODE, UrumqiYear2023.RETIREES);
        try {
            step("项目与年度计划", 0, () -> programAndPlan());
            step("登记 " + UrumqiYear2023.RETIREES + " 名领取人", 0, () -> enrol());
            for (int month = 1; month <= 12; month++) {
                int m = month;
                step("第 " + month + "/12 批（" + UrumqiYear2023.period(month) + "）", month, () -> month(m));
            }
            step("绩效评价", 12, () -> evaluate());
            status.done();
            log.info("Demo data: 乌鲁木齐 2023 loaded in {} s", (System.nanoTime() - started) / 1_000_000_000);
        } catch (RuntimeException | Error e) {
            DemoDataStatus.Snapshot at = status.snapshot();
            status.failed(String.valueOf(e.getMessage()));
            log.error("Demo data: loading 乌鲁木齐 2023 FAILED at step '{}' ({}/{} steps done); the database holds "
                    + "part of it and it will not be loaded again. To start over, stop the service and delete the "
                    + "embedded database's data directory (LEDGER_DATA_DIR, ./data/postgres by default)",
                    at.step(), at.done(), at.total(), e);
        }
    }

    private void step(String name, int batchesAfter, Runnable work) {
        status.working(name);
        long started = System.nanoTime();
        work.run();
        status.stepDone(batchesAfter);
        DemoDataStatus.Snapshot now = status.snapshot();
        log.info("Demo data: {} done ({}/{}, {}%) in {} ms", name, now.done(), now.total(), now.percent(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void programAndPlan() {
        LocalDateTime at = at(LocalDate.of(UrumqiYear2023.YEAR, 1, 3), 9);
        as("admin", Role.ADMIN, at, actor -> programService.create(UrumqiYear2023.CODE, UrumqiYear2023.NAME,
                UrumqiYear2023.REGION, UrumqiYear2023.STANDARD, UrumqiYear2023.DEADLINE_DAY,
                UrumqiYear2023.REVIEW_LEVELS, null, actor));
        as("admin", Role.ADMIN, at.plusMinutes(30), actor -> {
            programService.setPlan(UrumqiYear2023.CODE, UrumqiYear2023.YEAR, UrumqiYear2023.PLANNED_RECIPIENTS,
                    UrumqiYear2023.PLANNED_PAYOUTS, UrumqiYear2023.BUDGET, null, actor);
            return null;
        });
    }

    private void enrol() {
        List<Retiree> retirees = UrumqiYear2023.retirees();
        List<EnrolmentCandidate> candidates = new ArrayList<>(retirees.size());
        for (int i = 0; i < retirees.size(); i++) {
            candidates.add(new EnrolmentCandidate(i + 1, retirees.get(i).id(), retirees.get(i).name(),
                    UrumqiYear2023.DISTRICT, null, null, null));
        }
        EnrolmentService.Outcome outcome = as("clerk", Role.CLERK, at(LocalDate.of(UrumqiYear2023.YEAR, 1, 6), 10),
                actor -> transactions.execute(tx -> enrolments.enrol(UrumqiYear2023.CODE, "演示数据：领取人名册",
                        candidates, UrumqiYear2023.period(1), false, actor)));
        require(outcome.rejected().isEmpty(), "enrolment rejected " + outcome.rejected().size() + " rows");
    }

    /** A month: funds when a tranche arrives, the batch posted, reviewed, approved and paid, then the deaths. */
    private void month(int month) {
        UrumqiYear2023.trancheOf(month).ifPresent(tranche -> as("finance", Role.FINANCE,
                at(tranche.receivedOn(), 10), actor -> programService.recordFunds(UrumqiYear2023.CODE,
                        UrumqiYear2023.YEAR, Money.parsePositiveYuan(tranche.amount()), tranche.receivedOn(),
                        tranche.reference(), actor)));
        YearMonth period = UrumqiYear2023.period(month);
        List<Retiree> paid = UrumqiYear2023.paidIn(month);
        List<BatchLineCandidate> lines = new ArrayList<>(paid.size());
        for (int i = 0; i < paid.size(); i++) {
            lines.add(new BatchLineCandidate(i + 1, paid.get(i).id(), paid.get(i).name(), UrumqiYear2023.STANDARD,
                    null));
        }
        BatchPostingService.Outcome posted = as("clerk", Role.CLERK, at(period.atDay(10), 10),
                actor -> transactions.execute(tx -> posting.post(UrumqiYear2023.CODE, period,
                        "演示数据：" + period + " 发放名册", null, lines, actor)));
        require(posted.rejected().isEmpty(), "batch " + period + " rejected " + posted.rejected().size() + " lines");
        String batch = posted.batchId();
        for (int level = 1; level <= UrumqiYear2023.REVIEW_LEVELS; level++) {
            int l = level;
            as("reviewer" + level, Role.REVIEWER, at(period.atDay(12 + level), 10),
                    actor -> workflow.approveReview(batch, l, "审核通过", actor));
        }
        LocalDate paidOn = UrumqiYear2023.disbursedOn(month);
        as("finance", Role.FINANCE, at(paidOn, 9), actor -> workflow.approve(batch, "同意拨付", actor));
        as("finance", Role.FINANCE, at(paidOn, 15), actor -> disbursements.disburse(batch, paidOn, actor));
        List<Retiree> died = UrumqiYear2023.diedIn(month);
        if (!died.isEmpty()) {
            List<DeathComparisonService.Row> rows = new ArrayList<>(died.size());
            for (int i = 0; i < died.size(); i++) {
                rows.add(new DeathComparisonService.Row(i + 2, died.get(i).id(), died.get(i).name(),
                        UrumqiYear2023.diedOn(month).toString(), UrumqiYear2023.DEATH_SOURCE, null));
            }
            String file = UrumqiYear2023.comparisonFile(month);
            String sha256 = IdempotentRequests.sha256(
                    UrumqiYear2023.comparisonCsv(month).getBytes(StandardCharsets.UTF_8));
            DeathComparisonService.Outcome compared = as("inspector", Role.INSPECTOR, at(period.atDay(28), 10),
                    actor -> transactions.execute(tx -> comparisons.compare(file, sha256, rows, file, actor)));
            require(compared.recorded() == died.size(), "comparison " + file + " recorded " + compared.recorded()
                    + " of " + died.size() + " deaths");
        }
    }

    private void evaluate() {
        LocalDateTime at = at(LocalDate.of(UrumqiYear2023.YEAR + 1, 3, 15), 9);
        as("evaluator", Role.EVALUATOR, at, actor -> evaluations.open(UrumqiYear2023.CODE, UrumqiYear2023.YEAR,
                UrumqiYear2023.RUBRIC, null, actor));
        for (UrumqiYear2023.Score score : UrumqiYear2023.QUALITATIVE_SCORES) {
            as("evaluator", Role.EVALUATOR, at.plusMinutes(10), actor -> evaluations.score(UrumqiYear2023.CODE,
                    UrumqiYear2023.YEAR, score.item(), score.points(), UrumqiYear2023.REPORT, actor));
        }
    }

    /**
     * Runs {@code action} as the demo user {@code user} acting in {@code role}, as a request of its own would: the
     * user's authorities (roles, region scope) in the security context, a request id ({@code demo-…}) in the
     * events' metadata, and the events recorded at {@code at} (Asia/Shanghai).
     */
    private <T> T as(String user, Role role, LocalDateTime at, Function<Actor, T> action) {
        if (stopping) {
            throw new CancellationException("the service is shutting down");
        }
        UserDetails details = users.loadUserByUsername(user);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(details.getUsername(), null,
                details.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try (var requestId = RequestIds.use("demo-" + UUID.randomUUID())) {
            Actor actor = currentActor.actingAs(role);
            return RecordedTimeClock.at(at.atZone(BusinessDates.ZONE).toInstant(), () -> action.apply(actor));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static LocalDateTime at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0));
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
