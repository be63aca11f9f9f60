//! 我的申请: the worker's join and transfer requests, newest first, with their state. The worker takes no
//! step on them (the unions release, approve or reject), so there are no actions here.
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { MembershipRequest, OwnRequests } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { RequestKindTag, RequestStatusTag } from '@/components/request-tags';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';

export function OwnRequestsTable({ requests }: { requests: UseQueryResult<OwnRequests> }) {
  const { t } = useI18n();

  const columns: TableColumnsType<MembershipRequest> = [
    { title: t('memberRequest.fields.kind'), dataIndex: 'kind', render: (value: string) => <RequestKindTag kind={value} /> },
    {
      title: t('memberRequest.fields.route'),
      key: 'route',
      render: (_value, request) => (
        <span data-testid="request-route">
          {request.from_organisation_name
            ? `${request.from_organisation_name} → ${request.to_organisation_name}`
            : request.to_organisation_name}
        </span>
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

  if (requests.isError) return <ProblemAlert error={requests.error} onRetry={() => void requests.refetch()} />;
  return (
    <Table<MembershipRequest>
      rowKey="id"
      size="middle"
      data-testid="my-requests"
      loading={requests.isPending}
      columns={columns}
      dataSource={requests.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('selfService.requestsEmpty')} /> }}
    />
  );
}
