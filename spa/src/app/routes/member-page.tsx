//! /members/:id — the member page of features/members with the tabs other areas show for the member:
//! 荣誉 (features/honours) and, with `hardship:read`, 困难帮扶 (features/hardship-files). Composed here, as
//! features never import each other.
import type { Member } from '@/api/types';
import { MemberHardship } from '@/features/hardship-files/components/member-hardship';
import { MemberHonours } from '@/features/honours/components/member-honours';
import { MemberDetailPage, type MemberTab } from '@/features/members/routes/member-detail-page';
import { useI18n } from '@/i18n/i18n-provider';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';

export function MemberPage() {
  const { t } = useI18n();
  const me = useMe().data;
  // Honours are recorded with members:write; hardship files have their own permissions: they are
  // sensitive, and opening the tab is an audited read.
  const canWriteHonours = hasPermission(me, PERMISSIONS.membersWrite);
  const canReadHardship = hasPermission(me, PERMISSIONS.hardshipRead);
  const canWriteHardship = hasPermission(me, PERMISSIONS.hardshipWrite);

  const extraTabs = (member: Member): MemberTab[] => [
    {
      key: 'honours',
      label: t('member.tabs.honours'),
      children: <MemberHonours member={member} canWrite={canWriteHonours} />,
    },
    ...(canReadHardship
      ? [
          {
            key: 'hardship',
            label: t('member.tabs.hardship'),
            children: <MemberHardship member={member} canWrite={canWriteHardship} />,
          },
        ]
      : []),
  ];

  return <MemberDetailPage extraTabs={extraTabs} />;
}
