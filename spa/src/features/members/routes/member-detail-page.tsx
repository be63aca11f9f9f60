//! /members/:id — the member's profile and membership history, the audited reveal of the full numbers, the
//! edit, transfer and membership-change dialogs, and after them the tabs other areas add (honours, hardship
//! files): src/app/routes/member-page.tsx composes those, this feature knows nothing of them.
import { ArrowLeftOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Member, RevealedMember } from '@/api/types';
import { MemberStatusTag } from '@/components/member-tags';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { revealMember, useMember } from '../api/members';
import { MemberFormModal } from '../components/member-form-modal';
import { MembershipChangeModal } from '../components/membership-change-modal';
import { canRequestTransfer, changeOptions } from '../components/membership-changes';
import { TransferRequestModal } from '../components/transfer-request-modal';
import { MemberHistory } from '../components/member-history';
import { MemberProfile } from '../components/member-profile';

/** A tab of the member page that another area shows for the member (added by src/app). */
export interface MemberTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/** The tabs after 基本信息 and 会籍变化, for the member shown. */
export type MemberTabs = (member: Member) => MemberTab[];

export function MemberDetailPage({ extraTabs }: { extraTabs?: MemberTabs }) {
  const { id = '' } = useParams<{ id: string }>();
  // A new id is a new view: nothing revealed for the previous member survives.
  return <MemberDetail key={id} id={id} extraTabs={extraTabs} />;
}

function MemberDetail({ id, extraTabs }: { id: string; extraTabs?: MemberTabs }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const me = useMe().data;
  const codes = useCodes();
  const detail = useMember(id);
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [changing, setChanging] = useState(false);
  // The full numbers live in this component's state only (never the query cache): leaving the page
  // or opening another member forgets them.
  const [revealed, setRevealed] = useState<RevealedMember | null>(null);
  const [revealing, setRevealing] = useState(false);

  const back = (
    <Link to="/members">
      <ArrowLeftOutlined /> {t('member.backToList')}
    </Link>
  );

  if (detail.isPending) return <Skeleton active />;
  if (isApiError(detail.error, 404) || isApiError(detail.error, 403)) {
    return (
      <div data-testid="member-not-found">
        <Result status="404" title={t('member.notFoundTitle')} subTitle={t('member.notFoundText')} extra={back} />
      </div>
    );
  }
  if (detail.isError) return <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} />;

  const current = detail.data;
  const member = current.member;
  const canReveal = hasPermission(me, PERMISSIONS.membersReveal);
  const canWrite = hasPermission(me, PERMISSIONS.membersWrite);

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await revealMember(member.id));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setRevealing(false);
    }
  };

  return (
    <Card
      data-testid="member-detail"
      title={
        <Space direction="vertical" size={4} style={{ padding: '12px 0' }}>
          {back}
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="member-name">
              {member.name}
            </Typography.Title>
            <MemberStatusTag status={member.status} />
            <Typography.Text type="secondary">{member.organisation_name}</Typography.Text>
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          {canReveal &&
            (revealed ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} data-testid="member-hide">
                {t('member.hide')}
              </Button>
            ) : (
              <Tooltip title={t('member.revealHint')}>
                <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="member-reveal">
                  {t('member.reveal')}
                </Button>
              </Tooltip>
            ))}
          {canWrite && canRequestTransfer(member.status) && (
            <Button onClick={() => setTransferring(true)} data-testid="member-transfer">
              {t('memberRequest.transferAction')}
            </Button>
          )}
          {changeOptions(member.allowed_actions).length > 0 && (
            <Button onClick={() => setChanging(true)} data-testid="member-change">
              {t('member.changeAction')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="member-edit">
              {t('common.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {revealed && <Alert type="info" showIcon message={t('member.revealed')} data-testid="member-revealed" />}
        <Tabs
          data-testid="member-tabs"
          items={[
            {
              key: 'profile',
              label: t('member.tabs.profile'),
              children: <MemberProfile member={member} revealed={revealed} />,
            },
            {
              key: 'history',
              label: t('member.tabs.history'),
              children: <MemberHistory member={member} />,
            },
            ...(extraTabs?.(member) ?? []),
          ]}
        />
      </Space>

      {transferring && (
        <TransferRequestModal
          member={member}
          onClose={() => setTransferring(false)}
          onSaved={() => {
            setTransferring(false);
            void message.success(t('memberRequest.transferCreated'));
          }}
        />
      )}
      {changing && (
        <MembershipChangeModal
          target={current}
          onClose={() => setChanging(false)}
          onSaved={(saved) => {
            setChanging(false);
            void message.success(t('member.changeRecorded', { status: codes.label('membership-statuses', saved.member.status) }));
          }}
        />
      )}
      {editing && (
        <MemberFormModal
          mode="edit"
          target={current}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            // The numbers shown may have been corrected: show the masked ones again.
            setRevealed(null);
            void message.success(t('member.updated'));
          }}
        />
      )}
    </Card>
  );
}
