//! /member-requests — 会员审批: join and transfer requests one of whose sides is in scope. Decisions
//! follow the server's `allowed_actions` exactly; each sends the request's version as If-Match.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { MembershipRequest } from '@/api/types';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { RequestKindTag, RequestStatusTag } from '@/components/request-tags';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { conflictMessages } from '@/lib/problem';
import { MEMBERS_QUERY_KEY } from '@/lib/query-keys';
import { useMe } from '@/lib/session';
import { approveRequest, releaseRequest, requestKeys, useMembershipRequests } from '../api/membership-requests';
import { RejectRequestModal } from '../components/reject-request-modal';
import { requestActions, requestRows, VIEW_STATUSES, type RequestKind, type RequestView } from '../components/request-logic';
import { LoadMore } from '@/components/load-more';

type Decision = { action: 'release' | 'approve'; request: MembershipRequest };

export function MemberRequestsPage() {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const canWrite = hasPermission(me, PERMISSIONS.membersWrite);
  const [view, setView] = useState<RequestView>('open');
  const [kind, setKind] = useState<RequestKind | undefined>(undefined);
  const [rejecting, setRejecting] = useState<MembershipRequest | null>(null);
  const result = useMembershipRequests(VIEW_STATUSES[view], kind);
  const rows = requestRows(result.data?.pages);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: requestKeys.all }),
      queryClient.invalidateQueries({ queryKey: MEMBERS_QUERY_KEY }),
    ]);
  };
  const onStale = () => {
    void message.warning(t('memberRequest.stale'));
    void refresh();
  };

  const decision = useMutation({
    mutationFn: ({ action, request }: Decision) => (action === 'release' ? releaseRequest(request) : approveRequest(request)),
    onSuccess: async (saved, { action }) => {
      void message.success(
        t(action === 'release' ? 'memberRequest.released' : 'memberRequest.approved', { name: saved.person.name }),
      );
      await refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) return onStale();
      if (error instanceof ApiError && error.status === 409) {
        void message.error(conflictMessages(error, tError).join('：'));
        void refresh();
        return;
      }
      void message.error(errorMessage(error));
    },
  });
  const busyId = decision.isPending ? decision.variables.request.id : null;

  const columns: TableColumnsType<MembershipRequest> = [
    {
      title: t('memberRequest.fields.person'),
      key: 'person',
      render: (_value, request) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong data-testid="request-person">
            {request.person.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            <code>{request.person.id_number}</code>
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('memberRequest.fields.kind'), dataIndex: 'kind', render: (value: string) => <RequestKindTag kind={value} /> },
    {
      title: t('memberRequest.fields.route'),
      key: 'route',
      render: (_value, request) =>
        request.from_organisation_name ? (
          <span data-testid="request-route">
            {request.from_organisation_name} → {request.to_organisation_name}
          </span>
        ) : (
          <span data-testid="request-route">{request.to_organisation_name}</span>
        ),
    },
    {
      title: t('memberRequest.fields.reason'),
      key: 'reason',
      render: (_value, request) => (
        <Space direction="vertical" size={0}>
          {request.reason && <span>{request.reason}</span>}
          {request.decision_reason && (
            <Typography.Text type="danger">
              {t('memberRequest.decisionReason', { reason: request.decision_reason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('memberRequest.fields.dates'),
      key: 'dates',
      render: (_value, request) => (
        <Space direction="vertical" size={0}>
          <span>{t('memberRequest.createdAt', { time: formatDateTime(request.created_at) })}</span>
          {request.released_at && <span>{t('memberRequest.releasedAt', { time: formatDateTime(request.released_at) })}</span>}
          {request.decided_at && <span>{t('memberRequest.decidedAt', { time: formatDateTime(request.decided_at) })}</span>}
        </Space>
      ),
    },
    {
      title: t('memberRequest.fields.status'),
      dataIndex: 'status',
      render: (value: string) => <RequestStatusTag status={value} />,
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, request) => (
        <Space wrap>
          {requestActions(request).map((action) =>
            action === 'reject' ? (
              <Button key={action} size="small" danger onClick={() => setRejecting(request)} data-testid="request-reject">
                {t('memberRequest.actions.reject')}
              </Button>
            ) : (
              <Popconfirm
                key={action}
                title={t(action === 'release' ? 'memberRequest.confirmRelease' : 'memberRequest.confirmApprove', {
                  name: request.person.name,
                })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => decision.mutate({ action, request })}
              >
                <Button
                  size="small"
                  type={action === 'approve' ? 'primary' : 'default'}
                  loading={busyId === request.id && decision.variables?.action === action}
                  disabled={busyId !== null && busyId !== request.id}
                  data-testid={`request-${action}`}
                >
                  {t(`memberRequest.actions.${action}`)}
                </Button>
              </Popconfirm>
            ),
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('memberRequest.pageTitle')}
      extra={
        <Select<RequestKind | undefined>
          allowClear
          placeholder={t('memberRequest.allKinds')}
          style={{ width: 140 }}
          value={kind}
          onChange={(value) => setKind(value)}
          options={[
            { value: 'join', label: t('memberRequest.kinds.join') },
            { value: 'transfer', label: t('memberRequest.kinds.transfer') },
          ]}
          data-testid="request-kind-filter"
        />
      }
    >
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as RequestView)}
        data-testid="request-tabs"
        items={[
          { key: 'open', label: t('memberRequest.views.open') },
          { key: 'decided', label: t('memberRequest.views.decided') },
        ]}
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<MembershipRequest>
            rowKey="id"
            size="middle"
            data-testid="request-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t(view === 'open' ? 'memberRequest.emptyOpen' : 'memberRequest.emptyDecided')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>

      {rejecting && (
        <RejectRequestModal
          request={rejecting}
          onClose={() => setRejecting(null)}
          onStale={() => {
            setRejecting(null);
            onStale();
          }}
          onDone={(saved) => {
            setRejecting(null);
            void message.success(t('memberRequest.rejected', { name: saved.person.name }));
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
