//! /courses — 培训课程: the courses of the user's scope, filtered by status (several), category, title,
//! union (with everything below it) and "不足开班人数"; filters in the URL, keyset pagination with "load
//! more", and 新建课程 for those with `courses:write`.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Course } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { formatYuan } from '@/lib/money';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { useCourses, useOrganisationFacts } from '../api/courses';
import {
  courseFiltersFrom,
  courseFilterValues,
  courseParamsFrom,
  TITLE_SEARCH_MAX,
  type CourseFilterValues,
} from '../components/course-catalogue-filters';
import { CourseFormModal } from '../components/course-form-modal';
import { BelowMinimumTag, CourseStatusTag } from '../components/course-status-tag';
import { LoadMore } from '@/components/load-more';

export function CourseCataloguePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const me = useMe().data;
  const navigate = useNavigate();
  const canWrite = hasPermission(me, PERMISSIONS.coursesWrite);
  const [params, setParams] = useSearchParams();
  const filters = courseFiltersFrom(params);
  const [form] = Form.useForm<CourseFilterValues>();
  const [creating, setCreating] = useState(false);
  const result = useCourses(filters);
  const organisationName = useOrganisationFacts(filters.organisation_id).data?.name;
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<Course> = [
    {
      title: t('course.fields.title'),
      dataIndex: 'title',
      render: (title: string, course) => (
        <Link to={`/courses/${course.id}`} data-testid="course-link">
          {title}
        </Link>
      ),
    },
    { title: t('course.fields.organisation_name'), dataIndex: 'organisation_name' },
    {
      title: t('course.fields.category'),
      dataIndex: 'category',
      render: (category: string) => codes.label('course-categories', category),
    },
    {
      title: t('course.fields.status'),
      dataIndex: 'status',
      render: (status: string, course) => (
        <Space size={4} wrap>
          <CourseStatusTag status={status} />
          {course.below_minimum && <BelowMinimumTag />}
        </Space>
      ),
    },
    {
      title: t('course.fields.places'),
      key: 'places',
      align: 'right',
      render: (_value, course) => (
        <span data-testid="course-places">
          {t('course.placesValue', { enrolled: course.enrolled_count, max: course.max_places })}
        </span>
      ),
    },
    {
      title: t('course.fields.enrol_window'),
      key: 'window',
      render: (_value, course) => (
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(course.enrol_opens_at)}
          <br />
          {formatDateTime(course.enrol_closes_at)}
        </Typography.Text>
      ),
    },
    {
      title: t('course.fields.fee'),
      dataIndex: 'fee_fen',
      align: 'right',
      render: (fen: number) => (fen === 0 ? t('course.free') : formatYuan(fen)),
    },
  ];

  return (
    <Card
      title={t('course.catalogueTitle')}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-create">
            {t('course.create')}
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<CourseFilterValues>
          form={form}
          layout="inline"
          initialValues={courseFilterValues(filters)}
          onFinish={(values) => setParams(courseParamsFrom(values))}
          data-testid="course-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('course.filters.q')}>
            <Input allowClear maxLength={TITLE_SEARCH_MAX} style={{ width: 180 }} data-testid="course-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('course.filters.status')}>
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('course-statuses')}
              data-testid="course-filter-status"
            />
          </Form.Item>
          <Form.Item name="category" label={t('course.filters.category')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('course-categories')}
              data-testid="course-filter-category"
            />
          </Form.Item>
          <Form.Item name="organisation_id" label={t('course.filters.organisation_id')}>
            <OrganisationSelect
              allowClear
              initialLabel={organisationName}
              placeholder={t('common.all')}
              style={{ width: 260 }}
              data-testid="course-filter-organisation"
            />
          </Form.Item>
          <Form.Item name="below_minimum" valuePropName="checked">
            <Checkbox data-testid="course-filter-below-minimum">{t('course.filters.below_minimum')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="course-filter-submit">
              {t('common.search')}
            </Button>
            <Button
              data-testid="course-filter-reset"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(courseFilterValues({}));
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<Course>
            rowKey="id"
            size="middle"
            data-testid="course-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('course.empty')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>

      {creating && (
        <CourseFormModal
          mode="create"
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void message.success(t('course.created', { title: saved.title }));
            void navigate(`/courses/${saved.id}`);
          }}
        />
      )}
    </Card>
  );
}
