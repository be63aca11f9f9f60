//! /members/import — 会员信息采集: pick the union and a filled sheet, preview its rows (errors by row and
//! column, the valid rows), commit all rows or only the valid ones, and see what was registered.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Popconfirm,
  Result,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CommitMode, MemberImport, MemberImportPreviewRow } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { conflictMessages } from '@/lib/problem';
import { MEMBERS_QUERY_KEY } from '@/lib/query-keys';
import { commitImport, downloadErrorReport, downloadTemplate, getImport, uploadImport } from '../api/member-imports';
import {
  ACCEPT,
  commitChoices,
  fileProblem,
  groupErrorsByRow,
  leftOutCount,
  type RowErrors,
} from '../components/import-logic';

type Step = 0 | 1 | 2 | 3;

interface SelectValues {
  organisation_id?: string;
}

export function MemberImportPage() {
  const { t, tError, tFieldError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const codes = useCodes();
  const [form] = Form.useForm<SelectValues>();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [imported, setImported] = useState<MemberImport | null>(null);
  const [uploadMessages, setUploadMessages] = useState<string[]>([]);
  const [commitMessages, setCommitMessages] = useState<string[]>([]);

  const template = useMutation({
    mutationFn: downloadTemplate,
    onError: (error) => void message.error(errorMessage(error)),
  });

  const upload = useMutation({
    mutationFn: ({ organisationId, sheet }: { organisationId: string; sheet: File }) => uploadImport(organisationId, sheet),
    onMutate: () => setUploadMessages([]),
    onSuccess: (result) => {
      setImported(result);
      setCommitMessages([]);
      setStep(1);
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
        setUploadMessages([errorMessage(error)]);
        return;
      }
      const lines: string[] = [];
      for (const fieldError of error.fieldErrors) {
        if (fieldError.field === 'organisation_id') {
          form.setFields([{ name: 'organisation_id', errors: [tFieldError(fieldError)] }]);
        } else if (fieldError.field === 'file') {
          setFileError(t('memberImport.fileInvalid', { message: fieldError.message ?? tFieldError(fieldError) }));
        } else {
          lines.push(`${fieldError.field}: ${tFieldError(fieldError)}`);
        }
      }
      if (lines.length > 0) setUploadMessages([tError(error.code), ...lines]);
    },
  });

  const commit = useMutation({
    mutationFn: ({ id, mode }: { id: string; mode: CommitMode }) => commitImport(id, mode),
    onMutate: () => setCommitMessages([]),
    onSuccess: async (result) => {
      setImported(result);
      setStep(3);
      await queryClient.invalidateQueries({ queryKey: MEMBERS_QUERY_KEY });
    },
    onError: async (error, { id }) => {
      if (error instanceof ApiError && error.status === 409) {
        setCommitMessages(conflictMessages(error, tError));
        // Committed meanwhile (another tab, a lost answer): show what went in.
        const current = await getImport(id).catch(() => null);
        if (current?.status === 'committed') {
          setImported(current);
          setStep(3);
          await queryClient.invalidateQueries({ queryKey: MEMBERS_QUERY_KEY });
        }
        return;
      }
      setCommitMessages([errorMessage(error)]);
    },
  });

  const restart = () => {
    setImported(null);
    setFile(null);
    setFileError(null);
    setUploadMessages([]);
    setCommitMessages([]);
    upload.reset();
    commit.reset();
    setStep(0);
  };

  const pickFile = (picked: File) => {
    const problem = fileProblem(picked);
    setFileError(problem === null ? null : t(`memberImport.fileProblems.${problem}`));
    setFile(problem === null ? picked : null);
  };

  const submit = (values: SelectValues) => {
    if (!file) {
      setFileError(t('memberImport.fileRequired'));
      return;
    }
    if (values.organisation_id) upload.mutate({ organisationId: values.organisation_id, sheet: file });
  };

  const fileList: UploadFile[] = file ? [{ uid: 'sheet', name: file.name, size: file.size, status: 'done' }] : [];

  const selectStep = (
    <Form<SelectValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }} data-testid="import-form">
      <Form.Item
        name="organisation_id"
        label={t('memberImport.organisation')}
        rules={[{ required: true, message: t('memberImport.organisationRequired') }]}
      >
        <OrganisationSelect holdsMembers data-testid="import-organisation" />
      </Form.Item>
      <Form.Item label={t('memberImport.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={template.isPending}
              onClick={() => template.mutate()}
              data-testid="import-template"
            >
              {t('memberImport.downloadTemplate')}
            </Button>
            <Typography.Text type="secondary">{t('memberImport.templateHint')}</Typography.Text>
          </Space>
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            multiple={false}
            fileList={fileList}
            beforeUpload={(picked) => {
              pickFile(picked);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setFileError(null);
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('memberImport.dragText')}</p>
            <p className="ant-upload-hint">{t('memberImport.dragHint')}</p>
          </Upload.Dragger>
        </Space>
      </Form.Item>
      {uploadMessages.length > 0 && (
        <Form.Item>
          <ProblemAlert error={upload.error} messages={uploadMessages} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="import-upload">
        {t('memberImport.upload')}
      </Button>
    </Form>
  );

  return (
    <Card title={t('memberImport.title')} extra={<Link to="/members">{t('member.backToList')}</Link>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Steps
          current={step}
          data-testid="import-steps"
          items={[
            { title: t('memberImport.steps.select') },
            { title: t('memberImport.steps.preview') },
            { title: t('memberImport.steps.commit') },
            { title: t('memberImport.steps.result') },
          ]}
        />
        {step === 0 && selectStep}
        {step === 1 && imported && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Summary imported={imported} />
            <ErrorTable imported={imported} />
            <PreviewTable rows={imported.preview} genderLabel={(code) => codes.label('genders', code)} />
            <Space>
              <Button onClick={restart} data-testid="import-restart">
                {t('memberImport.restart')}
              </Button>
              <Button type="primary" onClick={() => setStep(2)} data-testid="import-next">
                {t('memberImport.next')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 2 && imported && (
          <CommitStep
            imported={imported}
            pending={commit.isPending ? commit.variables.mode : null}
            messages={commitMessages}
            error={commit.error}
            onCommit={(mode) => commit.mutate({ id: imported.id, mode })}
            onBack={() => setStep(1)}
            onRestart={restart}
          />
        )}
        {step === 3 && imported && <ResultStep imported={imported} messages={commitMessages} onRestart={restart} />}
      </Space>
    </Card>
  );
}

function Summary({ imported }: { imported: MemberImport }) {
  const { t } = useI18n();
  return (
    <Space size="large" wrap data-testid="import-summary">
      <Statistic title={t('memberImport.summary.file')} value={imported.file_name ?? '—'} valueStyle={{ fontSize: 16 }} />
      <Statistic
        title={t('memberImport.summary.organisation')}
        value={imported.organisation_name}
        valueStyle={{ fontSize: 16 }}
      />
      <div data-testid="import-total">
        <Statistic title={t('memberImport.summary.total')} value={imported.total_rows} />
      </div>
      <div data-testid="import-valid">
        <Statistic title={t('memberImport.summary.valid')} value={imported.valid_rows} valueStyle={{ color: '#389e0d' }} />
      </div>
      <div data-testid="import-invalid">
        <Statistic
          title={t('memberImport.summary.invalid')}
          value={imported.invalid_rows}
          valueStyle={imported.invalid_rows > 0 ? { color: '#cf1322' } : undefined}
        />
      </div>
    </Space>
  );
}

/** The rows with errors: the bad columns as red tags, each problem translated with the server's detail. */
function ErrorTable({ imported, title }: { imported: MemberImport; title?: string }) {
  const { t, tFieldError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const report = useMutation({
    mutationFn: () => downloadErrorReport(imported.id),
    onError: (error) => void message.error(errorMessage(error)),
  });
  const rows = groupErrorsByRow(imported.errors);
  const columns: TableColumnsType<RowErrors> = [
    { title: t('memberImport.columns.row'), dataIndex: 'row', width: 80 },
    {
      title: t('memberImport.columns.column'),
      key: 'columns',
      render: (_value, row) => (
        <Space size={[0, 4]} wrap>
          {row.columns.map((column) => (
            <Tag key={column} color="error" data-testid="import-error-column">
              {column}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('memberImport.columns.problem'),
      key: 'problems',
      render: (_value, row) => (
        <Space direction="vertical" size={0}>
          {row.errors.map((error, index) => (
            <span key={index} data-testid="import-error-problem">
              <Typography.Text type="danger">
                {error.column || error.field}：{tFieldError({ code: error.code, message: error.message })}
              </Typography.Text>
              {error.message && <Typography.Text type="secondary">（{error.message}）</Typography.Text>}
            </span>
          ))}
        </Space>
      ),
    },
  ];
  if (rows.length === 0) return <Alert type="success" showIcon message={t('memberImport.noErrors')} data-testid="import-no-errors" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title ?? t('memberImport.errorsTitle', { count: imported.invalid_rows })}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} loading={report.isPending} onClick={() => report.mutate()} data-testid="import-error-report">
          {t('memberImport.downloadErrors')}
        </Button>
      </Space>
      {imported.errors_truncated && (
        <Alert type="warning" showIcon message={t('memberImport.errorsTruncated', { count: imported.errors.length })} />
      )}
      <Table<RowErrors>
        rowKey="row"
        size="small"
        data-testid="import-errors"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={() => ({ style: { background: '#fff1f0' } })}
      />
    </Space>
  );
}

function PreviewTable({ rows, genderLabel }: { rows: MemberImportPreviewRow[]; genderLabel: (code: string) => string }) {
  const { t } = useI18n();
  const columns: TableColumnsType<MemberImportPreviewRow> = [
    { title: t('memberImport.columns.row'), dataIndex: 'row', width: 80 },
    { title: t('member.fields.name'), dataIndex: 'name' },
    { title: t('member.fields.id_number'), dataIndex: 'id_number', render: (value: string) => <code>{value}</code> },
    {
      title: t('member.fields.gender'),
      dataIndex: 'gender',
      render: (value: string | null | undefined) => (value ? genderLabel(value) : ''),
    },
    { title: t('member.fields.joined_on'), dataIndex: 'joined_on', render: (value: string | null | undefined) => formatDate(value) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('memberImport.previewTitle')}
      </Typography.Title>
      <Table<MemberImportPreviewRow>
        rowKey="row"
        size="small"
        data-testid="import-preview"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('memberImport.previewEmpty')} /> }}
      />
    </Space>
  );
}

function CommitStep({
  imported,
  pending,
  messages,
  error,
  onCommit,
  onBack,
  onRestart,
}: {
  imported: MemberImport;
  pending: CommitMode | null;
  messages: string[];
  error: unknown;
  onCommit: (mode: CommitMode) => void;
  onBack: () => void;
  onRestart: () => void;
}) {
  const { t } = useI18n();
  const choices = commitChoices(imported);
  const busy = pending !== null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Summary imported={imported} />
      {choices.allOrNothing.reason === 'invalid_rows' && (
        <Alert
          type="warning"
          showIcon
          message={t('memberImport.commitAllHint', { count: imported.invalid_rows })}
          data-testid="import-all-hint"
        />
      )}
      {choices.validOnly.reason === 'no_valid_rows' && (
        <Alert type="warning" showIcon message={t('memberImport.noValidHint')} data-testid="import-no-valid" />
      )}
      {messages.length > 0 && <ProblemAlert error={error} messages={messages} />}
      <Space wrap>
        <Button onClick={onBack} disabled={busy} data-testid="import-back">
          {t('memberImport.previous')}
        </Button>
        <Button onClick={onRestart} disabled={busy}>
          {t('memberImport.restart')}
        </Button>
        <Popconfirm
          title={t('memberImport.confirmAll', { valid: imported.valid_rows })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          disabled={!choices.allOrNothing.enabled || busy}
          onConfirm={() => onCommit('all_or_nothing')}
        >
          <Button
            type="primary"
            disabled={!choices.allOrNothing.enabled || (busy && pending !== 'all_or_nothing')}
            loading={pending === 'all_or_nothing'}
            data-testid="import-commit-all"
          >
            {t('memberImport.commitAll')}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={t('memberImport.confirmValid', { valid: imported.valid_rows, leftOut: choices.leftOut })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          disabled={!choices.validOnly.enabled || busy}
          onConfirm={() => onCommit('valid_only')}
        >
          <Button
            disabled={!choices.validOnly.enabled || (busy && pending !== 'valid_only')}
            loading={pending === 'valid_only'}
            data-testid="import-commit-valid"
          >
            {t('memberImport.commitValid')}
          </Button>
        </Popconfirm>
      </Space>
    </Space>
  );
}

function ResultStep({ imported, messages, onRestart }: { imported: MemberImport; messages: string[]; onRestart: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const inserted = imported.inserted ?? 0;
  const leftOut = leftOutCount(imported);
  const listUrl = `/members?organisation_id=${encodeURIComponent(imported.organisation_id)}`;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {messages.length > 0 && <Alert type="info" showIcon message={messages.join('：')} />}
      <div data-testid="import-result">
        <Result
          status={inserted > 0 ? 'success' : 'warning'}
          title={t('memberImport.resultTitle', { count: inserted })}
          subTitle={t('memberImport.resultSubtitle', {
            organisation: imported.organisation_name,
            file: imported.file_name ?? '—',
            leftOut,
          })}
          extra={[
            <Button key="list" type="primary" onClick={() => void navigate(listUrl)} data-testid="import-to-members">
              {t('memberImport.toMemberList')}
            </Button>,
            <Button key="again" onClick={onRestart} data-testid="import-again">
              {t('memberImport.another')}
            </Button>,
          ]}
        />
      </div>
      {imported.errors.length > 0 && (
        <ErrorTable imported={imported} title={t('memberImport.leftOutTitle', { count: leftOut })} />
      )}
    </Space>
  );
}
