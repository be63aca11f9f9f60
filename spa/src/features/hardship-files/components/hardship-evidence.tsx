//! 证明材料: the file's attachments with download (fetched with the token, audited by the server) and,
//! when the server allows `edit_evidence`, upload (the raw file as the body; type and size are
//! checked here for a friendly message, the server decides by the content) and delete after confirming.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HardshipEvidence } from '@/api/types';
import { useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { conflictMessages } from '@/lib/problem';
import { deleteEvidence, downloadEvidence, hardshipKeys, uploadEvidence } from '../api/hardship-files';
import { EVIDENCE_ACCEPT, evidenceProblem, formatBytes } from './hardship-logic';

const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

export function HardshipEvidenceList({
  fileId,
  evidence,
  canChange,
}: {
  fileId: string;
  evidence: HardshipEvidence[];
  /** `edit_evidence` is in the file's `allowed_actions`. */
  canChange: boolean;
}) {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(fileId) });
  const explain = (error: unknown) =>
    error instanceof ApiError && error.status === 409 ? conflictMessages(error, tError).join(' ') : errorMessage(error);

  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(fileId, file),
    onSuccess: async (saved) => {
      void message.success(t('hardship.evidence.uploaded', { name: saved.file_name }));
      await refresh();
    },
    onError: (error, file) => {
      void message.error(t('hardship.evidence.failed', { name: file.name, reason: explain(error) }));
      if (error instanceof ApiError && error.status === 409) void refresh();
    },
  });

  const download = useMutation({
    mutationFn: (item: HardshipEvidence) => downloadEvidence(fileId, item),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const removal = useMutation({
    mutationFn: (item: HardshipEvidence) => deleteEvidence(fileId, item.id),
    onSuccess: async (_data, item) => {
      void message.success(t('hardship.evidence.deleted', { name: item.file_name }));
      await refresh();
    },
    onError: (error) => {
      void message.error(explain(error));
      // Removed or closed meanwhile: show the list as it is now.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) void refresh();
    },
  });
  const busyId = removal.isPending ? removal.variables.id : null;
  const downloadingId = download.isPending ? download.variables.id : null;

  const columns: TableColumnsType<HardshipEvidence> = [
    { title: t('hardship.evidence.fields.file_name'), dataIndex: 'file_name' },
    {
      title: t('hardship.evidence.fields.content_type'),
      dataIndex: 'content_type',
      render: (type: string) => TYPE_LABELS[type] ?? type,
    },
    { title: t('hardship.evidence.fields.size_bytes'), dataIndex: 'size_bytes', render: (size: number) => formatBytes(size) },
    {
      title: t('hardship.evidence.fields.created_at'),
      dataIndex: 'created_at',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, item) => (
        <Space>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={downloadingId === item.id}
            onClick={() => download.mutate(item)}
            data-testid="evidence-download"
          >
            {t('hardship.evidence.download')}
          </Button>
          {canChange && (
            <Popconfirm
              title={t('hardship.evidence.confirmDelete', { name: item.file_name })}
              okText={t('common.confirm')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => removal.mutate(item)}
            >
              <Button
                size="small"
                danger
                loading={busyId === item.id}
                disabled={busyId !== null && busyId !== item.id}
                data-testid="evidence-delete"
              >
                {t('hardship.evidence.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="hardship-evidence">
      {canChange && (
        <Space wrap>
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple={false}
            showUploadList={false}
            beforeUpload={(picked) => {
              const problem = evidenceProblem(picked);
              if (problem !== null) {
                void message.error(t(`hardship.evidence.problems.${problem}`));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutate(file as File, {
                onSuccess: (saved) => onSuccess?.(saved),
                onError: (error) => onError?.(error),
              });
            }}
            data-testid="evidence-upload"
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="evidence-upload-button">
              {t('hardship.evidence.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('hardship.evidence.hint')}</Typography.Text>
        </Space>
      )}
      <Table<HardshipEvidence>
        rowKey="id"
        size="small"
        data-testid="evidence-results"
        columns={columns}
        dataSource={evidence}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('hardship.evidence.empty')} /> }}
      />
    </Space>
  );
}
