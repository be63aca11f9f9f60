//! The audit log's vocabulary: every action the platform records and the things it records them on.
//! Typed so that a new action is added here (and the OpenAPI document lists it), never spelled at a call
//! site.

text_enum! {
    /// What was done (`resource.verb`).
    AuditAction {
        /// 创建账号.
        AccountCreate = "account.create",
        /// 登录.
        AccountLogin = "account.login",
        /// 刷新令牌被重复使用（会话已全部注销）.
        AccountRefreshTokenReused = "account.refresh_token_reused",
        /// 修改账号.
        AccountUpdate = "account.update",
        /// 撤销结业证书.
        CertificateRevoke = "certificate.revoke",
        /// 记录考勤.
        CourseAttendanceMark = "course.attendance_mark",
        /// 取消课程.
        CourseCancel = "course.cancel",
        /// 创建课程.
        CourseCreate = "course.create",
        /// 报名.
        CourseEnrol = "course.enrol",
        /// 课程结业.
        CourseFinish = "course.finish",
        /// 发布课程.
        CoursePublish = "course.publish",
        /// 添加课时.
        CourseSessionAdd = "course.session_add",
        /// 删除课时.
        CourseSessionRemove = "course.session_remove",
        /// 开课.
        CourseStart = "course.start",
        /// 修改课程.
        CourseUpdate = "course.update",
        /// 退出报名.
        CourseWithdraw = "course.withdraw",
        /// 提出培训需求.
        CourseRequestCreate = "course_request.create",
        /// 记录帮扶.
        HardshipFileAssistanceAdd = "hardship_file.assistance_add",
        /// 登记困难职工档案.
        HardshipFileCreate = "hardship_file.create",
        /// 审核困难职工档案.
        HardshipFileDecide = "hardship_file.decide",
        /// 上传证明材料.
        HardshipFileEvidenceAdd = "hardship_file.evidence_add",
        /// 下载证明材料.
        HardshipFileEvidenceDownload = "hardship_file.evidence_download",
        /// 删除证明材料.
        HardshipFileEvidenceRemove = "hardship_file.evidence_remove",
        /// 查看困难职工档案列表.
        HardshipFileList = "hardship_file.list",
        /// 查看困难职工档案.
        HardshipFileRead = "hardship_file.read",
        /// 修改困难职工档案.
        HardshipFileUpdate = "hardship_file.update",
        /// 记录会籍变化.
        MemberChange = "member.change",
        /// 登记会员.
        MemberCreate = "member.create",
        /// 导出会员.
        MemberExport = "member.export",
        /// 添加荣誉.
        MemberHonourAdd = "member.honour_add",
        /// 删除荣誉.
        MemberHonourRemove = "member.honour_remove",
        /// 查看完整证件号/手机号.
        MemberReveal = "member.reveal",
        /// 会员转会.
        MemberTransfer = "member.transfer",
        /// 修改会员.
        MemberUpdate = "member.update",
        /// 会员修改本人联系方式.
        MemberUpdateOwnContact = "member.update_own_contact",
        /// 发放会员卡号.
        MemberCardsIssue = "member_cards.issue",
        /// 导入会员.
        MemberImportCommit = "member_import.commit",
        /// 上传会员导入表.
        MemberImportUpload = "member_import.upload",
        /// 批准会籍申请.
        MembershipRequestApprove = "membership_request.approve",
        /// 提交会籍申请.
        MembershipRequestCreate = "membership_request.create",
        /// 驳回会籍申请.
        MembershipRequestReject = "membership_request.reject",
        /// 同意转出.
        MembershipRequestRelease = "membership_request.release",
        /// 归档组织.
        OrganisationArchive = "organisation.archive",
        /// 创建组织.
        OrganisationCreate = "organisation.create",
        /// 移动组织.
        OrganisationMove = "organisation.move",
        /// 恢复组织.
        OrganisationRestore = "organisation.restore",
        /// 修改组织.
        OrganisationUpdate = "organisation.update",
    }
}

