//! /course-requests — 职工点菜 (workers order, the school cooks): the demand board of the caller's federation,
//! most supported first. Workers and officers file what they want to learn and back others' requests with a
//! +1 (once); staff who run courses turn an open request into a draft course (排课) and go on to its page.
//! Filters (open / scheduled / all, category, division prefix) live in the URL; "load more" pages on.
import { LikeFilled, LikeOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CourseRequest, CourseRequestPage } from '@/api/types';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { courseRequestKeys, supportCourseRequest, useCourseRequests } from '../api/course-requests';
import { CourseRequestFormModal } from '../components/course-request-form-modal';
import {
  BOARD_STATUSES,
  boardFiltersFrom,
  boardFilterValues,
  boardParamsFrom,
  isDivisionPrefix,
  withRequest,
  type BoardFilterValues,
} from '../components/course-request-logic';
import { ScheduleCourseModal } from '../components/schedule-course-modal';
import { LoadMore } from '@/components/load-more';

export function CourseRequestsPage() {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const codes = useCodes();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = boardFiltersFrom(params);
  const [form] = Form.useForm<BoardFilterValues>();
  const board = useCourseRequests(filters);
  const rows = board.data?.pages.flatMap((page) => page.items) ?? [];
  const [creating, setCreating] = useState(false);
  const [scheduling, setScheduling] = useState<CourseRequest | null>(null);

  const canFile = hasPermission(me, PERMISSIONS.coursesWrite) || hasPermission(me, PERMISSIONS.selfService);
  const canSchedule = hasPermission(me, PERMISSIONS.coursesWrite);
  const canOpenCourses = hasPermission(me, PERMISSIONS.coursesRead);
  const isWorker = hasPermission(me, PERMISSIONS.selfService);

  /** Every board on screen or in the cache gets the request's new state, in place. */
  const updateBoards = (updated: Pick<CourseRequest, 'id'> & Partial<CourseRequest>) =>
    queryClient.setQueriesData<InfiniteData<CourseRequestPage>>({ queryKey: courseRequestKeys.all }, (data) =>
      withRequest(data, updated),
    );

  const support = useMutation({
    mutationFn: (request: CourseRequest) => supportCourseRequest(request.id),
    onSuccess: (updated) => {
      updateBoards(updated);
      void message.success(t('courseRequest.supported', { topic: updated.topic }));
    },
    onError: (error, request) => {
      if (error instanceof ApiError && error.code === 'course_request_supported') {
        updateBoards({ id: request.id, supported_by_me: true });
        void message.info(tError(error.code));
        return;
      }
      void message.error(errorMessage(error));
      if (error instanceof ApiError && error.status === 404) void queryClient.invalidateQueries({ queryKey: courseRequestKeys.all });
    },
  });

  const statusLabel = (status: string) =>
    status === 'scheduled' ? t('courseRequest.statuses.scheduled') : t('courseRequest.statuses.open');

  const renderRequest = (request: CourseRequest, index: number) => {
    const open = request.status === 'open';
    const supporting = support.isPending && support.variables?.id === request.id;
    return (
      <List.Item data-testid="course-request-row" data-topic={request.topic}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, width: '100%', alignItems: 'center' }}>
          <Typography.Text
            type="secondary"
            style={{ width: 28, textAlign: 'center', fontSize: 18, fontWeight: 600 }}
            aria-label={t('courseRequest.rank', { rank: index + 1 })}
          >
            {index + 1}
          </Typography.Text>
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="course-request-topic">
                {request.topic}
              </Typography.Text>
              {request.category && <Tag color="blue">{codes.label('course-categories', request.category)}</Tag>}
              <Tag color={open ? 'green' : 'default'} data-testid="course-request-status">
                {statusLabel(request.status)}
              </Tag>
            </Space>
            <div>
              <Space wrap size={[16, 0]}>
                <Typography.Text type="secondary">
                  {t('courseRequest.divisionValue', { division: request.division })}
                </Typography.Text>
                {request.preferred_times && (
                  <Typography.Text type="secondary">
                    {t('courseRequest.preferredTimesValue', { times: request.preferred_times })}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">
                  {t('courseRequest.filedAt', { time: formatDateTime(request.created_at) })}
                </Typography.Text>
              </Space>
            </div>
          </div>
          <Space wrap>
            <Space size={4} style={{ minWidth: 72 }}>
              <LikeFilled style={{ color: '#c8102e' }} />
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="course-request-supporters">
                {request.supporters}
              </Typography.Text>
              <Typography.Text type="secondary">{t('courseRequest.supportersUnit')}</Typography.Text>
            </Space>
            {open &&
              (request.supported_by_me ? (
                <Button icon={<LikeFilled />} disabled data-testid="course-request-support">
                  {t('courseRequest.supportedByMe')}
                </Button>
              ) : (
                <Button
                  type="primary"
                  ghost
                  icon={<LikeOutlined />}
                  loading={supporting}
                  onClick={() => support.mutate(request)}
                  data-testid="course-request-support"
                >
                  {t('courseRequest.supportAction')}
                </Button>
              ))}
            {open && canSchedule && (
              <Button icon={<ScheduleOutlined />} onClick={() => setScheduling(request)} data-testid="course-request-schedule">
                {t('courseRequest.schedule')}
              </Button>
            )}
            {!open && request.course_id && canOpenCourses && (
              <Link to={`/courses/${request.course_id}`} data-testid="course-request-course-link">
                {t('courseRequest.viewCourse')}
              </Link>
            )}
            {!open && request.course_id && !canOpenCourses && isWorker && (
              <Link to="/me/courses" data-testid="course-request-course-link">
                {t('courseRequest.toMyCourses')}
              </Link>
            )}
          </Space>
        </div>
      </List.Item>
    );
  };

  return (
    <Card
      title={t('courseRequest.title')}
      extra={
        canFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-request-create">
            {t('courseRequest.create')}
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('courseRequest.intro')}
        </Typography.Paragraph>
        <Form<BoardFilterValues>
          form={form}
          layout="inline"
          initialValues={boardFilterValues(filters)}
          onFinish={(values) => setParams(boardParamsFrom(values))}
          data-testid="course-request-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="status" label={t('courseRequest.filters.status')}>
            <Select
              style={{ width: 120 }}
              options={BOARD_STATUSES.map((status) => ({ value: status, label: t(`courseRequest.statuses.${status}`) }))}
              data-testid="course-request-filter-status"
            />
          </Form.Item>
          <Form.Item name="category" label={t('courseRequest.filters.category')}>
            <Select
              allowClear
              style={{ width: 170 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('course-categories')}
              data-testid="course-request-filter-category"
            />
          </Form.Item>
          <Form.Item
            name="division"
            label={t('courseRequest.filters.division')}
            tooltip={t('courseRequest.divisionFilterHint')}
            rules={[
              {
                validator: (_rule, value: string | undefined) =>
                  !value || !value.trim() || isDivisionPrefix(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('courseRequest.divisionPrefixFormat'))),
              },
            ]}
          >
            <Input allowClear inputMode="numeric" maxLength={8} style={{ width: 120 }} data-testid="course-request-filter-division" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="course-request-filter-submit">
              {t('common.search')}
            </Button>
            <Button
              data-testid="course-request-filter-reset"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(boardFilterValues({}));
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {board.isError ? (
          <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <List<CourseRequest>
            data-testid="course-request-list"
            loading={board.isPending}
            dataSource={rows}
            rowKey="id"
            renderItem={renderRequest}
            locale={{ emptyText: <Empty description={t('courseRequest.empty')} /> }}
          />
        )}
        <LoadMore pages={board} />
      </Space>

      {creating && (
        <CourseRequestFormModal
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void message.success(t('courseRequest.created', { topic: saved.topic }));
          }}
          onSupported={(supported) => {
            setCreating(false);
            void message.success(t('courseRequest.supported', { topic: supported.topic }));
          }}
        />
      )}
      {scheduling && (
        <ScheduleCourseModal
          request={scheduling}
          onClose={() => setScheduling(null)}
          onSaved={(course) => {
            setScheduling(null);
            void message.success(t('courseRequest.scheduled', { title: course.title }));
            void navigate(`/courses/${course.id}`);
          }}
        />
      )}
    </Card>
  );
}
