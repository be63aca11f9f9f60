//! 我的报名: the worker's enrolments, newest first, with their state (a place, the waitlist position, or how
//! it ended), 签到 for those with a place and 退出报名 until the course starts (the API refuses after, with
//! `course_started`, which shows here).
import { LogoutOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OwnEnrolment } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { ownCourseKeys, withdrawOwn } from '../api/own-courses';
import { CheckinModal } from './checkin-modal';
import { canCheckIn, canWithdraw } from './course-logic';
import { ownCourseErrorMessage } from './own-errors';

const STATUS_COLOURS: Record<string, string> = { enrolled: 'green', waitlisted: 'orange' };

export function OwnEnrolments({ enrolments }: { enrolments: UseQueryResult<{ items: OwnEnrolment[] }> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [checkingIn, setCheckingIn] = useState<OwnEnrolment | null>(null);
  const [failure, setFailure] = useState<{ id: string; error: unknown } | null>(null);

  const withdraw = useMutation({
    mutationFn: (own: OwnEnrolment) => withdrawOwn(own.enrolment.course_id, own.enrolment.id),
    onSuccess: async (_answer, own) => {
      setFailure(null);
      void message.success(t('myCourses.withdrawn', { title: own.course_title }));
      await queryClient.invalidateQueries({ queryKey: ownCourseKeys.all });
    },
    onError: async (error, own) => {
      setFailure({ id: own.enrolment.id, error });
      await queryClient.invalidateQueries({ queryKey: ownCourseKeys.all });
    },
  });

  if (enrolments.isError) return <ProblemAlert error={enrolments.error} onRetry={() => void enrolments.refetch()} />;
  return (
    <>
      <List<OwnEnrolment>
        data-testid="my-enrolments"
        loading={enrolments.isPending}
        dataSource={enrolments.data?.items ?? []}
        rowKey={(own) => own.enrolment.id}
        locale={{ emptyText: <Empty description={t('myCourses.enrolmentsEmpty')} /> }}
        renderItem={(own) => {
          const e = own.enrolment;
          return (
            <List.Item data-testid="my-enrolment" data-title={own.course_title}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
                  <Space wrap size={[8, 4]}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {own.course_title}
                    </Typography.Text>
                    <Tag color={STATUS_COLOURS[e.status]} data-testid="my-enrolment-status">
                      {codes.label('enrolment-statuses', e.status)}
                    </Tag>
                    {e.status === 'waitlisted' && e.waitlist_position && (
                      <Typography.Text data-testid="my-enrolment-position">
                        {t('myCourses.waitlistPosition', { position: e.waitlist_position })}
                      </Typography.Text>
                    )}
                  </Space>
                  <Space wrap>
                    {canCheckIn(e) && (
                      <Button type="primary" icon={<QrcodeOutlined />} onClick={() => setCheckingIn(own)} data-testid="my-checkin">
                        {t('myCourses.checkin.action')}
                      </Button>
                    )}
                    {canWithdraw(e) && (
                      <Popconfirm
                        title={t('myCourses.confirmWithdraw', { title: own.course_title })}
                        description={e.status === 'enrolled' ? t('myCourses.withdrawHint') : undefined}
                        okText={t('myCourses.withdraw')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => withdraw.mutate(own)}
                      >
                        <Button
                          danger
                          icon={<LogoutOutlined />}
                          loading={withdraw.isPending && withdraw.variables?.enrolment.id === e.id}
                          data-testid="my-withdraw"
                        >
                          {t('myCourses.withdraw')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                </div>
                <Space wrap size={[16, 0]}>
                  <Typography.Text type="secondary">{t('myCourses.askedAt', { time: formatDateTime(e.created_at) })}</Typography.Text>
                  {e.enrolled_at && (
                    <Typography.Text type="secondary">{t('myCourses.placeAt', { time: formatDateTime(e.enrolled_at) })}</Typography.Text>
                  )}
                  {e.left_at && (
                    <Typography.Text type="secondary">{t('myCourses.leftAt', { time: formatDateTime(e.left_at) })}</Typography.Text>
                  )}
                  {e.left_reason && <Typography.Text type="secondary">{e.left_reason}</Typography.Text>}
                </Space>
                {failure?.id === e.id && (
                  <ProblemAlert error={failure.error} messages={[ownCourseErrorMessage(failure.error, i18n)]} />
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      {checkingIn && <CheckinModal enrolment={checkingIn} onClose={() => setCheckingIn(null)} />}
    </>
  );
}