text_enum! {
    /// The kind of thing an audit entry is about.
    AuditResource {
        /// 组织.
        Organisation = "organisation",
        /// 账号.
        Account = "account",
        /// 会员.
        Member = "member",
        /// 会员导入.
        MemberImport = "member_import",
        /// 会籍申请.
        MembershipRequest = "membership_request",
        /// 困难职工档案.
        HardshipFile = "hardship_file",
        /// 课程.
        Course = "course",
        /// 培训需求.
        CourseRequest = "course_request",
    }
}

impl AuditAction {
    /// The entry's wording for people (Chinese), as the audit page shows it.
    pub fn label_zh(self) -> &'static str {
        match self {
            AuditAction::AccountCreate => "创建账号",
            AuditAction::AccountLogin => "登录",
            AuditAction::AccountRefreshTokenReused => "刷新令牌被重复使用（会话已全部注销）",
            AuditAction::AccountUpdate => "修改账号",
            AuditAction::CertificateRevoke => "撤销结业证书",
            AuditAction::CourseAttendanceMark => "记录考勤",
            AuditAction::CourseCancel => "取消课程",
            AuditAction::CourseCreate => "创建课程",
            AuditAction::CourseEnrol => "报名",
            AuditAction::CourseFinish => "课程结业",
            AuditAction::CoursePublish => "发布课程",
            AuditAction::CourseSessionAdd => "添加课时",
            AuditAction::CourseSessionRemove => "删除课时",
            AuditAction::CourseStart => "开课",
            AuditAction::CourseUpdate => "修改课程",
            AuditAction::CourseWithdraw => "退出报名",
            AuditAction::CourseRequestCreate => "提出培训需求",
            AuditAction::HardshipFileAssistanceAdd => "记录帮扶",
            AuditAction::HardshipFileCreate => "登记困难职工档案",
            AuditAction::HardshipFileDecide => "审核困难职工档案",
            AuditAction::HardshipFileEvidenceAdd => "上传证明材料",
            AuditAction::HardshipFileEvidenceDownload => "下载证明材料",
            AuditAction::HardshipFileEvidenceRemove => "删除证明材料",
            AuditAction::HardshipFileList => "查看困难职工档案列表",
            AuditAction::HardshipFileRead => "查看困难职工档案",
            AuditAction::HardshipFileUpdate => "修改困难职工档案",
            AuditAction::MemberChange => "记录会籍变化",
            AuditAction::MemberCreate => "登记会员",
            AuditAction::MemberExport => "导出会员",
            AuditAction::MemberHonourAdd => "添加荣誉",
            AuditAction::MemberHonourRemove => "删除荣誉",
            AuditAction::MemberReveal => "查看完整证件号/手机号",
            AuditAction::MemberTransfer => "会员转会",
            AuditAction::MemberUpdate => "修改会员",
            AuditAction::MemberUpdateOwnContact => "会员修改本人联系方式",
            AuditAction::MemberCardsIssue => "发放会员卡号",
            AuditAction::MemberImportCommit => "导入会员",
            AuditAction::MemberImportUpload => "上传会员导入表",
            AuditAction::MembershipRequestApprove => "批准会籍申请",
            AuditAction::MembershipRequestCreate => "提交会籍申请",
            AuditAction::MembershipRequestReject => "驳回会籍申请",
            AuditAction::MembershipRequestRelease => "同意转出",
            AuditAction::OrganisationArchive => "归档组织",
            AuditAction::OrganisationCreate => "创建组织",
            AuditAction::OrganisationMove => "移动组织",
            AuditAction::OrganisationRestore => "恢复组织",
            AuditAction::OrganisationUpdate => "修改组织",
        }
    }

    /// Reads that are audited (sensitive data was shown) rather than changes.
    pub fn is_read(self) -> bool {
        matches!(
            self,
            AuditAction::HardshipFileList
                | AuditAction::HardshipFileRead
                | AuditAction::HardshipFileEvidenceDownload
                | AuditAction::MemberReveal
                | AuditAction::MemberExport
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_names_its_resource_first_and_reads_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
            assert!(a.as_str().contains('.'), "{a}");
            assert!(!a.label_zh().is_empty());
        }
        assert_eq!(AuditAction::CoursePublish.as_str(), "course.publish");
        assert_eq!(AuditResource::HardshipFile.as_str(), "hardship_file");
    }
}
