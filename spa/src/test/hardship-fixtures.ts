//! Fixtures the hardship component tests share.

/** The hardship code lists as `GET /api/v1/code-lists` answers them. */
export const HARDSHIP_CODE_LISTS = {
  items: [
    {
      name: 'hardship-categories',
      description: 'Category',
      items: [
        { code: 'illness', zh: '因病', en: 'Illness' },
        { code: 'disability', zh: '因残', en: 'Disability' },
      ],
    },
    {
      name: 'hardship-statuses',
      description: 'Status',
      items: [
        { code: 'applied', zh: '待审核', en: 'Applied' },
        { code: 'approved', zh: '已建档', en: 'Approved' },
        { code: 'rejected', zh: '未通过', en: 'Rejected' },
        { code: 'lifted', zh: '已脱困', en: 'Lifted' },
      ],
    },
    {
      name: 'hardship-decisions',
      description: 'Decision',
      items: [
        { code: 'approve', zh: '审核通过', en: 'Approve' },
        { code: 'reject', zh: '不予通过', en: 'Reject' },
        { code: 'renew', zh: '复核保留', en: 'Renew after re-review' },
        { code: 'lift', zh: '解除（脱困）', en: 'Lift' },
      ],
    },
    {
      name: 'assistance-kinds',
      description: 'Kind',
      items: [
        { code: 'winter_warmth', zh: '送温暖', en: 'Winter warmth' },
        { code: 'medical_aid', zh: '医疗救助', en: 'Medical aid' },
      ],
    },
  ],
};
