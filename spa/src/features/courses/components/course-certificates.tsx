//! 证书: the certificates issued when the course finished (code, holder, issued on, status) and, with
//! `courses:write`, revoking one with a reason (verification then answers "revoked").
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { CourseCertificate } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { formatDate, formatDateTime } from '@/lib/format';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { courseKeys, revokeCertificate, useCertificates } from '../api/courses';
import { REASON_MAX } from './course-logic';

export function CourseCertificates({ courseId, status, canWrite }: { courseId: string; status: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const result = useCertificates(courseId);
  const [revoking, setRevoking] = useState<CourseCertificate | null>(null);

  const columns: TableColumnsType<CourseCertificate> = [
    {
      title: t('course.certificates.fields.code'),
      dataIndex: 'code',
      render: (code: string) => (
        <Typography.Text code copyable data-testid="certificate-code">
          {code}
        </Typography.Text>
      ),
    },
    { title: t('course.certificates.fields.holder_name'), dataIndex: 'holder_name' },
    { title: t('course.certificates.fields.issued_on'), dataIndex: 'issued_on', render: (value: string) => formatDate(value) },
    {
      title: t('course.certificates.fields.status'),
      dataIndex: 'status',
      render: (value: string, certificate) => (
        <Space direction="vertical" size={0}>
          <Tag color={value === 'valid' ? 'green' : 'red'} data-testid="certificate-status">
            {value === 'valid' || value === 'revoked' ? t(`course.certificates.statuses.${value}`) : value}
          </Tag>
          {certificate.revoked_reason && (
            <Typography.Text type="secondary">
              {t('course.certificates.revokedOn', {
                time: formatDateTime(certificate.revoked_at),
                reason: certificate.revoked_reason,
              })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, certificate) =>
        certificate.status === 'valid' ? (
          <Button size="small" danger onClick={() => setRevoking(certificate)} data-testid="certificate-revoke">
            {t('course.certificates.revoke')}
          </Button>
        ) : null,
    });
  }

  if (result.isError) return <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="course-certificates">
      <Table<CourseCertificate>
        rowKey="id"
        size="small"
        data-testid="certificate-results"
        loading={result.isPending}
        columns={columns}
        dataSource={result.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              description={status === 'finished' ? t('course.certificates.empty') : t('course.certificates.beforeFinish')}
            />
          ),
        }}
      />
      {revoking && (
        <RevokeModal
          courseId={courseId}
          certificate={revoking}
          onClose={() => setRevoking(null)}
          onSaved={(saved) => {
            setRevoking(null);
            void message.success(t('course.certificates.revoked', { code: saved.code }));
          }}
        />
      )}
    </Space>
  );
}

interface RevokeValues {
  reason?: string;
}

function RevokeModal({
  courseId,
  certificate,
  onClose,
  onSaved,
}: {
  courseId: string;
  certificate: CourseCertificate;
  onClose: () => void;
  onSaved: (saved: CourseCertificate) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RevokeValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: courseKeys.certificates(courseId) });

  const mutation = useMutation({
    mutationFn: (values: RevokeValues) => revokeCertificate(certificate.code, (values.reason ?? '').trim()),
    onSuccess: async (saved) => {
      await refresh();
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409 || error.status === 404) {
        setMessages(conflictMessages(error, tError));
        void refresh();
        return;
      }
      setMessages(applyProblemToForm(error, form, ['reason'], tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('course.certificates.revokeTitle', { code: certificate.code, name: certificate.holder_name })}
      okText={t('course.certificates.revoke')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'revoke-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<RevokeValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="reason"
            label={t('course.certificates.reason')}
            extra={t('course.certificates.reasonHint')}
            rules={[
              { required: true, whitespace: true, message: t('course.certificates.reasonRequired') },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid="revoke-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
