//! /hardship-files/:id — one hardship file: its facts, the review trail, evidence and assistance, with
//! exactly the actions the server allows (`allowed_actions`: edit, evidence, assistance, decisions). Every
//! visit is an audited read, which the page says plainly.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Divider, Empty, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HardshipReview } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatYuan } from '@/lib/money';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { useHardshipFile } from '../api/hardship-files';
import { HardshipAssistanceList } from '../components/hardship-assistance';
import { HardshipDecisionModal } from '../components/hardship-decision-modal';
import { HardshipEvidenceList } from '../components/hardship-evidence';
import { HardshipFormModal } from '../components/hardship-form-modal';
import { decisionsOffered, isReviewDue, type HardshipDecision } from '../components/hardship-logic';
import { HardshipStatusTag } from '../components/hardship-status-tag';

const DECISION_COLORS: Record<string, string> = { approve: 'green', reject: 'red', renew: 'blue', lift: 'gray' };

export function HardshipFilePage() {
  const { id = '' } = useParams<{ id: string }>();
  return <HardshipFileView key={id} id={id} />;
}

function HardshipFileView({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const me = useMe().data;
  const result = useHardshipFile(id);
  const [editing, setEditing] = useState(false);
  const [deciding, setDeciding] = useState<HardshipDecision | null>(null);

  const back = (
    <Link to="/hardship-files">
      <ArrowLeftOutlined /> {t('hardship.backToRegister')}
    </Link>
  );

  if (result.isPending) return <Skeleton active />;
  if (isApiError(result.error, 404)) {
    return (
      <div data-testid="hardship-not-found">
        <Result status="404" title={t('hardship.notFoundTitle')} subTitle={t('hardship.notFoundText')} extra={back} />
      </div>
    );
  }
  if (result.isError) return <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />;

  const current = result.data;
  const { file } = current.detail;
  const allowed = file.allowed_actions;
  const decisions = decisionsOffered(allowed);
  // Why a reviewer who registered the file sees no decision: another reviewer must decide it.
  const selfReview =
    file.status === 'applied' &&
    hasPermission(me, PERMISSIONS.hardshipReview) &&
    !!me &&
    me.id === file.created_by &&
    decisions.length === 0;

  return (
    <Card
      data-testid="hardship-file"
      title={
        <Space direction="vertical" size={4} style={{ padding: '12px 0' }}>
          {back}
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <Link to={`/members/${file.member_id}`} data-testid="hardship-member-name">
                {file.member_name}
              </Link>
            </Typography.Title>
            <HardshipStatusTag status={file.status} />
            <Typography.Text type="secondary">{file.organisation_name}</Typography.Text>
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          {decisions.map((decision) => (
            <Button
              key={decision}
              type={decision === 'approve' || decision === 'renew' ? 'primary' : 'default'}
              danger={decision === 'reject' || decision === 'lift'}
              onClick={() => setDeciding(decision)}
              data-testid={`decision-${decision}`}
            >
              {codes.label('hardship-decisions', decision)}
            </Button>
          ))}
          {allowed.includes('update') && (
            <Button onClick={() => setEditing(true)} data-testid="hardship-edit">
              {t('hardship.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('hardship.auditNotice')} data-testid="hardship-audit-notice" />
        {selfReview && (
          <Alert type="warning" showIcon message={t('hardship.decision.selfReviewHint')} data-testid="self-review-hint" />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="hardship-facts">
          <Descriptions.Item label={t('hardship.fields.category')}>
            {codes.label('hardship-categories', file.category)}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.household_size')}>
            {t('hardship.householdValue', { count: file.household_size })}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.income_yuan')}>
            <span data-testid="hardship-income">{formatYuan(file.monthly_income_per_head_fen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.applied_on')}>{formatDate(file.applied_on)}</Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.reviewed_on')}>{formatDate(file.reviewed_on)}</Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.review_due_on')}>
            <Space size={4}>
              {formatDate(file.review_due_on)}
              {isReviewDue(file) && <Tag color="orange">{t('hardship.reviewDue')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.fields.reason')} span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{file.reason}</Typography.Paragraph>
          </Descriptions.Item>
          {file.review_note && (
            <Descriptions.Item label={t('hardship.fields.review_note')} span={2}>
              {file.review_note}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('hardship.fields.created_at')}>{formatDateTime(file.created_at)}</Descriptions.Item>
        </Descriptions>

        <Divider orientation="left" style={{ margin: '8px 0' }}>
          {t('hardship.reviews.title')}
        </Divider>
        <ReviewTrail reviews={current.detail.reviews} />

        <Divider orientation="left" style={{ margin: '8px 0' }}>
          {t('hardship.evidence.title')}
        </Divider>
        <HardshipEvidenceList fileId={file.id} evidence={current.detail.evidence} canChange={allowed.includes('edit_evidence')} />

        <Divider orientation="left" style={{ margin: '8px 0' }}>
          {t('hardship.assistance.title')}
        </Divider>
        <HardshipAssistanceList
          file={file}
          assistance={current.detail.assistance}
          totalFen={current.detail.assistance_total_fen}
          canAdd={allowed.includes('record_assistance')}
          closedHint={
            file.status === 'applied' && allowed.includes('update') ? t('hardship.assistance.onlyApproved') : undefined
          }
        />
      </Space>

      {editing && (
        <HardshipFormModal
          mode="edit"
          target={current}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('hardship.updated'));
          }}
        />
      )}
      {deciding && (
        <HardshipDecisionModal
          target={current}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onSaved={() => {
            void message.success(t('hardship.decision.done', { decision: codes.label('hardship-decisions', deciding) }));
            setDeciding(null);
          }}
        />
      )}
    </Card>
  );
}

/** Every decision, oldest first. */
function ReviewTrail({ reviews }: { reviews: HardshipReview[] }) {
  const { t } = useI18n();
  const codes = useCodes();
  if (reviews.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hardship.reviews.empty')} />;
  return (
    <Timeline
      data-testid="hardship-reviews"
      mode="left"
      items={reviews.map((review) => ({
        key: review.id,
        color: DECISION_COLORS[review.decision] ?? 'blue',
        label: formatDate(review.decided_on),
        children: (
          <Space direction="vertical" size={0} data-testid="hardship-review">
            <Typography.Text strong>{codes.label('hardship-decisions', review.decision)}</Typography.Text>
            {review.note && <Typography.Text>{review.note}</Typography.Text>}
            {review.review_due_on && (
              <Typography.Text>{t('hardship.reviews.due', { date: formatDate(review.review_due_on) })}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('hardship.reviews.by', { name: review.decided_by_name })}</Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
