package org.subsidyledger.contract.program;

import java.util.Comparator;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A subsidy scheme (项目) was set up.
 *
 * @param code                 the program's code, its aggregate identifier
 * @param name                 the program's name, e.g. 1995年以前退休人员生活补贴
 * @param region               行政区划代码 of the region the program serves
 * @param monthlyStandardFen   default monthly standard per recipient, in 分
 * @param deadlineDay          day of the month by which a batch must be disbursed (1–28)
 * @param reviewLevels         number of distinct business review levels before finance approval (1–3)
 * @param reviewLevelsApproval when {@code reviewLevels} is below what the program's region requires: the ADMIN's
 *                             approval of the reduction; null otherwise (and in events recorded before it existed)
 * @param ageSupplements       what is added to the standard from an age on (rule 9), by age; empty when none (and in
 *                             events recorded before they existed)
 * @param certificationMonths  how often each recipient certifies being alive (生存认证, rule 11), in months; 0 when the
 *                             program requires no certification (and in events recorded before it existed)
 */
@Revision("1")
public record ProgramCreated(String code, String name, String region, long monthlyStandardFen, int deadlineDay,
                             int reviewLevels, ReviewLevelsApproval reviewLevelsApproval,
                             List<AgeSupplement> ageSupplements, int certificationMonths) {

    public ProgramCreated {
        ageSupplements = ageSupplements == null ? List.of()
                : ageSupplements.stream().sorted(Comparator.comparingInt(AgeSupplement::fromAge)).toList();
    }

    /** A program with no age supplements and no certification. */
    public ProgramCreated(String code, String name, String region, long monthlyStandardFen, int deadlineDay,
                          int reviewLevels, ReviewLevelsApproval reviewLevelsApproval) {
        this(code, name, region, monthlyStandardFen, deadlineDay, reviewLevels, reviewLevelsApproval, List.of(), 0);
    }

    /**
     * Fewer review levels than the region requires (业务三级审核 by default), approved when the program was created.
     *
     * @param requiredLevels the levels the region required at the time
     * @param reason         why fewer are enough
     * @param approvedBy     the user who approved it (also the event's actor)
     * @param approvedRole   the role they approved it in: {@code ADMIN}
     */
    public record ReviewLevelsApproval(int requiredLevels, String reason, String approvedBy, String approvedRole) {
    }
}
